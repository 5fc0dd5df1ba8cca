/**
 * What the input line shows of the text being typed: the part around the cursor that
 * fits, drawn safely. Line breaks (a pasted paragraph) show as ⏎ and tabs as a space;
 * every other control or invisible character is shown as visibleText shows it
 * anywhere else on the screen.
 */
import stringWidth from 'string-width';
import {graphemeSegmenter} from './grapheme-segmenter.js';
import {visibleText} from './visible-text.js';

export interface VisibleWindow {
	/**
	 * What to draw: the visible part of the buffer, each grapheme as it is shown. As long
	 * as it holds no control character other than a line break or a tab, it has the same
	 * UTF-16 length as the buffer slice [start, end).
	 */
	readonly text: string;
	/** Buffer offset of the first shown character. */
	readonly start: number;
	/** Buffer offset just past the last shown character. */
	readonly end: number;
	/** Cursor as an index into `text` (the character under the cursor starts there). */
	readonly cursorOffset: number;
	/** Cursor position in terminal columns from the left edge of `text`. */
	readonly cursorColumn: number;
}

/**
 * The part of the buffer to show in an input line `widthColumns` wide such that the
 * cursor cell, and the whole character under it, is on screen. Stateless: while the
 * cursor fits in the first screenful the line starts at the beginning; past that, the
 * view scrolls just enough to keep the cursor on the right edge.
 */
export function visibleWindow(text: string, cursor: number, widthColumns: number): VisibleWindow {
	return PRINTABLE_ASCII.test(text)
		? asciiWindow(text, cursor, widthColumns)
		: segmentedWindow(text, cursor, widthColumns);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * `visibleWindow` of printable ASCII, the usual line: each character is a grapheme one
 * column wide, shown as it is, so the window is arithmetic on offsets. Segmenting the
 * line made an object per character on every keystroke.
 */
function asciiWindow(text: string, cursor: number, widthColumns: number): VisibleWindow {
	const {length} = text;
	// The first character at or past the cursor (none: the end).
	const cursorIndex = cursor <= 0 ? 0 : cursor <= length ? Math.ceil(cursor) : length;
	let first = 0;
	let cursorColumn = cursorIndex;
	while (first < cursorIndex && cursorColumn + 1 > widthColumns) {
		cursorColumn--;
		first++;
	}
	let last = first;
	while (last < length && last - first + 1 <= widthColumns) {
		last++;
	}
	return {
		text: text.slice(first, last),
		start: first,
		end: last,
		cursorOffset: Math.max(0, Math.min(cursorIndex, last) - first),
		cursorColumn,
	};
}

/** `visibleWindow` of any text, by its graphemes as they are shown. Exported for the test that holds `asciiWindow` to it. */
export function segmentedWindow(text: string, cursor: number, widthColumns: number): VisibleWindow {
	const graphemes = Array.from(graphemeSegmenter.segment(text));
	const shown = graphemes.map((g) => displayGlyph(g.segment));
	const widths = shown.map((glyph) => stringWidth(glyph));
	let cursorIndex = graphemes.findIndex((g) => g.index >= cursor);
	if (cursorIndex === -1) cursorIndex = graphemes.length;
	// The cursor needs a cell of its own at the end of the line.
	const cursorCell = Math.max(1, widths[cursorIndex] ?? 1);

	let first = 0;
	let cursorColumn = sum(widths.slice(0, cursorIndex));
	while (first < cursorIndex && cursorColumn + cursorCell > widthColumns) {
		cursorColumn -= widths[first]!;
		first++;
	}
	let last = first;
	let columns = 0;
	while (last < graphemes.length && columns + widths[last]! <= widthColumns) {
		columns += widths[last]!;
		last++;
	}

	return {
		text: shown.slice(first, last).join(''),
		start: graphemes[first]?.index ?? text.length,
		end: graphemes[last]?.index ?? text.length,
		cursorOffset: sum(shown.slice(first, Math.min(cursorIndex, last)).map((glyph) => glyph.length)),
		cursorColumn,
	};
}

function displayGlyph(grapheme: string): string {
	// Whole emoji: the cursor moves over the text as typed (visible-text.ts).
	return visibleText(grapheme.replace(/\n/g, '\u23ce').replace(/\t/g, ' '), true);
}

function sum(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
