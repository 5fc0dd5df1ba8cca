/**
 * The shortest escape sequence that moves a terminal's cursor from where it is (as far
 * as we know) to a cell. Every byte crosses the SSH link, and a frame update is mostly
 * moves and the cells between them, so the choice matters.
 */

/** A cell of the screen, both from 0. */
export interface CellPosition {
	readonly row: number;
	readonly column: number;
}

/**
 * Where the terminal's cursor is, as far as we know. Undefined when unknown: at the
 * start, after something else wrote to the terminal, or after writing the last column
 * of a row (the cursor then waits to wrap, and terminals disagree on how relative moves
 * behave from there). `column` is undefined when only the row is known: after writing
 * a grapheme whose width terminals disagree on (see `hasUncertainWidth`).
 */
export type CursorState = {readonly row: number; readonly column: number | undefined} | undefined;

const csi = (parameter: number, final: string) => `\x1b[${parameter === 1 ? '' : parameter}${final}`;

/** CUP: absolute, from anywhere. `ESC [ H` is the top-left cell, `ESC [ r H` column 1 of row r. */
function absoluteMove({row, column}: CellPosition): string {
	if (column === 0) {
		return row === 0 ? '\x1b[H' : `\x1b[${row + 1}H`;
	}
	return `\x1b[${row + 1};${column + 1}H`;
}

/** The shorter of two moves; the first on a tie. */
const shorter = (best: string, candidate: string) => (candidate.length < best.length ? candidate : best);

/**
 * The shortest of `best` and each move along the current row from `from` (undefined:
 * unknown column) to `to`, each after `prefix` (a move between rows that keeps the
 * column). Taken in turn rather than listed: this runs for every run of changed cells.
 */
function shortestAlongRow(best: string, prefix: string, from: number | undefined, to: number): string {
	if (from === to) {
		return shorter(best, prefix);
	}
	// CR then CUF works from any column; CHA is absolute.
	let shortest = shorter(best, prefix + (to === 0 ? '\r' : `\r${csi(to, 'C')}`));
	shortest = shorter(shortest, `${prefix}\x1b[${to + 1}G`);
	if (from === undefined) {
		return shortest;
	}
	if (to > from) {
		return shorter(shortest, prefix + csi(to - from, 'C'));
	}
	// Backspace moves one column left and is one byte.
	return shorter(shortest, prefix + (from - to <= 3 ? '\b'.repeat(from - to) : csi(from - to, 'D')));
}

/** The shortest sequence that moves the cursor from `from` to `to`; '' when it is already there. */
export function cursorMove(from: CursorState, to: CellPosition): string {
	const absolute = absoluteMove(to);
	if (from === undefined) {
		return absolute;
	}
	if (from.row === to.row) {
		return shortestAlongRow(absolute, '', from.column, to.column);
	}
	// Moves between rows that keep the column: CUD or CUU, then VPA.
	const relative = to.row > from.row ? csi(to.row - from.row, 'B') : csi(from.row - to.row, 'A');
	let best = shortestAlongRow(absolute, relative, from.column, to.column);
	best = shortestAlongRow(best, `\x1b[${to.row + 1}d`, from.column, to.column);
	if (to.row > from.row && to.column === 0 && to.row - from.row <= 2) {
		// CR LF per row: never at the bottom margin (the target row is below `from`),
		// so the line feeds cannot scroll. Written as CR LF so a terminal without
		// newline translation returns to column 0 too.
		best = shorter(best, '\r\n'.repeat(to.row - from.row));
	}
	return best;
}
