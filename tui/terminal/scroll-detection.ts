/**
 * Finding where a screen scrolled. When a chat's history pane receives a message, every
 * row of the pane moves up by one: repainting the pane costs a cell per character, while
 * a terminal can shift the rows itself (a scroll region and SU) for about twenty bytes.
 *
 * A terminal scrolls whole rows, but the rows that moved may share the screen with
 * columns that did not (a sidebar beside the history). So a scroll is judged by cells:
 * for a band of rows and a shift, how many more cells of the next screen would already
 * be right after the terminal shifted the band than are right now. The columns that did
 * not move then count against it, as the cells that need repainting after the shift.
 */

import {blankRow, cellsEqual, isBlank, type Cell, type Grid} from './screen-grid.js';

/** Rows `top`..`bottom` (inclusive, from 0) move up by `shift` rows (down when negative). */
export interface BandScroll {
	readonly top: number;
	readonly bottom: number;
	readonly shift: number;
}

export interface ScoredScroll extends BandScroll {
	/** How many more cells are right after the scroll than before it. */
	readonly gain: number;
}

function matchingCells(a: ReadonlyArray<Cell>, b: ReadonlyArray<Cell>): number {
	if (a === b) {
		return a.length;
	}
	let count = 0;
	for (let column = 0; column < a.length; column++) {
		const cell = a[column]!;
		const other = b[column]!;
		// Cells read from frames are shared objects (screen-grid.ts): usually the same object when equal.
		if (cell === other || cellsEqual(cell, other)) {
			count++;
		}
	}
	return count;
}

/** Rows are not changed once made (the frame reader shares them between frames): their count is kept. */
const blankCounts = new WeakMap<ReadonlyArray<Cell>, number>();

function blankCells(row: ReadonlyArray<Cell>): number {
	let count = blankCounts.get(row);
	if (count === undefined) {
		count = 0;
		for (const cell of row) {
			if (isBlank(cell)) {
				count++;
			}
		}
		blankCounts.set(row, count);
	}
	return count;
}

/**
 * The best band for scrolling content up by `shift` rows, over rows given top to bottom
 * (pass them reversed to evaluate a scroll down). `stay[r]` is how many cells of row r
 * are already right; `blank[r]` how many cells of the next row r are blank, which is
 * what a row scrolled in gets right.
 */
function bestBandForShift(
	previous: ReadonlyArray<ReadonlyArray<Cell>>,
	next: ReadonlyArray<ReadonlyArray<Cell>>,
	shift: number,
	stay: ArrayLike<number>,
	blank: ArrayLike<number>,
): {top: number; bottom: number; gain: number} | undefined {
	const rows = next.length;
	// moved[r]: gain of row r showing previous row r + shift. scrolledIn[r]: gain of row r turning blank.
	// prefixMoved[i] and prefixIn[i] sum them over rows before i.
	const prefixMoved = scratch(0, rows + 1);
	const prefixIn = scratch(1, rows + 1);
	prefixMoved[0] = 0;
	prefixIn[0] = 0;
	for (let row = 0; row < rows; row++) {
		const source = previous[row + shift];
		const moved = source === undefined ? 0 : matchingCells(next[row]!, source) - stay[row]!;
		prefixMoved[row + 1] = prefixMoved[row]! + moved;
		prefixIn[row + 1] = prefixIn[row]! + blank[row]! - stay[row]!;
	}
	// A band top..bottom gains moved over top..bottom-shift and scrolledIn over the last
	// `shift` rows. For each bottom, the best top is the one with the smallest prefixMoved.
	let best = false;
	let bestTop = 0;
	let bandTop = 0;
	let bandBottom = 0;
	let bandGain = 0;
	for (let bottom = shift; bottom < rows; bottom++) {
		const lastMoved = bottom - shift;
		if (prefixMoved[lastMoved]! < prefixMoved[bestTop]!) {
			bestTop = lastMoved;
		}
		const gain = prefixMoved[lastMoved + 1]! - prefixMoved[bestTop]! + prefixIn[bottom + 1]! - prefixIn[lastMoved + 1]!;
		// The band is at least shift + 1 rows high by construction: two or more, as a scroll region needs.
		if (!best || gain > bandGain) {
			best = true;
			bandTop = bestTop;
			bandBottom = bottom;
			bandGain = gain;
		}
	}
	return best ? {top: bandTop, bottom: bandBottom, gain: bandGain} : undefined;
}

/**
 * Counts per row, kept from one search to the next rather than made for each (a
 * search runs on every frame in which two rows changed): 0 and 1 the prefix sums of
 * `bestBandForShift`, 2 and 3 `stay` and `blank`. Each is valid for the call that
 * asked for it; a screen is never as tall as to overflow 32 bits of cells.
 */
const scratches: Int32Array[] = [];

function scratch(index: number, length: number): Int32Array {
	let array = scratches[index];
	if (array === undefined || array.length < length) {
		array = new Int32Array(Math.max(length, 64));
		scratches[index] = array;
	}
	return array;
}

/**
 * The shifts to score, as rows moved up (negative: down). Every shift, unless both grids
 * say where their row tokens are: then only the shifts that bring some row's token back
 * to the place it had, the shifts of content that moved. A shift no token followed
 * could only gain from cells that happen to match, never more than a repaint of them.
 */
