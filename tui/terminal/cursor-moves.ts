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

/** Decimal digits of a positive integer. */
const digits = (value: number) => (value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : String(value).length);

/** The length of `csi(parameter, final)`. */
const csiLength = (parameter: number) => (parameter === 1 ? 3 : 3 + digits(parameter));

/** CUP: absolute, from anywhere. `ESC [ H` is the top-left cell, `ESC [ r H` column 1 of row r. */
function absoluteMove(row: number, column: number): string {
	if (column === 0) {
		return row === 0 ? '\x1b[H' : `\x1b[${row + 1}H`;
	}
	return `\x1b[${row + 1};${column + 1}H`;
}

function absoluteLength(row: number, column: number): number {
	if (column === 0) {
		return row === 0 ? 3 : 3 + digits(row + 1);
	}
	return 4 + digits(row + 1) + digits(column + 1);
}

/**
 * A move is priced before it is written: this runs for every run of changed cells, and
 * most of the moves it weighs are not taken. A move is CUP, CR LF, or a path: a way
 * between rows that keeps the column (none, CUD/CUU, or VPA), then a way along the row
 * (none; CR, then CUF unless the target is column 0; CHA; CUF; BS, or CUB past three
 * columns).
 */
type Kind = 'absolute' | 'crlf' | 'path';
type Between = 'none' | 'relative' | 'line';
type Along = 'none' | 'return' | 'column' | 'forward' | 'back';

/** The shortest move found so far; one object, as moves are weighed one at a time. */
const best = {kind: 'absolute' as Kind, between: 'none' as Between, along: 'none' as Along, length: 0};

/** Takes the move if it is shorter than the best so far (the first on a tie). */
function offer(kind: Kind, between: Between, along: Along, length: number): void {
	if (length < best.length) {
		best.kind = kind;
		best.between = between;
		best.along = along;
		best.length = length;
	}
}

/**
 * Weighs each move along the current row from `from` (undefined: unknown column) to
 * `to`, each after a move between rows of `prefixLength` characters.
 */
function alongRow(between: Between, prefixLength: number, from: number | undefined, to: number): void {
	if (from === to) {
		offer('path', between, 'none', prefixLength);
		return;
	}
	// CR then CUF works from any column; CHA is absolute.
	offer('path', between, 'return', prefixLength + (to === 0 ? 1 : 1 + csiLength(to)));
	offer('path', between, 'column', prefixLength + 3 + digits(to + 1));
	if (from === undefined) {
		return;
	}
	if (to > from) {
		offer('path', between, 'forward', prefixLength + csiLength(to - from));
		return;
	}
	// Backspace moves one column left and is one byte.
	offer('path', between, 'back', prefixLength + (from - to <= 3 ? from - to : csiLength(from - to)));
}

function alongText(along: Along, from: number | undefined, to: number): string {
	switch (along) {
		case 'none':
			return '';
		case 'return':
			return to === 0 ? '\r' : `\r${csi(to, 'C')}`;
		case 'column':
			return `\x1b[${to + 1}G`;
		case 'forward':
			return csi(to - from!, 'C');
		case 'back':
			return from! - to <= 3 ? '\b'.repeat(from! - to) : csi(from! - to, 'D');
	}
}

/** The shortest sequence that moves the cursor from `from` to `to`; '' when it is already there. */
export function cursorMove(from: CursorState, to: CellPosition): string {
	return moveBetween(from?.row, from?.column, to.row, to.column);
}

/**
 * `cursorMove` from `fromRow` (undefined: unknown), `fromColumn` (undefined: only the
 * row is known) to `row`, `column`: for a caller that keeps the cursor as numbers
 * (paint-buffer.ts), which makes no object per cell it moves to.
 */
export function moveBetween(
	fromRow: number | undefined,
	fromColumn: number | undefined,
	row: number,
	column: number,
): string {
	if (fromRow === undefined) {
		return absoluteMove(row, column);
	}
	// CUP first: any move that is shorter replaces it.
	best.length = Number.POSITIVE_INFINITY;
	offer('absolute', 'none', 'none', absoluteLength(row, column));
	if (fromRow === row) {
		alongRow('none', 0, fromColumn, column);
	} else {
		// Moves between rows that keep the column: CUD or CUU, then VPA.
		alongRow('relative', csiLength(Math.abs(row - fromRow)), fromColumn, column);
		alongRow('line', 3 + digits(row + 1), fromColumn, column);
		if (row > fromRow && column === 0 && row - fromRow <= 2) {
			// CR LF per row: never at the bottom margin (the target row is below `from`),
			// so the line feeds cannot scroll. Written as CR LF so a terminal without
			// newline translation returns to column 0 too.
			offer('crlf', 'none', 'none', 2 * (row - fromRow));
		}
	}
	switch (best.kind) {
		case 'absolute':
			return absoluteMove(row, column);
		case 'crlf':
			return '\r\n'.repeat(row - fromRow);
		case 'path': {
			const between =
				best.between === 'none'
					? ''
					: best.between === 'line'
						? `\x1b[${row + 1}d`
						: row > fromRow
							? csi(row - fromRow, 'B')
							: csi(fromRow - row, 'A');
			return between + alongText(best.along, fromColumn, column);
		}
	}
}
