/**
 * `chat tui --plain` (and TERM=dumb): the client as lines. Incoming lines are printed as
 * they come; input is read a line at a time, with the terminal's own line editing
 * (cooked mode), and goes through the same session, so the slash commands are the
 * same; a password is read with the echo off (plain-input.ts). No escape sequence is
 * ever written: it works on a terminal that cannot address the cursor, through a screen
 * reader, and on a pipe.
 */
import type {ServerAddress} from '../connection/chat-connection.js';
import type {Transport} from '../connection/transport.js';
import {parseInput} from '../input/index.js';
import {ChatSession} from '../session/index.js';
import {unsentMessages} from '../state/index.js';
import {BELL, PageRing, type RingTimers} from '../session/page-ring.js';
import {PlainInput, type PlainStdin} from './plain-input.js';
import {PlainPrinter} from './plain-printer.js';

export interface RunPlainOptions {
	readonly host: string;
	readonly port: number;
	/** Other nodes of the same chat, tried in turn when the current one fails (`--host a,b`). */
	readonly fallbacks?: readonly ServerAddress[];
	readonly name?: string | undefined;
	readonly password?: string | undefined;
	readonly transport?: Transport | undefined;
	/** Ring the bell on DMs and mentions. Default true. */
	readonly bell?: boolean;
	readonly stdin: PlainStdin;
	readonly stdout: NodeJS.WritableStream;
	/** Called with the session once it exists (tests watch its state). */
	readonly onSession?: (session: ChatSession) => void;
	/** The page ring's timers (tests hold them). */
	readonly ringTimers?: RingTimers;
}

/** Runs until the user quits or the input ends; resolves with the exit code (0). */
export async function runPlain(options: RunPlainOptions): Promise<number> {
	const {stdin, stdout} = options;
	const session = new ChatSession({
		host: options.host,
		port: options.port,
		fallbacks: options.fallbacks,
		name: options.name,
		password: options.password,
		transport: options.transport,
	});
	options.onSession?.(session);
	let inputEnded = false;
	const input = new PlainInput(stdin, {
		line(text, hidden) {
			if (hidden) {
				// The echo was off: Enter did not move the cursor off the prompt's line.
				stdout.write('\n');
			}

			// Asked whether to quit with messages unsent: any line but another quit is staying (Escape, on the full screen).
			const state = session.getState();
			if (state.quit === 'confirming' && parseInput(text, state).kind !== 'quit') {
				session.dismiss();
			}

			session.submit(text);
		},
		// The end of input is the user leaving (Ctrl-D), a script's pipe done, or the terminal
		// gone: goodbye, once what was typed is sent. Nobody is left to answer the question
		// about unsent messages, so the client waits for them instead (Ctrl-C leaves now).
		end() {
			inputEnded = true;
			const state = session.getState();
			const unsent = unsentMessages(state);
			if (state.quit === 'no' && unsent > 0) {
				stdout.write(
					`Input ended: leaving once ${unsent === 1 ? 'the message' : `the ${unsent} messages`} typed ${unsent === 1 ? 'is' : 'are'} sent (Ctrl-C leaves now).\n`,
				);
			}

			print();
		},
		interrupt: () => session.quit(),
	});
	const printer = new PlainPrinter({passwordsHidden: input.canHide});
	const ring = new PageRing((bell) => stdout.write(bell), options.ringTimers);
	const print = (): void => {
		const state = session.getState();
		// Asked to quit, and nothing is unsent any more (confirmed meanwhile), or the input
		// ended with nothing unsent: nothing is left to ask or wait for.
		if (
			(state.quit === 'confirming' && (unsentMessages(state) === 0 || inputEnded)) ||
			(state.quit === 'no' && inputEnded && unsentMessages(state) === 0)
		) {
			session.quit();
			return;
		}

		// The echo goes off before the prompt is printed: a key typed the moment it shows is not echoed either.
		const prompt = state.passwordPrompt;
		if (prompt !== undefined && !(prompt.purpose === 'login' && prompt.checking)) {
			input.hideNext();
		} else {
			input.showAgain();
		}

		const lines = printer.update(state);
		if (lines.length > 0) {
			stdout.write(`${lines.join('\n')}\n`);
		}

		ring.set(state.pages.banners.length > 0);
		// Help is said once, as lines; closed again so the next /help says it again.
		if (state.help) {
			session.dismiss();
		}
	};

	const unsubscribe = session.subscribe(print);
	const stopBell = options.bell === false ? () => {} : session.onBell(() => stdout.write(BELL));
	session.start();
	print();
	try {
		await session.exited;
		return 0;
	} finally {
		print();
		ring.stop();
		unsubscribe();
		stopBell();
		input.close();
	}
}