function shiftsToScore(previous: Grid, next: Grid): number[] {
	if (previous.placements === undefined || next.placements === undefined) {
		return Array.from({length: next.rows - 1}, (_, index) => index + 1).flatMap((shift) => [shift, -shift]);
	}
	// Most keys are on one row: a number, and a list only for a key on several.
	const rowsOf = new Map<string, number | number[]>();
	previous.placements.forEach((keys, row) => {
		for (const key of keys) {
			const known = rowsOf.get(key);
			if (known === undefined) {
				rowsOf.set(key, row);
			} else if (typeof known === 'number') {
				rowsOf.set(key, [known, row]);
			} else {
				known.push(row);
			}
		}
	});
	// A few shifts at most (a message moves the history by one): a list, not a set.
	const shifts: number[] = [];
	next.placements.forEach((keys, row) => {
		const stayed = previous.placements![row] ?? [];
		for (const key of keys) {
			// A token still where it was (a sidebar's blank rows) says nothing of what moved.
			if (stayed.includes(key)) {
				continue;
			}
			const sources = rowsOf.get(key);
			if (typeof sources === 'number') {
				addShift(shifts, sources - row);
			} else if (sources !== undefined) {
				for (const source of sources) {
					addShift(shifts, source - row);
				}
			}
		}
	});
	return shifts;
}

/**
 * Adds a shift once. (Module functions rather than closures made on every search: a
 * loader that keeps function names, tsx under the bench, names each closure as it is
 * made.)
 */
function addShift(shifts: number[], shift: number): void {
	if (!shifts.includes(shift)) {
		shifts.push(shift);
	}
}

interface ReversedRows {
	readonly previous: ReadonlyArray<ReadonlyArray<Cell>>;
	readonly next: ReadonlyArray<ReadonlyArray<Cell>>;
	readonly stay: ArrayLike<number>;
	readonly blank: ArrayLike<number>;
}

export interface ScrollSearch {
	readonly limit?: number;
	readonly minimumGain?: number;
	/**
	 * The shifts to score, when the caller knows how the content moved (the history pane
	 * moved its rows up by a message's height): the screens are not searched for them,
	 * unless none is a shift a terminal can scroll by.
	 */
	readonly shifts?: readonly number[];
}

/**
 * Scrolls worth trying to turn `previous` into `next`, best first: for each shift the
 * band that gains most cells, keeping the `limit` best with a gain of at least
 * `minimumGain` cells. Empty when fewer than two rows changed (no scroll helps then).
 */
export function findScrollCandidates(
	previous: Grid,
	next: Grid,
	{limit = 3, minimumGain = 8, shifts}: ScrollSearch = {},
): ScoredScroll[] {
	const rows = next.rows;
	if (previous.rows !== rows || previous.columns !== next.columns) {
		return [];
	}
	const stay = scratch(2, rows);
	let changed = 0;
	for (let row = 0; row < rows; row++) {
		stay[row] = matchingCells(next.cells[row]!, previous.cells[row]!);
		if (stay[row]! < next.columns) {
			changed++;
		}
	}
	if (changed < 2) {
		return [];
	}
	const blank = scratch(3, rows);
	for (let row = 0; row < rows; row++) {
		blank[row] = blankCells(next.cells[row]!);
	}
	// Scrolling down is scrolling up with the rows reversed; made only when a shift down is scored
	// (a message scrolls up only).
	let upsideDown: ReversedRows | undefined;
	const candidates: ScoredScroll[] = [];
	// A shift no terminal can scroll by (none, or the screen's height) says nothing: the screens are searched then.
	const usable = shifts?.filter((shift) => Number.isInteger(shift) && shift !== 0 && Math.abs(shift) < rows);
	for (const shift of usable !== undefined && usable.length > 0 ? usable : shiftsToScore(previous, next)) {
		if (shift > 0) {
			const up = bestBandForShift(previous.cells, next.cells, shift, stay, blank);
			if (up !== undefined && up.gain >= minimumGain) {
				candidates.push({...up, shift});
			}
		} else {
			upsideDown ??= {
				previous: [...previous.cells].reverse(),
				next: [...next.cells].reverse(),
				stay: stay.slice(0, rows).reverse(),
				blank: blank.slice(0, rows).reverse(),
			};
			const down = bestBandForShift(upsideDown.previous, upsideDown.next, -shift, upsideDown.stay, upsideDown.blank);
			if (down !== undefined && down.gain >= minimumGain) {
				candidates.push({top: rows - 1 - down.bottom, bottom: rows - 1 - down.top, shift, gain: down.gain});
			}
		}
	}
	return candidates.sort((a, b) => b.gain - a.gain).slice(0, limit);
}

/** One blank row per width, for the rows a scroll brings in: grids' rows are never changed once made. */
let blankRowOfWidth: ReadonlyArray<Cell> = [];

/** What a terminal showing `grid` shows after `scroll`: the band's rows moved, the rows scrolled in blank. */
export function applyScroll(grid: Grid, {top, bottom, shift}: BandScroll): Grid {
	const cells = grid.cells.slice();
	if (blankRowOfWidth.length !== grid.columns) {
		blankRowOfWidth = blankRow(grid.columns);
	}
	for (let row = top; row <= bottom; row++) {
		const source = row + shift;
		cells[row] = source >= top && source <= bottom ? grid.cells[source]! : blankRowOfWidth;
	}
	return {columns: grid.columns, rows: grid.rows, cells};
}
