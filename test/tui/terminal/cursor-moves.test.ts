import test from 'ava';
import {cursorMove, type CellPosition, type CursorState} from '../../../tui/terminal/cursor-moves.js';

/**
 * The moves as first written: every candidate built as a string, the shortest kept
 * (the first on a tie). `cursorMove` prices them before writing any; it must choose
 * the same move, byte for byte.
 */
const csi = (parameter: number, final: string) => `\x1b[${parameter === 1 ? '' : parameter}${final}`;

function absoluteMove({row, column}: CellPosition): string {
	if (column === 0) {
		return row === 0 ? '\x1b[H' : `\x1b[${row + 1}H`;
	}
	return `\x1b[${row + 1};${column + 1}H`;
}

const shorter = (best: string, candidate: string) => (candidate.length < best.length ? candidate : best);

function shortestAlongRow(best: string, prefix: string, from: number | undefined, to: number): string {
	if (from === to) {
		return shorter(best, prefix);
	}
	let shortest = shorter(best, prefix + (to === 0 ? '\r' : `\r${csi(to, 'C')}`));
	shortest = shorter(shortest, `${prefix}\x1b[${to + 1}G`);
	if (from === undefined) {
		return shortest;
	}
	if (to > from) {
		return shorter(shortest, prefix + csi(to - from, 'C'));
	}
	return shorter(shortest, prefix + (from - to <= 3 ? '\b'.repeat(from - to) : csi(from - to, 'D')));
}

function referenceMove(from: CursorState, to: CellPosition): string {
	const absolute = absoluteMove(to);
	if (from === undefined) {
		return absolute;
	}
	if (from.row === to.row) {
		return shortestAlongRow(absolute, '', from.column, to.column);
	}
	const relative = to.row > from.row ? csi(to.row - from.row, 'B') : csi(from.row - to.row, 'A');
	let best = shortestAlongRow(absolute, relative, from.column, to.column);
	best = shortestAlongRow(best, `\x1b[${to.row + 1}d`, from.column, to.column);
	if (to.row > from.row && to.column === 0 && to.row - from.row <= 2) {
		best = shorter(best, '\r\n'.repeat(to.row - from.row));
	}
	return best;
}

// Around each place where a parameter gains a digit, and the edges.
const values = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 97, 98, 99, 100, 101, 998, 999, 1000, 1001];

test('each move is the one building every candidate would have chosen', (t) => {
	let compared = 0;
	for (const fromRow of values) {
		for (const fromColumn of [...values, undefined]) {
			for (const row of values) {
				for (const column of values) {
					const from = {row: fromRow, column: fromColumn};
					const to = {row, column};
					const expected = referenceMove(from, to);
					const move = cursorMove(from, to);
					if (move !== expected) {
						t.fail(`${JSON.stringify({from, to})}: ${JSON.stringify(move)}, not ${JSON.stringify(expected)}`);
						return;
					}
					compared++;
				}
			}
		}
	}
	for (const row of values) {
		for (const column of values) {
			t.is(cursorMove(undefined, {row, column}), referenceMove(undefined, {row, column}));
		}
	}
	t.is(compared, values.length ** 3 * (values.length + 1));
});
