/**
 * A row's cells made from its spans, for the row atlas: what the frame reader would read
 * from the row's painted text (paint.ts), without painting the styles as escape
 * sequences and parsing them back. A message's new rows are read this way once each as
 * they arrive, and parsing their text was the largest part of reading the frame that
 * shows them (docs/PERFORMANCE.md, ninth pass).
 *
 * Only rows of printable ASCII, where a character is a cell: any other text is left to
 * the reading of the text (undefined), which segments graphemes and measures them.
 */
import {sgrParameters, type PaintOptions} from '../layout/paint.js';
import type {ColorName, Row, Style} from '../layout/spans.js';
import {blankRow, cellOf, PRINTABLE_ASCII, type Cell} from './screen-grid.js';
import {applySgr, DEFAULT_STYLE, DEFAULT_STYLE_KEY, styleKey, type StyleKey} from './sgr-style.js';

const COLORS: readonly ColorName[] = ['red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'gray'];

/**
 * A number per distinct style: its attributes as bits, its colour above them. A layout
 * makes a new style object for many spans (a sender's colour, for each message), so
 * styles are known by what they say, not by the object. Every field of `Style` must be
 * in it: a style it did not tell apart would take another's cells.
 */
function styleNumber(style: Style): number {
	return (
		(style.bold ? 1 : 0) |
		(style.dim ? 2 : 0) |
		(style.italic ? 4 : 0) |
		(style.underline ? 8 : 0) |
		(style.inverse ? 16 : 0) |
		((style.color === undefined ? 0 : COLORS.indexOf(style.color) + 1) << 5)
	);
}

/** Style keys by style number, per paint options. */
const keys = new WeakMap<PaintOptions, StyleKey[]>();

/** The key of the cells `paintRow` writes a span of `style` in: the same SGR read by the same functions. */
function keyOf(style: Style | undefined, options: PaintOptions, known: StyleKey[]): StyleKey {
	if (style === undefined) {
		return DEFAULT_STYLE_KEY;
	}
	const number = styleNumber(style);
	let key = known[number];
	if (key === undefined) {
		const parameters = sgrParameters(style, options);
		key = parameters.length === 0 ? DEFAULT_STYLE_KEY : styleKey(applySgr(DEFAULT_STYLE, parameters.join(';')));
		known[number] = key;
	}
	return key;
}

/**
 * The `columns` cells of `row` painted with `options`, as `parseLine` reads its painted
 * text (cut at the right edge, blank after the text); undefined when a span is not
 * printable ASCII.
 */
export function spanCells(row: Row, options: PaintOptions, columns: number): Cell[] | undefined {
	for (const span of row) {
		if (!PRINTABLE_ASCII.test(span.text)) {
			return undefined;
		}
	}
	let known = keys.get(options);
	if (known === undefined) {
		known = [];
		keys.set(options, known);
	}
	const cells = blankRow(columns);
	let column = 0;
	for (const span of row) {
		const key = keyOf(span.style, options, known);
		const {text} = span;
		for (let index = 0; index < text.length && column < columns; index++) {
			cells[column++] = cellOf(text[index]!, 1, key);
		}
	}
	return cells;
}
