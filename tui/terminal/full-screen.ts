/**
 * Puts the terminal into the state the full-screen TUI needs, and back.
 *
 * The cursor is hidden while the TUI owns the screen: Ink draws each frame by moving
 * the terminal's cursor up over the previous frame and rewriting it, so a visible
 * cursor would flicker across the screen on every frame. The input line draws its own
 * cursor; a component that wants the real cursor (for IME placement) gets it through
 * Ink's `useCursor`, which shows it at that spot after each frame. Ink also hides the
 * cursor on its first frame, but only then: hiding it here covers the moment between
 * entering the alternate screen and that frame.
 */

import {
	CURSOR_HOME,
	DISABLE_BRACKETED_PASTE,
	ENABLE_BRACKETED_PASTE,
	ENTER_ALTERNATE_SCREEN,
	HIDE_CURSOR,
	LEAVE_ALTERNATE_SCREEN,
	SHOW_CURSOR,
} from './escape-sequences.js';
import {writeNow, type OutputStream} from './write-now.js';

/** The parts of an input stream restoring needs; a `tty.ReadStream` or a fake. */
export interface InputStream {
	readonly isTTY?: boolean;
	setRawMode?(enabled: boolean): unknown;
}

export interface TerminalStreams {
	readonly stdin: InputStream;
	readonly stdout: OutputStream;
}

/** Undoes `enterFullScreen`. Safe to call more than once, and from an exit handler. */
export type RestoreTerminal = () => void;

/**
 * Switches to the alternate screen (the user's shell screen and scrollback stay
 * untouched underneath), homes and hides the cursor and turns on bracketed paste.
 * Returns the function that undoes it, in reverse order.
 */
export function enterFullScreen({stdin, stdout}: TerminalStreams): RestoreTerminal {
	writeNow(stdout, ENTER_ALTERNATE_SCREEN + CURSOR_HOME + HIDE_CURSOR + ENABLE_BRACKETED_PASTE);
	let restored = false;
	return () => {
		if (restored) {
			return;
		}
		restored = true;
		try {
			writeNow(stdout, DISABLE_BRACKETED_PASTE + SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
		} finally {
			// Raw mode is Ink's to switch, but a crash or a signal skips Ink's cleanup,
			// and a shell left in raw mode echoes nothing and ignores Enter.
			if (stdin.isTTY === true && typeof stdin.setRawMode === 'function') {
				stdin.setRawMode(false);
			}
		}
	};
}
