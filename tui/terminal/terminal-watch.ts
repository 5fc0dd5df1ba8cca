/**
 * Notices a terminal that is gone, so the client leaves the server instead of holding the
 * user's name for a session nobody can see. Over SSH a lost link is learnt late: sshd
 * hangs the session up (SIGHUP, which the exit guard handles) only once its own TCP
 * retries give up, 15 minutes or more. Before that, either reading the terminal ends
 * (EOF, or EIO once the pseudo-terminal is closed), or output written to it stops
 * draining: both are said here. (A blocking terminal write, which Node uses for a local
 * TTY, does not return while it is full: the client then stops answering the server's
 * PINGs, and the server lets the name go at its idle timeout.)
 */
import type {Scheduler, TimerHandle} from '../../protocol/index.js';

/** Output queued and not drained for this long: nobody is reading the terminal. */
export const OUTPUT_STALL_MS = 30_000;
/** How often queued output is looked at. */
const CHECK_EVERY_MS = 5000;

/* eslint-disable @typescript-eslint/no-explicit-any -- listeners take what a stream passes them */
export interface WatchedInput {
	on(event: 'end' | 'error', listener: (...args: any[]) => void): unknown;
	off(event: 'end' | 'error', listener: (...args: any[]) => void): unknown;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface WatchedOutput {
	/** Bytes queued in the stream and not yet handed to the OS. */
	readonly writableLength?: number;
}

export interface TerminalWatchOptions {
	readonly stdin: WatchedInput;
	readonly stdout: WatchedOutput;
	/** Told once, with why in words, when the terminal is gone. */
	readonly onGone: (why: string) => void;
	readonly scheduler: Scheduler;
	readonly stallMs?: number;
}

/** Starts watching; returns the function that stops it. */
export function watchTerminal({
	stdin,
	stdout,
	onGone,
	scheduler,
	stallMs = OUTPUT_STALL_MS,
}: TerminalWatchOptions): () => void {
	let done = false;
	let timer: TimerHandle | undefined;
	let queuedSince: number | undefined;

	const stop = () => {
		done = true;
		stdin.off('end', onEnd);
		stdin.off('error', onError);
		if (timer !== undefined) {
			scheduler.clearTimeout(timer);
			timer = undefined;
		}
	};

	const gone = (why: string) => {
		if (!done) {
			stop();
			onGone(why);
		}
	};

	const onEnd = () => gone('the terminal closed (end of input)');
	const onError = (error: NodeJS.ErrnoException) =>
		gone(`the terminal failed (${error.code ?? error.message}); it is gone`);

	const check = () => {
		timer = undefined;
		const now = scheduler.now();
		if ((stdout.writableLength ?? 0) === 0) {
			queuedSince = undefined;
		} else {
			queuedSince ??= now;
			if (now - queuedSince >= stallMs) {
				gone(`nothing written to the terminal was read for ${Math.round(stallMs / 1000)} s`);
				return;
			}
		}

		timer = scheduler.setTimeout(check, Math.min(CHECK_EVERY_MS, stallMs));
	};

	stdin.on('end', onEnd);
	stdin.on('error', onError);
	check();
	return stop;
}
