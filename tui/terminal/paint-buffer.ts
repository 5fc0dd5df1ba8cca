/**
 * The escape sequences of a screen update being built, together with what the terminal
 * will have done once it has read them: where its cursor is and which style it writes
 * with. Every operation emits only what that state makes necessary (no move to where
 * the cursor already is, no style switch to the style in effect).
 */

import {moveBetween, type CursorState} from './cursor-moves.js';
import type {Cell} from './screen-grid.js';
import {DEFAULT_STYLE_KEY, sgrTransition, type StyleKey} from './sgr-style.js';

/** Reset the style (the erase uses its background), home the cursor, erase the screen. */
export const CLEAR_SCREEN = '\x1b[0m\x1b[H\x1b[2J';
export const ERASE_TO_END_OF_LINE = '\x1b[K';
export const RESET_SCROLL_REGION = '\x1b[r';

/**
 * Wide graphemes whose width terminals disagree on: emoji (most terminals draw them two
 * columns wide, some one), flags, and sequences joined by ZWJ or made emoji by VS16.
 * After writing one, the cursor's column is treated as unknown, so the next cell is
 * placed by an absolute move: a terminal that disagrees then misdraws that grapheme
 * only, not the rest of the row.
 */
const UNCERTAIN_WIDE = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
// An alternation, not a class: a class of a joiner and a variation selector reads as one combined character.
const EMOJI_JOINERS = /\u200d|\ufe0f/;

export function hasUncertainWidth(cell: Cell): boolean {
	const {char} = cell;
	if (char.length === 1 && cell.width !== 2) {
		// Most cells, written one by one: a single code unit matches the joiners only if it is one.
		return char === '\u200d' || char === '\ufe0f';
	}
	return (cell.width === 2 && UNCERTAIN_WIDE.test(cell.char)) || EMOJI_JOINERS.test(cell.char);
}

/**
 * Bytes of `text` as UTF-8, as `Buffer.byteLength` counts them (a lone surrogate as the
 * three bytes of U+FFFD). Counted as each piece is written: asking `Buffer.byteLength`
 * of an update built by concatenation copies it flat each time, and the diff asks after
 * every row and run it prices.
 */
export function utf8Length(text: string): number {
	let bytes = text.length;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x80) {
			continue;
		}
		if (code < 0x800) {
			bytes += 1;
			continue;
		}
		if (code >= 0xd800 && code <= 0xdbff) {
			const low = text.charCodeAt(index + 1);
			if (low >= 0xdc00 && low <= 0xdfff) {
				// A pair: two code units, four bytes.
				bytes += 2;
				index++;
				continue;
			}
		}
		bytes += 2;
	}
	return bytes;
}

export class PaintBuffer {
	private body = '';
	/** `text`'s UTF-8 bytes, counted as it is written. */
	private written = 0;
	/**
	 * The cursor, as two numbers rather than an object made for every cell written: the
	 * row (undefined when the position is unknown) and the column (undefined when only
	 * the row is known).
	 */
	private row: number | undefined;
	private column: number | undefined;

	/**
	 * @param columns the screen's width, to know when a write reaches the last column.
	 * @param cursor where the terminal's cursor is before this update.
	 * @param style the style the terminal writes with before this update.
	 */
	constructor(
		readonly columns: number,
		cursor: CursorState = undefined,
		public style: StyleKey = DEFAULT_STYLE_KEY,
	) {
		this.cursor = cursor;
	}

	/** The update so far. */
	get text(): string {
		return this.body;
	}

	/** Where the terminal's cursor is after what was written so far. */
	get cursor(): CursorState {
		return this.row === undefined ? undefined : {row: this.row, column: this.column};
	}

	set cursor(cursor: CursorState) {
		this.row = cursor?.row;
		this.column = cursor?.column;
	}

	/** Whether the cursor is known to be at `row`, `column`. */
	isAt(row: number, column: number): boolean {
		return this.row === row && this.column === column;
	}

	/** An empty buffer starting from this one's state: to price an alternative before choosing it. */
	fork(): PaintBuffer {
		const fork = new PaintBuffer(this.columns, undefined, this.style);
		fork.row = this.row;
		fork.column = this.column;
		return fork;
	}

	/** Takes over what a fork wrote and the state it left. */
	adopt(fork: PaintBuffer): void {
		this.body += fork.text;
		this.written += fork.written;
		this.row = fork.row;
		this.column = fork.column;
		this.style = fork.style;
	}

	/** Bytes of the update so far, as UTF-8: what crosses the link. */
	get bytes(): number {
		return this.written;
	}

	moveTo(row: number, column: number): void {
		if (this.row === row && this.column === column) {
			return;
		}
		this.ascii(moveBetween(this.row, this.column, row, column));
		this.row = row;
		this.column = column;
	}

	setStyle(style: StyleKey): void {
		this.ascii(sgrTransition(this.style, style));
		this.style = style;
	}

	/** Writes `cell` at `row`, `column` (the cell left of a continuation cell, never the continuation itself). */
	writeCell(row: number, column: number, cell: Cell): void {
		this.moveTo(row, column);
		this.setStyle(cell.style);
		const {char} = cell;
		this.body += char;
		this.written += char.length === 1 && char.charCodeAt(0) < 0x80 ? 1 : utf8Length(char);
		const after = column + cell.width;
		if (after >= this.columns) {
			// The cursor now waits to wrap at the last column; the next write must move it first.
			this.row = undefined;
			this.column = undefined;
		} else {
			this.row = row;
			this.column = hasUncertainWidth(cell) ? undefined : after;
		}
	}

	/** Erases from `column` to the end of `row`, leaving default-styled blanks. */
	eraseToEndOfLine(row: number, column: number): void {
		this.moveTo(row, column);
		// Terminals erase with the current background colour (BCE): reset first.
		this.setStyle(DEFAULT_STYLE_KEY);
		this.ascii(ERASE_TO_END_OF_LINE);
	}

	/**
	 * Erases the whole screen and homes the cursor. The style is reset whatever it is
	 * thought to be: a full repaint is for when the terminal's state is unknown (the
	 * first frame, a resize, a redraw after another program wrote to the screen).
	 */
	clearScreen(): void {
		this.ascii(CLEAR_SCREEN);
		this.style = DEFAULT_STYLE_KEY;
		this.row = 0;
		this.column = 0;
	}

	/**
	 * Scrolls rows `top`..`bottom` (inclusive, from 0) of a screen `rows` high by `shift`
	 * rows: up when positive (SU), down when negative (SD). The rows scrolled in are blank.
	 * The scroll region is set for the scroll and reset after, so nothing later (a line
	 * feed, a resize) sees a region the rest of the program does not know of.
	 */
	scrollBand(top: number, bottom: number, shift: number, rows: number): void {
		this.setStyle(DEFAULT_STYLE_KEY);
		const scroll = `\x1b[${Math.abs(shift) === 1 ? '' : Math.abs(shift)}${shift > 0 ? 'S' : 'T'}`;
		if (top === 0 && bottom === rows - 1) {
			// The whole screen is the default region already; SU and SD leave the cursor where it is.
			this.ascii(scroll);
			return;
		}
		// DECSTBM, then SU/SD, then DECSTBM reset. Setting the region homes the cursor.
		this.ascii(`\x1b[${top + 1};${bottom + 1}r${scroll}${RESET_SCROLL_REGION}`);
		this.row = 0;
		this.column = 0;
	}

	/** Writes control sequences (ASCII: a byte a character). */
	private ascii(text: string): void {
		this.body += text;
		this.written += text.length;
	}
}
