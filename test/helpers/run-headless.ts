/**
 * `runTui` on a headless terminal, as `chat tui` runs it on a real one, with every write
 * to the terminal recorded so a test can count frames or search the raw sequences.
 */
import type {ExecutionContext} from 'ava';
import {runTui, type RunTuiOptions} from '../../tui/run.js';
import type {ChatSession} from '../../tui/session/index.js';
import type {FrameClock} from '../../tui/terminal/frame-clock.js';
import {createHeadlessTerminal, type HeadlessTerminal, type TerminalSizeInCells} from './headless-terminal.js';
import {isOnline, until} from '../tui/session/helpers.js';

export interface RecordedTerminal {
	readonly term: HeadlessTerminal;
	/** Everything written to the terminal, in order. */
	readonly written: string[];
}

/** A headless terminal whose stdout remembers each chunk; cleaned up when the test ends. */
export function createRecordedTerminal(t: ExecutionContext, size: TerminalSizeInCells): RecordedTerminal {
	const term = createHeadlessTerminal(size);
	t.teardown(() => term.cleanup());
	const written: string[] = [];
	const write = term.stdout.write.bind(term.stdout);
	term.stdout.write = ((chunk: string, ...rest: Parameters<typeof write> extends [unknown, ...infer R] ? R : never) => {
		written.push(String(chunk));
		return write(chunk, ...rest);
	}) as typeof term.stdout.write;
	return {term, written};
}

export interface RunningTui {
	readonly session: ChatSession;
	readonly exit: Promise<number>;
}

/**
 * Runs the client as alice on `term` against the server at `port`, and resolves once it is
 * online with nothing in flight. The frame clock is the caller's: it decides whether frames
 * are drawn at once or merged per interval. The session is stopped when the test ends.
 */
export async function runHeadlessTui(
	t: ExecutionContext,
	term: HeadlessTerminal,
	port: number,
	frameClock: FrameClock,
	options: Partial<RunTuiOptions> = {},
): Promise<RunningTui> {
	let session: ChatSession | undefined;
	const exit = runTui({
		host: '127.0.0.1',
		port,
		name: 'alice',
		stdin: term.stdin as unknown as NodeJS.ReadStream,
		stdout: term.stdout as unknown as NodeJS.WriteStream,
		stderr: term.stderr as unknown as NodeJS.WriteStream,
		exitGuard: false,
		frameClock,
		onSession: (created) => {
			session = created;
		},
		...options,
	});
	t.teardown(() => session?.stop());
	await until(session!, 'online', (s) => isOnline(s) && s.inFlight.length === 0);
	return {session: session!, exit};
}
