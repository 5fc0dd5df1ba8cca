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
import {PageRing, type RingTimers} from '../session/page-ring.js';
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
		// The end of input is the user leaving (Ctrl-D) or the terminal gone: either way, goodbye.
		end: () => session.quit(),
		interrupt: () => session.quit(),
	});
	const printer = new PlainPrinter({passwordsHidden: input.canHide});
	const ring = new PageRing((bell) => stdout.write(bell), options.ringTimers);
	const print = () => {
		const state = session.getState();
		const lines = printer.update(state);
		if (lines.length > 0) {
			stdout.write(`${lines.join('\n')}\n`);
		}

		ring.set(state.pages.banners.length > 0);
		const prompt = state.passwordPrompt;
		if (prompt !== undefined && !(prompt.purpose === 'login' && prompt.checking)) {
			input.hideNext();
		} else {
			input.showAgain();
		}

		// Help is said once, as lines; closed again so the next /help says it again.
		if (state.help) {
			session.dismiss();
		}
	};

	const unsubscribe = session.subscribe(print);
	const stopBell = options.bell === false ? () => {} : session.onBell(() => stdout.write('\x07'));
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
