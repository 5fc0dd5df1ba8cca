/**
 * Makes sure the terminal is restored however the process ends, and that it then ends
 * with the exit code a shell expects.
 *
 * Pass a `restore` that unmounts the Ink instance before restoring the screen (for
 * example `() => { ink.unmount(); restoreScreen(); }`). Ink registers its own exit
 * hook (signal-exit), which runs after ordinary 'exit' listeners and renders one last
 * frame: left to itself it would draw that frame on the normal screen the user returns
 * to. Unmounting first puts the last frame on the alternate screen and removes Ink's hook.
 */

import {inspect} from 'node:util';
import {writeNow, type OutputStream} from './write-now.js';

export type ExitSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** 128 + the signal number, what a shell reports for a process killed by the signal. */
export const EXIT_CODE_FOR_SIGNAL: Readonly<Record<ExitSignal, number>> = {
	SIGHUP: 129, // the SSH connection or the terminal window went away
	SIGINT: 130,
	SIGTERM: 143,
};

export const CRASH_EXIT_CODE = 1;

/** The parts of `process` the guard uses, so tests can hand it a fake. */
/* eslint-disable @typescript-eslint/no-explicit-any -- listeners take what `process.on` passes them, which Node types as any[] */
export interface GuardedProcess {
	on(event: string, listener: (...args: any[]) => void): unknown;
	off(event: string, listener: (...args: any[]) => void): unknown;
	exit(code: number): void;
	readonly stderr: OutputStream;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface ExitGuardOptions {
	/** Default: the real `process`. */
	readonly process?: GuardedProcess;
	/** Told which signal ended the program, after the screen is restored and before it exits. */
	readonly onSignal?: (signal: ExitSignal) => void;
}

/** Removes every listener the guard added. */
export type DisposeExitGuard = () => void;

/**
 * Runs `restore` exactly once on the first of: the process exiting (any `exit()` or an
 * empty event loop), SIGINT, SIGTERM, SIGHUP, an uncaught exception or an unhandled
 * rejection. For a signal the process then exits with 128 + the signal number; for a
 * crash it prints the error once the screen is restored, where the user can read it
 * (printed on the alternate screen, it would vanish with it), and exits with 1.
 *
 * Listening to these events replaces Node's own handling of them (a signal no longer
 * kills the process, an uncaught error no longer prints and exits), which is why the
 * guard does both itself.
 */
export function guardExit(restore: () => void, options: ExitGuardOptions = {}): DisposeExitGuard {
	const target: GuardedProcess = options.process ?? process;
	let restored = false;
	let leaving = false;

	/** Returns what `restore` threw, so it can be reported after the original error. */
	const restoreOnce = (): unknown => {
		if (restored) {
			return undefined;
		}
		restored = true;
		try {
			restore();
			return undefined;
		} catch (error) {
			return error;
		}
	};

	const printError = (error: unknown) => {
		writeNow(target.stderr, `${inspect(error)}\n`);
	};

	const leave = (code: number, afterRestore: () => void) => {
		if (leaving) {
			return;
		}
		leaving = true;
		const restoreError = restoreOnce();
		try {
			afterRestore();
			if (restoreError !== undefined) {
				printError(restoreError);
			}
		} finally {
			target.exit(code);
		}
	};

	const onExit = () => {
		const restoreError = restoreOnce();
		if (restoreError !== undefined) {
			printError(restoreError);
		}
	};
	const onCrash = (error: unknown) => {
		leave(CRASH_EXIT_CODE, () => printError(error));
	};
	const signalListeners = (Object.keys(EXIT_CODE_FOR_SIGNAL) as ExitSignal[]).map((signal) => {
		const listener = () => {
			leave(EXIT_CODE_FOR_SIGNAL[signal], () => options.onSignal?.(signal));
		};
		return [signal, listener] as const;
	});

	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as GuardedProcess
	const listeners: ReadonlyArray<readonly [string, (...args: any[]) => void]> = [
		['exit', onExit],
		['uncaughtException', onCrash],
		['unhandledRejection', onCrash],
		...signalListeners,
	];
	for (const [event, listener] of listeners) {
		target.on(event, listener);
	}
	return () => {
		for (const [event, listener] of listeners) {
			target.off(event, listener);
		}
	};
}
