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

/** Moves along the current row from `from` (undefined: unknown column) to `to`. */
function horizontalMoves(from: number | undefined, to: number): string[] {
	// CR then CUF works from any column; CHA is absolute.
	const moves = [to === 0 ? '\r' : `\r${csi(to, 'C')}`, `\x1b[${to + 1}G`];
	if (from === undefined || from === to) {
		return from === to ? [''] : moves;
	}
	if (to > from) {
		moves.push(csi(to - from, 'C'));
	} else {
		// Backspace moves one column left and is one byte.
		moves.push(from - to <= 3 ? '\b'.repeat(from - to) : csi(from - to, 'D'));
	}
	return moves;
}

/** Moves between rows that keep the column: CUD, CUU, VPA. */
function verticalMoves(from: number, to: number): string[] {
	if (from === to) {
		return [''];
	}
	return [to > from ? csi(to - from, 'B') : csi(from - to, 'A'), `\x1b[${to + 1}d`];
}

const shortest = (candidates: readonly string[]) =>
	candidates.reduce((best, candidate) => (candidate.length < best.length ? candidate : best));

/** The shortest sequence that moves the cursor from `from` to `to`; '' when it is already there. */
export function cursorMove(from: CursorState, to: CellPosition): string {
	const candidates = [absoluteMove(to)];
	if (from !== undefined) {
		if (from.row === to.row) {
			candidates.push(...horizontalMoves(from.column, to.column));
		} else {
			for (const vertical of verticalMoves(from.row, to.row)) {
				for (const horizontal of horizontalMoves(from.column, to.column)) {
					candidates.push(vertical + horizontal);
				}
			}
			if (to.row > from.row && to.column === 0 && to.row - from.row <= 2) {
				// CR LF per row: never at the bottom margin (the target row is below `from`),
				// so the line feeds cannot scroll. Written as CR LF so a terminal without
				// newline translation returns to column 0 too.
				candidates.push('\r\n'.repeat(to.row - from.row));
			}
		}
	}
	return shortest(candidates);
}
