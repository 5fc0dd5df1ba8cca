/**
 * Ctrl-Z and SIGTSTP: the client stops like any terminal program, and comes back whole.
 *
 * In raw mode the terminal sends Ctrl-Z to the program as a byte instead of stopping it,
 * so the key asks for the stop itself: SIGTSTP to its whole process group, as the
 * terminal would have sent it (an `npx chat` parent must stop too, or the shell never
 * gets its prompt back). A SIGTSTP from anywhere (`kill -TSTP`, a job-control shell)
 * lands here: the terminal is given back as on exit (normal screen, cursor, modes, cooked
 * mode) so the shell's `Stopped` line and prompt are drawn on the user's screen, and the
 * process then stops with the default action. On SIGCONT (`fg`) the screen is taken
 * again and painted whole: what the terminal showed meanwhile is unknown.
 */

/** The parts of `process` suspending uses, so tests can hand it a fake. */
export interface SuspendableProcess {
	readonly pid: number;
	on(event: 'SIGTSTP' | 'SIGCONT', listener: () => void): unknown;
	off(event: 'SIGTSTP' | 'SIGCONT', listener: () => void): unknown;
	kill(pid: number, signal: 'SIGTSTP'): unknown;
}

export interface SuspendOptions {
	/** Gives the terminal back as on exit; called just before the process stops. */
	readonly leave: () => void;
	/** Takes the terminal again and repaints it whole; called when the process continues. */
	readonly resume: () => void;
	/** Default: the real `process`. */
	readonly process?: SuspendableProcess;
}

export interface Suspender {
	/** What Ctrl-Z does: stops the process group, through the SIGTSTP handler below. */
	suspend(): void;
	/** Removes the signal handlers. */
	dispose(): void;
}

/** Process id 0 signals the caller's whole process group, as the terminal does. */
const OWN_PROCESS_GROUP = 0;

export function handleSuspend({leave, resume, process: target = process}: SuspendOptions): Suspender {
	let suspended = false;

	const onStop = () => {
		if (suspended) {
			return;
		}

		suspended = true;
		leave();
		// With no listener Node puts back the default action, which stops the process: the
		// shell then sees it stopped by SIGTSTP (`Stopped`), as for any program.
		target.off('SIGTSTP', onStop);
		target.kill(target.pid, 'SIGTSTP');
	};

	const onContinue = () => {
		// SIGCONT also arrives without a stop before it (`kill -CONT`): nothing to undo then.
		if (!suspended) {
			return;
		}

		suspended = false;
		target.on('SIGTSTP', onStop);
		resume();
	};

	target.on('SIGTSTP', onStop);
	target.on('SIGCONT', onContinue);
	return {
		suspend: () => {
			target.kill(OWN_PROCESS_GROUP, 'SIGTSTP');
		},
		dispose: () => {
			target.off('SIGTSTP', onStop);
			target.off('SIGCONT', onContinue);
		},
	};
}
