/**
 * A screen as a grid of cells, and the reading of one of Ink's frames into it.
 *
 * Ink's frame is text: rows separated by `\n`, SGR sequences for styles, nothing padded
 * at line ends. The grid is what a terminal shows after drawing it from the top-left
 * corner of a blank screen of the given size, which is what the frame writer compares
 * frames by.
 */

import stringWidth from 'string-width';
import {graphemeSegmenter} from '../layout/grapheme-segmenter.js';
import {applySgr, DEFAULT_STYLE, DEFAULT_STYLE_KEY, styleKey, type Style, type StyleKey} from './sgr-style.js';

export interface Cell {
	/** The grapheme shown; '' in the continuation cell right of a wide character. */
	readonly char: string;
	/** Columns the grapheme takes: 1, 2 for a wide (CJK, emoji) character, 0 for its continuation cell. */
	readonly width: 0 | 1 | 2;
	readonly style: StyleKey;
}

export interface Grid {
	readonly columns: number;
	readonly rows: number;
	/** `cells[row][column]`, every row exactly `columns` long. */
	readonly cells: ReadonlyArray<ReadonlyArray<Cell>>;
}

/** What an erased cell holds: a default-styled space. */
export const BLANK_CELL: Cell = {char: ' ', width: 1, style: DEFAULT_STYLE_KEY};

export function cellsEqual(a: Cell, b: Cell): boolean {
	return a === b || (a.char === b.char && a.width === b.width && a.style === b.style);
}

export function isBlank(cell: Cell): boolean {
	return cell === BLANK_CELL || (cell.char === ' ' && cell.style === DEFAULT_STYLE_KEY);
}

export function blankRow(columns: number): Cell[] {
	return new Array<Cell>(columns).fill(BLANK_CELL);
}

export function blankGrid(columns: number, rows: number): Grid {
	return {columns, rows, cells: Array.from({length: rows}, () => blankRow(columns))};
}

/** The grid's text, rows joined by `\n` with trailing blanks trimmed: for test messages and debugging. */
export function gridText(grid: Grid): string {
	return grid.cells
		.map((row) =>
			row
				.map((cell) => cell.char)
				.join('')
				.trimEnd(),
		)
		.join('\n');
}

// Escape sequences a frame may hold. Only SGR (`CSI ... m`) changes what cells show; the
// rest (OSC 8 hyperlinks, cursor or mode sequences) is skipped without a trace.
const ESCAPE_SEQUENCE = new RegExp(
	[
		'\\x1b\\[([0-?]*)([ -/]*)([@-~])', // CSI: parameters, intermediates, final byte
		'\\x1b[\\]PX^_][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\|$)', // OSC, DCS, SOS, PM, APC strings up to BEL or ST
		'\\x1b[ -/]*[0-~]?', // any other ESC sequence (or a lone ESC)
	].join('|'),
	'g',
);

// C0 and C1 control characters print nothing.
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f-\x9f]/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Writes graphemes into one row left to right, as a terminal with no line wrap would. */
class RowPainter {
	column = 0;
	/** Column of the last cell written, where a zero-width grapheme (a stray combining mark) joins. */
	private lastCell = -1;

	constructor(
		private readonly row: Cell[],
		private readonly columns: number,
	) {}

	write(text: string, style: StyleKey): void {
		if (PRINTABLE_ASCII.test(text)) {
			// The common case, without segmenting or measuring.
			for (let index = 0; index < text.length && this.column < this.columns; index++) {
				this.put({char: text[index]!, width: 1, style});
			}
			return;
		}
		for (const {segment} of graphemeSegmenter.segment(text)) {
			if (this.column >= this.columns) {
				return;
			}
			this.writeGrapheme(segment.replace(CONTROL_CHARACTERS, ''), style);
		}
	}

	private writeGrapheme(grapheme: string, style: StyleKey): void {
		if (grapheme === '') {
			return;
		}
		const width = stringWidth(grapheme);
		if (width === 0) {
			const previous = this.row[this.lastCell];
			if (previous !== undefined) {
				this.row[this.lastCell] = {...previous, char: previous.char + grapheme};
			}
			return;
		}
		if (width === 1) {
			this.put({char: grapheme, width: 1, style});
			return;
		}
		if (this.column + 2 > this.columns) {
			// A wide character does not fit in the last column: a terminal would wrap it to
			// the next row, so the last column shows a space instead.
			this.put({char: ' ', width: 1, style});
			return;
		}
		this.row[this.column + 1] = {char: '', width: 0, style};
		this.put({char: grapheme, width: 2, style});
	}

	private put(cell: Cell): void {
		this.row[this.column] = cell;
		this.lastCell = this.column;
		this.column += cell.width;
	}
}

/**
 * Reads one of Ink's frames into a grid of `columns` x `rows`: rows past the frame's end
 * are blank, rows past `rows` are dropped, text past the right edge is clipped. Styles
 * carry from one row to the next, as they would on a terminal.
 */
export function parseFrame(frame: string, columns: number, rows: number): Grid {
	const lines = frame.split('\n', rows);
	let style: Style = DEFAULT_STYLE;
	let key: StyleKey = DEFAULT_STYLE_KEY;
	const cells: Cell[][] = [];
	for (let rowIndex = 0; rowIndex < rows; rowIndex++) {
		const row = blankRow(columns);
		cells.push(row);
		const line = lines[rowIndex];
		if (line === undefined || line === '') {
			continue;
		}
		const painter = new RowPainter(row, columns);
		let textStart = 0;
		for (const match of line.matchAll(ESCAPE_SEQUENCE)) {
			painter.write(line.slice(textStart, match.index), key);
			textStart = match.index + match[0].length;
			const [, parameters, intermediates, final] = match;
			if (final === 'm' && intermediates === '' && parameters !== undefined && !/[<=>?]/.test(parameters)) {
				const nextStyle = applySgr(style, parameters);
				if (nextStyle !== style) {
					style = nextStyle;
					key = styleKey(style);
				}
			}
		}
		painter.write(line.slice(textStart), key);
	}
	return {columns, rows, cells};
}
