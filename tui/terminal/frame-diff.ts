/**
 * The escape sequences that turn what a terminal shows into the next frame, touching only
 * what changed, as curses does: a cursor move to each changed run of cells, the cells
 * with the fewest style switches, an erase to the end of the line where the rest of a row
 * turned blank, and a scroll of a band of rows where content moved up or down.
 *
 * Whatever is chosen to save bytes, the terminal ends up showing `next` exactly: every
 * alternative is a complete update, and the shortest one wins.
 */

import type {CursorState} from './cursor-moves.js';
import {PaintBuffer} from './paint-buffer.js';
import {blankGrid, cellsEqual, isBlank, type Cell, type Grid} from './screen-grid.js';
import {applyScroll, findScrollCandidates} from './scroll-detection.js';
import {DEFAULT_STYLE_KEY} from './sgr-style.js';

export interface DiffOptions {
	/** Where the terminal's cursor is before the update; unknown by default. */
	readonly cursor?: CursorState;
	/**
	 * Rows the caller knows the content moved up by (the history pane's, by a message's
	 * height): the scroll is looked for at that shift alone, rather than at every shift
	 * some row's content followed. Only bytes depend on it, never what the terminal
	 * shows: the update without a scroll still competes.
	 */
	readonly shift?: number;
}

export interface FrameUpdate {
	/** The escape sequences and text to write. '' when nothing changed. */
	readonly text: string;
	/** Where the cursor is after `text`. */
	readonly cursor: CursorState;
}

/** Columns `start`..`end - 1` of a row. */
interface Run {
	readonly start: number;
	readonly end: number;
}

const isContinuation = (cell: Cell) => cell.width === 0;

/**
 * The runs of a row where `shown` differs from `next`, widened so that no run starts or
 * ends inside a wide character of either: a wide character is always written whole, and
 * one being replaced is always overwritten whole (terminals disagree on what is left of
 * a wide character whose one half is overwritten). With grids from `parseFrame` the
 * changed cells already cover both halves (a continuation cell carries its character's
 * style); the widening keeps that true of any grid.
 */
function changedRuns(shown: ReadonlyArray<Cell>, next: ReadonlyArray<Cell>): Run[] {
	const runs: {start: number; end: number}[] = [];
	const columns = next.length;
	for (let column = 0; column < columns;) {
		if (cellsEqual(shown[column]!, next[column]!)) {
			column++;
			continue;
		}
		let start = column;
		while (start > 0 && (isContinuation(shown[start]!) || isContinuation(next[start]!))) {
			start--;
		}
		let end = column + 1;
		while (
			end < columns &&
			(!cellsEqual(shown[end]!, next[end]!) || isContinuation(shown[end]!) || isContinuation(next[end]!))
		) {
			end++;
		}
		const last = runs.at(-1);
		if (last !== undefined && last.end >= start) {
			last.end = end;
		} else {
			runs.push({start, end});
		}
		column = end;
	}
	return runs;
}

/** The first column from which the row is blank to its end (the row's length when its last cell is not blank). */
function blankTailStart(row: ReadonlyArray<Cell>): number {
	let start = row.length;
	while (start > 0 && isBlank(row[start - 1]!)) {
		start--;
	}
	return start;
}

function writeCells(buffer: PaintBuffer, row: number, {start, end}: Run, next: ReadonlyArray<Cell>): void {
	for (let column = start; column < end; column++) {
		const cell = next[column]!;
		if (!isContinuation(cell)) {
			buffer.writeCell(row, column, cell);
		}
	}
}

/**
 * Writes the runs left to right. Between two runs the cursor either moves over the
 * unchanged cells or rewrites them, whichever is shorter: a gap of a couple of cells
 * costs less to rewrite than the shortest move (3 bytes).
 */
function writeRuns(buffer: PaintBuffer, row: number, runs: readonly Run[], next: ReadonlyArray<Cell>): void {
	let previousEnd: number | undefined;
	for (const run of runs) {
		const jump = buffer.fork();
		writeCells(jump, row, run, next);
		if (previousEnd !== undefined && buffer.isAt(row, previousEnd)) {
			const rewrite = buffer.fork();
			writeCells(rewrite, row, {start: previousEnd, end: run.end}, next);
			buffer.adopt(rewrite.bytes < jump.bytes ? rewrite : jump);
		} else {
			buffer.adopt(jump);
		}
		previousEnd = run.end;
	}
}

/**
 * The same update with everything from the first change in the row's blank tail on
 * replaced by one erase to the end of the line.
 */
function withEraseToEnd(runs: readonly Run[], tailStart: number): {runs: Run[]; eraseFrom: number} | undefined {
	const index = runs.findIndex((run) => run.end > tailStart);
	if (index === -1) {
		return undefined;
	}
	const kept = runs.slice(0, index);
	const straddling = runs[index]!;
	if (straddling.start < tailStart) {
		kept.push({start: straddling.start, end: tailStart});
		return {runs: kept, eraseFrom: tailStart};
	}
	return {runs: kept, eraseFrom: straddling.start};
}

