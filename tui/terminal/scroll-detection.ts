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
	stay: readonly number[],
	blank: readonly number[],
): {top: number; bottom: number; gain: number} | undefined {
	const rows = next.length;
	// moved[r]: gain of row r showing previous row r + shift. scrolledIn[r]: gain of row r turning blank.
	// prefixMoved[i] and prefixIn[i] sum them over rows before i.
	const prefixMoved = [0];
	const prefixIn = [0];
	for (let row = 0; row < rows; row++) {
		const source = previous[row + shift];
		const moved = source === undefined ? 0 : matchingCells(next[row]!, source) - stay[row]!;
		prefixMoved.push(prefixMoved[row]! + moved);
		prefixIn.push(prefixIn[row]! + blank[row]! - stay[row]!);
	}
	// A band top..bottom gains moved over top..bottom-shift and scrolledIn over the last
	// `shift` rows. For each bottom, the best top is the one with the smallest prefixMoved.
	let best: {top: number; bottom: number; gain: number} | undefined;
	let bestTop = 0;
	for (let bottom = shift; bottom < rows; bottom++) {
		const lastMoved = bottom - shift;
		if (prefixMoved[lastMoved]! < prefixMoved[bestTop]!) {
			bestTop = lastMoved;
		}
		const gain = prefixMoved[lastMoved + 1]! - prefixMoved[bestTop]! + prefixIn[bottom + 1]! - prefixIn[lastMoved + 1]!;
		// The band is at least shift + 1 rows high by construction: two or more, as a scroll region needs.
		if (best === undefined || gain > best.gain) {
			best = {top: bestTop, bottom, gain};
		}
	}
	return best;
}

/**
 * The shifts to score, as rows moved up (negative: down). Every shift, unless both grids
 * say where their row tokens are: then only the shifts that bring some row's token back
 * to the place it had, the shifts of content that moved. A shift no token followed
 * could only gain from cells that happen to match, never more than a repaint of them.
 */
function shiftsToScore(previous: Grid, next: Grid): number[] {
	const rows = next.rows;
	const all = () => Array.from({length: rows - 1}, (_, index) => index + 1).flatMap((shift) => [shift, -shift]);
	if (previous.placements === undefined || next.placements === undefined) {
		return all();
	}
	const rowsOf = new Map<string, number[]>();
	previous.placements.forEach((keys, row) => {
		for (const key of keys) {
			const list = rowsOf.get(key);
			if (list === undefined) {
				rowsOf.set(key, [row]);
			} else {
				list.push(row);
			}
		}
	});
	const shifts = new Set<number>();
	next.placements.forEach((keys, row) => {
		const stayed = previous.placements![row] ?? [];
		for (const key of keys) {
			// A token still where it was (a sidebar's blank rows) says nothing of what moved.
			if (stayed.includes(key)) {
				continue;
			}
			for (const source of rowsOf.get(key) ?? []) {
				shifts.add(source - row);
			}
		}
	});
	return [...shifts];
}

interface ReversedRows {
	readonly previous: ReadonlyArray<ReadonlyArray<Cell>>;
	readonly next: ReadonlyArray<ReadonlyArray<Cell>>;
	readonly stay: readonly number[];
	readonly blank: readonly number[];
}

/**
 * Scrolls worth trying to turn `previous` into `next`, best first: for each shift the
 * band that gains most cells, keeping the `limit` best with a gain of at least
 * `minimumGain` cells. Empty when fewer than two rows changed (no scroll helps then).
 */
export function findScrollCandidates(previous: Grid, next: Grid, {limit = 3, minimumGain = 8} = {}): ScoredScroll[] {
	const rows = next.rows;
	if (previous.rows !== rows || previous.columns !== next.columns) {
		return [];
	}
	const stay = next.cells.map((row, index) => matchingCells(row, previous.cells[index]!));
	if (stay.filter((matching) => matching < next.columns).length < 2) {
		return [];
	}
	const blank = next.cells.map(blankCells);
	// Scrolling down is scrolling up with the rows reversed; made only when a shift down is scored
	// (a message scrolls up only).
	let reversedRows: ReversedRows | undefined;
	const reversed = () =>
		(reversedRows ??= {
			previous: [...previous.cells].reverse(),
			next: [...next.cells].reverse(),
			stay: [...stay].reverse(),
			blank: [...blank].reverse(),
		});
	const candidates: ScoredScroll[] = [];
	for (const shift of shiftsToScore(previous, next)) {
		if (shift > 0) {
			const up = bestBandForShift(previous.cells, next.cells, shift, stay, blank);
			if (up !== undefined && up.gain >= minimumGain) {
				candidates.push({...up, shift});
			}
		} else {
			const upsideDown = reversed();
			const down = bestBandForShift(upsideDown.previous, upsideDown.next, -shift, upsideDown.stay, upsideDown.blank);
			if (down !== undefined && down.gain >= minimumGain) {
				candidates.push({top: rows - 1 - down.bottom, bottom: rows - 1 - down.top, shift, gain: down.gain});
			}
		}
	}
	return candidates.sort((a, b) => b.gain - a.gain).slice(0, limit);
}

/** What a terminal showing `grid` shows after `scroll`: the band's rows moved, the rows scrolled in blank. */
export function applyScroll(grid: Grid, {top, bottom, shift}: BandScroll): Grid {
	const cells = grid.cells.slice();
	for (let row = top; row <= bottom; row++) {
		const source = row + shift;
		cells[row] = source >= top && source <= bottom ? grid.cells[source]! : blankRow(grid.columns);
	}
	return {columns: grid.columns, rows: grid.rows, cells};
}
