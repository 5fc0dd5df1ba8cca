/**
 * Plain line mode's input. Lines come as the terminal's own line editing (cooked mode)
 * gives them, echoed by the terminal as typed. While a password is asked for, on a
 * terminal, the next line is read with echo off instead: the terminal is put in raw
 * mode for it and the keys are taken one by one (Backspace, Ctrl-U, Enter; Ctrl-C and
 * Ctrl-D on an empty line leave), so the password never appears on the screen or in its
 * scrollback. A pipe is read as lines throughout: nothing echoes it.
 */
import {StringDecoder} from 'node:string_decoder';

/** The part of a terminal's input stream raw mode needs (tty.ReadStream has it; a pipe has not). */
export interface PlainStdin extends NodeJS.ReadableStream {
	readonly isTTY?: boolean;
	setRawMode?(raw: boolean): unknown;
}

export interface PlainInputHandlers {
	/**
	 * A line typed; `hidden` when it was read with echo off (the terminal's cursor is still
	 * on its line). The echo stays off until showAgain: call it here when no more is asked.
	 */
	line(text: string, hidden: boolean): void;
	/** The input ended (Ctrl-D on an empty line, the pipe closed). */
	end(): void;
	/** Ctrl-C, or Ctrl-D on an empty line, while a password was read: raw mode sends no SIGINT. */
	interrupt(): void;
}

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\x7f', '\b']);
const CTRL_C = '\x03';
const CTRL_D = '\x04';
const CTRL_U = '\x15';
const ESCAPE = '\x1b';

export class PlainInput {
	private readonly decoder = new StringDecoder('utf8');
	/** A line being typed in cooked mode, up to its newline. */
	private pending = '';
	/** The line being typed with echo off; undefined in cooked mode. */
	private secret: string | undefined;
	/** Inside an escape sequence (an arrow key) typed while the echo is off: skipped. */
	private escape: 'start' | 'sequence' | undefined;

	constructor(
		private readonly stdin: PlainStdin,
		private readonly handlers: PlainInputHandlers,
	) {
		stdin.on('data', this.data);
		stdin.on('end', this.ended);
	}

	/** Whether a line can be read with echo off here: a terminal, which has raw mode. */
	get canHide(): boolean {
		return this.stdin.isTTY === true && typeof this.stdin.setRawMode === 'function';
	}

	/** Lines are read with echo off from now, when this is a terminal, until showAgain. */
	hideNext(): void {
		if (this.secret === undefined && this.canHide) {
			this.stdin.setRawMode!(true);
			this.secret = '';
			this.escape = undefined;
		}
	}

	/** Back to lines as the terminal edits and echoes them: the password is no longer asked for. */
	showAgain(): void {
		if (this.secret !== undefined) {
			this.secret = undefined;
			this.stdin.setRawMode!(false);
		}
	}

	/** Stops reading, the terminal as it was. */
	close(): void {
		this.showAgain();
		this.stdin.off('data', this.data);
		this.stdin.off('end', this.ended);
		// As readline leaves it: a terminal's input no longer read keeps no process alive.
		this.stdin.pause();
	}

	private readonly data = (chunk: Buffer | string): void => {
		const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
		// Character by character: a line can change the mode (a password asked for) for the rest of the chunk.
		for (const char of text) {
			if (this.secret === undefined) {
				this.cooked(char);
			} else {
				this.hidden(char, this.secret);
			}
		}
	};

	private cooked(char: string): void {
		if (char !== '\n') {
			this.pending += char;
			return;
		}

		const line = this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending;
		this.pending = '';
		this.handlers.line(line, false);
	}

	private hidden(char: string, secret: string): void {
		if (this.escape !== undefined) {
			// ESC, then [ or O, then parameters up to a final byte: a key that is not text.
			this.escape =
				this.escape === 'start' && (char === '[' || char === 'O')
					? 'sequence'
					: char >= '@' && char <= '~'
						? undefined
						: this.escape;
			return;
		}

		if (ENTER.has(char)) {
			// Still hidden: the line's handler says whether another is asked for (a password
			// typed twice) or the echo comes back (showAgain), before the terminal sends more.
			this.secret = '';
			this.handlers.line(secret, true);
		} else if (BACKSPACE.has(char)) {
			this.secret = [...secret].slice(0, -1).join('');
		} else if (char === CTRL_U) {
			this.secret = '';
		} else if (char === CTRL_C || (char === CTRL_D && secret === '')) {
			this.showAgain();
			this.handlers.interrupt();
		} else if (char === ESCAPE) {
			this.escape = 'start';
		} else if (char >= ' ') {
			this.secret = secret + char;
		}
	}

	private readonly ended = (): void => {
		this.showAgain();
		const rest = this.pending + this.decoder.end();
		this.pending = '';
		if (rest !== '') {
			this.handlers.line(rest, false);
		}

		this.handlers.end();
	};
}