function paintRow(buffer: PaintBuffer, row: number, shown: ReadonlyArray<Cell>, next: ReadonlyArray<Cell>): void {
	if (shown === next) {
		// The same row (the frame reader reuses the rows of lines it has seen): nothing to compare.
		return;
	}
	const runs = changedRuns(shown, next);
	if (runs.length === 0) {
		return;
	}
	let best = buffer.fork();
	writeRuns(best, row, runs, next);
	const erasing = withEraseToEnd(runs, blankTailStart(next));
	if (erasing !== undefined) {
		const erased = buffer.fork();
		writeRuns(erased, row, erasing.runs, next);
		erased.eraseToEndOfLine(row, erasing.eraseFrom);
		if (erased.bytes < best.bytes) {
			best = erased;
		}
	}
	buffer.adopt(best);
}

/**
 * Paints every row of `next` that differs from `shown`, top to bottom, and leaves the
 * default style in effect. Gives up (false) once the update is longer than `limit`
 * bytes: another update that short is already in hand.
 */
function paintDifferences(buffer: PaintBuffer, shown: Grid, next: Grid, limit = Number.POSITIVE_INFINITY): boolean {
	for (let row = 0; row < next.rows; row++) {
		paintRow(buffer, row, shown.cells[row]!, next.cells[row]!);
		// A string's UTF-8 bytes are at least its UTF-16 length: past the limit already.
		if (buffer.text.length > limit) {
			return false;
		}
	}
	// Left in the default style, the terminal erases and scrolls with the default
	// background whatever is written next, and the next update can assume it.
	buffer.setStyle(DEFAULT_STYLE_KEY);
	return true;
}

/**
 * Whether more than `limit` cells of `next` would be written to turn a terminal showing
 * `shown` into it without a scroll: a bound, counted without painting, under which the
 * repaint's bytes cannot come (a cell written is a byte at least). Only cells that differ
 * and are not blank count: blanks may go in one erase. With a message the repaint of
 * the moved history is soon far longer than the scroll, yet painting it to the limit
 * cost as much as painting the scroll.
 */
export function cellsToWriteExceed(shown: Grid, next: Grid, limit: number): boolean {
	let cells = 0;
	for (let row = 0; row < next.rows; row++) {
		const was = shown.cells[row]!;
		const now = next.cells[row]!;
		if (was === now) {
			continue;
		}
		for (let column = 0; column < now.length; column++) {
			const cell = now[column]!;
			// A continuation cell is written with its character.
			if (!isContinuation(cell) && !isBlank(cell) && !cellsEqual(was[column]!, cell) && ++cells > limit) {
				return true;
			}
		}
	}
	return false;
}

/**
 * The update that turns a terminal showing `previous` into one showing `next`, assuming
 * the terminal writes in the default style (every update leaves it so). Without a
 * `previous` of the same size (the first frame, after a resize or a redraw), the screen
 * is cleared and painted whole.
 */
export function planFrameUpdate(
	previous: Grid | undefined,
	next: Grid,
	{cursor, shift}: DiffOptions = {},
): FrameUpdate {
	const buffer = new PaintBuffer(next.columns, cursor);
	if (previous === undefined || previous.columns !== next.columns || previous.rows !== next.rows) {
		buffer.clearScreen();
		paintDifferences(buffer, blankGrid(next.columns, next.rows), next);
		return {text: buffer.text, cursor: buffer.cursor};
	}
	// The scrolls first: when one wins (a message moved the history) it is far shorter
	// than repainting what moved, and that repaint is given up as soon as it is longer.
	let scrolled: PaintBuffer | undefined;
	for (const band of findScrollCandidates(previous, next, shift === undefined ? {} : {shifts: [shift]})) {
		const candidate = buffer.fork();
		candidate.scrollBand(band.top, band.bottom, band.shift, next.rows);
		// Best first: a later one is given up once it is longer than the one in hand, which it could not beat.
		const painted = paintDifferences(candidate, applyScroll(previous, band), next, scrolled?.bytes);
		if (painted && (scrolled === undefined || candidate.bytes < scrolled.bytes)) {
			scrolled = candidate;
		}
	}
	const plain = buffer.fork();
	const painted =
		scrolled !== undefined && cellsToWriteExceed(previous, next, scrolled.bytes)
			? false
			: paintDifferences(plain, previous, next, scrolled?.bytes);
	// On a tie the update without a scroll wins.
	const best = scrolled === undefined || (painted && plain.bytes <= scrolled.bytes) ? plain : scrolled;
	return {text: best.text, cursor: best.cursor};
}

/** The escape sequences that turn a terminal showing `previous` into one showing `next` (see `planFrameUpdate`). */
export function diffGrids(previous: Grid | undefined, next: Grid, options: DiffOptions = {}): string {
	return planFrameUpdate(previous, next, options).text;
}
