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
	/**
	 * For a frame read with row tokens: per row, where each token's cells were put
	 * (`column:id`). The same key on two rows is the same cells at the same place, which
	 * is how the scroll search finds the shifts worth scoring without scoring them all.
	 */
	readonly placements?: ReadonlyArray<ReadonlyArray<string>>;
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
/** Text whose characters are each one cell, as read here without segmenting or measuring. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const SPACES = /^ +$/;

/**
 * One object per (grapheme, style): rows read from frames share their cells, so equal
 * cells are usually the same object and compare by reference, and a screen of text
 * holds a pointer per cell rather than an object. Bounded: a screen shows a few hundred
 * distinct cells, and the table starts over when it has seen many more than that.
 */
const internedCells = new Map<StyleKey, Map<string, Cell>>();
let internedCount = 0;
const MAX_INTERNED_CELLS = 50_000;

export function cellOf(char: string, width: 0 | 1 | 2, style: StyleKey): Cell {
	if (char === ' ' && style === DEFAULT_STYLE_KEY) {
		return BLANK_CELL;
	}
	let byChar = internedCells.get(style);
	const known = byChar?.get(char);
	// The width follows from the character (a continuation cell is '' at 0).
	if (known !== undefined && known.width === width) {
		return known;
	}
	if (byChar === undefined || internedCount >= MAX_INTERNED_CELLS) {
		if (internedCount >= MAX_INTERNED_CELLS) {
			internedCells.clear();
			internedCount = 0;
		}
		byChar = new Map();
		internedCells.set(style, byChar);
	}
	const cell: Cell = {char, width, style};
	byChar.set(char, cell);
	internedCount++;
	return cell;
}

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
		if (style === DEFAULT_STYLE_KEY && SPACES.test(text)) {
			// What the row holds already from here on (it is written left to right): the
			// blanks a frame has between the texts of a line, and after each row token.
			const end = Math.min(this.columns, this.column + text.length);
			if (end > this.column) {
				this.column = end;
				this.lastCell = end - 1;
			}
			return;
		}
		if (PRINTABLE_ASCII.test(text)) {
			// The common case, without segmenting or measuring.
			for (let index = 0; index < text.length && this.column < this.columns; index++) {
				this.put(cellOf(text[index]!, 1, style));
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

	/** Moves on `cells` columns without writing: the cells a row token takes in Ink's frame. */
	skip(cells: number): void {
		this.column += cells;
	}

	private writeGrapheme(grapheme: string, style: StyleKey): void {
		if (grapheme === '') {
			return;
		}
		const width = stringWidth(grapheme);
		if (width === 0) {
			const previous = this.row[this.lastCell];
			if (previous !== undefined) {
				this.row[this.lastCell] = cellOf(previous.char + grapheme, previous.width, previous.style);
			}
			return;
		}
		if (width === 1) {
			this.put(cellOf(grapheme, 1, style));
			return;
		}
		if (this.column + 2 > this.columns) {
			// A wide character does not fit in the last column: a terminal would wrap it to
			// the next row, so the last column shows a space instead.
			this.put(cellOf(' ', 1, style));
			return;
		}
		this.row[this.column + 1] = cellOf('', 0, style);
		this.put(cellOf(grapheme, 2, style));
	}

	private put(cell: Cell): void {
		this.row[this.column] = cell;
		this.lastCell = this.column;
		this.column += cell.width;
	}
}

/**
 * Row tokens (row-atlas.ts): a mark no shown text has (every control character in
 * shown text is replaced by a visible stand-in, and the frame reader drops the rest),
 * then an id in base 36. A content token stands for the same cells wherever it is; a
 * slot stands for whatever its row shows now.
 */
export const ROW_TOKEN_MARK = '\x1f';
export const ROW_SLOT_MARK = '\x1e';
const TOKENS = /[\x1e\x1f]([0-9a-z]*)/g;

/** Where a frame's row tokens get their cells: the frame writer's row atlas. */
export interface RowTokens {
	/** The cells of content token `id`; undefined for an id no longer known. */
	cells(id: string): ReadonlyArray<Cell> | undefined;
	/** The cells slot `id` shows now. */
	slotCells(id: string): ReadonlyArray<Cell> | undefined;
}

export interface ParsedLine {
	readonly cells: Cell[];
	/** The style in effect at the end of the line, which the next line starts in. */
	readonly style: Style;
	/** Ids of the content tokens the line held. */
	readonly tokens: readonly string[];
	/** Where each content token's cells went, as `column:id`. */
	readonly placements: readonly string[];
	/** Whether the line held anything but content tokens and blanks (text, or slots, whose cells change). */
	readonly text: boolean;
}

/**
 * Reads one line of a frame into a row of `columns` cells, starting in `style`. A row
 * token (given `rowTokens`) stands for its row's cells from the column where it is;
 * the frame has blanks after it, up to whatever comes next on the line.
 */
export function parseLine(line: string, columns: number, start: Style, rowTokens?: RowTokens): ParsedLine {
	if (line === '') {
		return {cells: blankRow(columns), style: start, tokens: [], placements: [], text: false};
	}
	return new LineReading(columns, start, rowTokens).read(line);
}

/**
 * One line being read by `parseLine`: its row, style and tokens so far. A class, not
 * closures made for every line: a loader that keeps function names (tsx, which the
 * bench runs under) names each closure as it is made, with a property write that cost
 * more than the rest of reading a short line.
 */
class LineReading {
	private readonly row: Cell[];
	private readonly painter: RowPainter;
	private style: Style;
	private key: StyleKey;
	private readonly tokens: string[] = [];
	private readonly placements: string[] = [];
	private readonly expansions: {column: number; cells: ReadonlyArray<Cell>}[] = [];
	private hasText = false;

	constructor(
		private readonly columns: number,
		start: Style,
		private readonly rowTokens: RowTokens | undefined,
	) {
		this.row = blankRow(columns);
		this.painter = new RowPainter(this.row, columns);
		this.style = start;
		this.key = styleKey(start);
	}

	read(line: string): ParsedLine {
		let textStart = 0;
		for (const match of line.matchAll(ESCAPE_SEQUENCE)) {
			this.write(line.slice(textStart, match.index));
			textStart = match.index + match[0].length;
			const [, parameters, intermediates, final] = match;
			if (final === 'm' && intermediates === '' && parameters !== undefined && !/[<=>?]/.test(parameters)) {
				const nextStyle = applySgr(this.style, parameters);
				if (nextStyle !== this.style) {
					this.style = nextStyle;
					this.key = styleKey(nextStyle);
				}
			}
		}
		this.write(line.slice(textStart));
		// After the text: the blanks the frame has after each token are what its row covers.
		const {row, columns} = this;
		for (const {column, cells} of this.expansions) {
			const end = Math.min(columns, column + cells.length);
			for (let at = column; at < end; at++) {
				row[at] = cells[at - column]!;
			}
		}
		return {cells: row, style: this.style, tokens: this.tokens, placements: this.placements, text: this.hasText};
	}

	private plain(text: string): void {
		this.hasText ||= text.trim() !== '';
		this.painter.write(text, this.key);
	}

	private write(text: string): void {
		const {rowTokens, painter} = this;
		if (rowTokens === undefined || !(text.includes(ROW_TOKEN_MARK) || text.includes(ROW_SLOT_MARK))) {
			this.plain(text);
			return;
		}
		let textStart = 0;
		for (const match of text.matchAll(TOKENS)) {
			this.plain(text.slice(textStart, match.index));
			textStart = match.index + match[0].length;
			const id = match[1]!;
			const slot = match[0][0] === ROW_SLOT_MARK;
			const cells = slot ? rowTokens.slotCells(id) : rowTokens.cells(id);
			if (slot) {
				this.hasText = true;
			} else if (cells !== undefined) {
				this.tokens.push(id);
				this.placements.push(`${painter.column}:${id}`);
			}
			if (cells !== undefined) {
				this.expansions.push({column: painter.column, cells});
			}
			// The frame gave the token one cell per character.
			painter.skip(match[0].length);
		}
		this.plain(text.slice(textStart));
	}
}

/** A row content token at column `x` of a frame line: its id and the columns its token takes there. */
export interface PlacedToken {
	readonly x: number;
	readonly width: number;
	readonly content: string | undefined;
}

/**
 * What `parseLine` reads from a line made of row content tokens and blanks, in the
 * default style, built from the tokens' cells without reading the line's text: the
 * line of the tokens of `parts` (left to right, none overlapping) at their columns.
 * Undefined when a part is not a content token.
 */
export function tokenLine(
	parts: readonly PlacedToken[],
	columns: number,
	rowTokens: RowTokens,
): ParsedLine | undefined {
	for (const part of parts) {
		if (part.content === undefined) {
			return undefined;
		}
	}
	const row = blankRow(columns);
	const tokens: string[] = [];
	const placements: string[] = [];
	// Where parseLine's painter is: blanks move it no further than the last column, a token by its length.
	let column = 0;
	let end = 0;
	for (const part of parts) {
		const gapEnd = Math.min(columns, column + part.x - end);
		if (gapEnd > column) {
			column = gapEnd;
		}
		const id = part.content!;
		const cells = rowTokens.cells(id);
		if (cells !== undefined) {
			tokens.push(id);
			placements.push(`${column}:${id}`);
			const last = Math.min(columns, column + cells.length);
			for (let at = column; at < last; at++) {
				row[at] = cells[at - column]!;
			}
		}
		column += part.width;
		end = part.x + part.width;
	}
	return {cells: row, style: DEFAULT_STYLE, tokens, placements, text: false};
}

/**
 * Reads one of Ink's frames into a grid of `columns` x `rows`: rows past the frame's end
 * are blank, rows past `rows` are dropped, text past the right edge is clipped. Styles
 * carry from one row to the next, as they would on a terminal.
 */
export function parseFrame(frame: string, columns: number, rows: number, rowTokens?: RowTokens): Grid {
	const lines = frame.split('\n', rows);
	let style: Style = DEFAULT_STYLE;
	const cells: Cell[][] = [];
	for (let rowIndex = 0; rowIndex < rows; rowIndex++) {
		const parsed = parseLine(lines[rowIndex] ?? '', columns, style, rowTokens);
		cells.push(parsed.cells);
		style = parsed.style;
	}
	return {columns, rows, cells};
}
