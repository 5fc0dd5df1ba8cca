import test, {type ExecutionContext} from 'ava';
import {BLANK_CELL, gridText, parseFrame, type Cell, type Grid} from '../../../tui/terminal/screen-grid.js';
import {
	applySgr,
	DEFAULT_STYLE,
	sgrTransition,
	styleFromKey,
	styleKey,
	type Style,
} from '../../../tui/terminal/sgr-style.js';
import {integer, pick, seededRandom, type Random} from '../../helpers/seeded-random.js';
import {createEmulator, feed, firstDifference, referenceCells, screenCells} from './fixtures/emulator.js';

const rowText = (grid: Grid, row: number) => grid.cells[row]!.map((cell) => cell.char).join('');
const cellAt = (grid: Grid, row: number, column: number): Cell => grid.cells[row]![column]!;

/** Each SGR parameter list, applied to the default style, gives the style key beside it. */
function keysAs(t: ExecutionContext, cases: ReadonlyArray<[parameters: string, key: string, why?: string]>) {
	for (const [parameters, key, why] of cases) {
		t.is(styleKey(applySgr(DEFAULT_STYLE, parameters)), key, why);
	}
}

test('rows split on newlines; missing rows are blank, extra rows dropped, short lines padded with blanks', (t) => {
	const grid = parseFrame('ab\ncd\nef\ngh', 4, 3);
	t.is(grid.rows, 3);
	t.is(grid.columns, 4);
	t.deepEqual(
		[0, 1, 2].map((row) => rowText(grid, row)),
		['ab  ', 'cd  ', 'ef  '],
	);
	t.is(cellAt(grid, 0, 3), BLANK_CELL);

	const short = parseFrame('only', 6, 3);
	t.deepEqual(
		[0, 1, 2].map((row) => rowText(short, row)),
		['only  ', '      ', '      '],
	);
});

test('lines longer than the width are clipped', (t) => {
	const grid = parseFrame('abcdefgh\nxy', 5, 2);
	t.is(gridText(grid), 'abcde\nxy');
});

test('SGR sequences style the cells after them and are not shown', (t) => {
	const grid = parseFrame('a\x1b[1;31mbc\x1b[22;39md', 6, 1);
	t.is(rowText(grid, 0), 'abcd  ');
	t.is(cellAt(grid, 0, 0).style, '');
	t.is(cellAt(grid, 0, 1).style, '1;31');
	t.is(cellAt(grid, 0, 2).style, '1;31');
	t.is(cellAt(grid, 0, 3).style, '');
});

test('equal styles get equal keys however they were written', (t) => {
	const bold = '\x1b[1m';
	const variants = [
		'\x1b[31;1m',
		'\x1b[1m\x1b[31m',
		'\x1b[1;32;31m',
		'\x1b[4;1;31;24m',
		`${bold}\x1b[2m\x1b[22m\x1b[1m\x1b[31m`,
	];
	const keys = variants.map((sgr) => cellAt(parseFrame(`${sgr}x`, 2, 1), 0, 0).style);
	t.deepEqual(new Set(keys), new Set(['1;31']));
});

test('colours: 16, bright, 256 and truecolor, in semicolon and colon forms', (t) => {
	keysAs(t, [
		['31', '31'],
		['97;104', '97;104'],
		['38;5;208', '38;5;208'],
		['38:5:208', '38;5;208'],
		['48;2;16;32;48', '48;2;16;32;48'],
		['48:2::16:32:48', '48;2;16;32;48'],
		['48:2:16:32:48', '48;2;16;32;48'],
		['38;2;300;0;0', '38;2;255;0;0', 'out-of-range components are clamped'],
		['38;5;1;1', '1;38;5;1', 'parameters after a 256-colour are read on'],
		['58;5;3;4', '4', 'an underline colour is skipped with its arguments'],
	]);
});

test('resets: 0 and an empty SGR clear everything, 22 clears bold and dim, 39 and 49 the colours', (t) => {
	keysAs(t, [
		['1;2;31;42;0', ''],
		['1;2;31;42;', '', 'an empty parameter is 0'],
		['1;2;3;22', '3'],
		['31;42;39', '42'],
		['31;42;49', '31'],
		['4;7;9;53;24;27;29;55', ''],
		['4:3', '4', 'an underline style is an underline'],
		['4;4:0', '', '4:0 is no underline'],
	]);
	t.deepEqual(applySgr(styleFromKey('1;31'), ''), DEFAULT_STYLE);
});

test('styles carry from one line to the next, as on a terminal', (t) => {
	const grid = parseFrame('\x1b[32mgreen\nstill\x1b[39m plain', 12, 2);
	t.is(cellAt(grid, 1, 0).style, '32');
	t.is(cellAt(grid, 1, 6).style, '');
});

test('other escape sequences are skipped: hyperlinks, cursor moves, private modes, private SGR-like sequences', (t) => {
	const grid = parseFrame('\x1b]8;;https://example.com\x07link\x1b]8;;\x1b\\ \x1b[2Cx\x1b[?25l\x1b[>4;1my\x1bM', 12, 1);
	t.is(rowText(grid, 0), 'link xy     ');
	t.true(grid.cells[0]!.every((cell) => cell.style === ''));
});

test('control characters print nothing', (t) => {
	const grid = parseFrame('a\tb\rc\x07d', 6, 1);
	t.is(rowText(grid, 0), 'abcd  ');
});

test('CJK and emoji take two columns: the character, then a continuation cell', (t) => {
	const grid = parseFrame('中x😀y', 8, 1);
	t.deepEqual(
		grid.cells[0]!.slice(0, 6).map((cell) => [cell.char, cell.width]),
		[
			['中', 2],
			['', 0],
			['x', 1],
			['😀', 2],
			['', 0],
			['y', 1],
		],
	);
});

test('a wide character that would straddle the right edge becomes a space', (t) => {
	const grid = parseFrame('abc\x1b[31m中\nab中', 4, 2);
	t.deepEqual(
		grid.cells[0]!.map((cell) => [cell.char, cell.width, cell.style]),
		[
			['a', 1, ''],
			['b', 1, ''],
			['c', 1, ''],
			[' ', 1, '31'],
		],
	);
	t.is(rowText(grid, 1), 'ab中');
	t.is(cellAt(grid, 1, 3).width, 0);
});

test('combining marks and joined sequences stay in one cell', (t) => {
	const grid = parseFrame('e\u0301a\u0308 👍🏽!', 8, 1);
	t.is(cellAt(grid, 0, 0).char, 'e\u0301');
	t.is(cellAt(grid, 0, 1).char, 'a\u0308');
	t.is(cellAt(grid, 0, 3).char, '👍🏽');
	t.is(cellAt(grid, 0, 3).width, 2);
	t.is(cellAt(grid, 0, 5).char, '!');
});

test('a combining mark cut from its letter by an SGR sequence still joins the cell before it', (t) => {
	const grid = parseFrame('e\x1b[31m\u0301x', 4, 1);
	t.is(cellAt(grid, 0, 0).char, 'e\u0301');
	t.is(cellAt(grid, 0, 1).char, 'x');
});

test('the grid is what a terminal shows when it draws the frame', async (t) => {
	const frame = [
		'\x1b[1m\x1b[31mhi \x1b[4m\x1b[48;2;16;32;48mthere 中\x1b[49m\x1b[24m\x1b[39m\x1b[22m',
		'\x1b[7m x \x1b[27m \x1b[38;5;208mé😀\x1b[39m',
		'┌──────┐',
		'│\x1b[2mdim\x1b[22m   │',
	].join('\n');
	const grid = parseFrame(frame, 16, 5);
	const terminal = createEmulator(16, 5);
	// A terminal draws an Ink frame with line feeds that return to column 0.
	await feed(terminal, frame.replaceAll('\n', '\r\n'));
	t.is(firstDifference(screenCells(terminal), await referenceCells(grid)), undefined);
	terminal.dispose();
});

// --- Style switches -------------------------------------------------------------------

function randomStyle(random: Random): Style {
	const color = (base: number) =>
		pick(random, [
			'',
			'',
			`${base + 1}`,
			`${base + 61}`,
			`${base + 8};5;${integer(random, 0, 255)}`,
			`${base + 8};2;${integer(random, 0, 255)};7;255`,
		]);
	return {attributes: integer(random, 0, 511), foreground: color(30), background: color(40)};
}

test('a style switch turns any style into any other, and is never longer than a reset and the full style', (t) => {
	const random = seededRandom(7);
	for (let index = 0; index < 2000; index++) {
		const from = styleKey(randomStyle(random));
		const to = styleKey(randomStyle(random));
		const transition = sgrTransition(from, to);
		const parameters = transition.slice(2, -1);
		t.is(styleKey(applySgr(styleFromKey(from), parameters)), to, `${from} -> ${to} via ${JSON.stringify(transition)}`);
		t.true(transition.length <= `\x1b[0;${to}m`.length);
	}
});

test('a style switch names only what changes', (t) => {
	t.is(sgrTransition('', ''), '');
	t.is(sgrTransition('1;31', '1;31'), '');
	t.is(sgrTransition('', '7'), '\x1b[7m');
	t.is(sgrTransition('7', ''), '\x1b[0m');
	t.is(sgrTransition('1;31', '1;32'), '\x1b[32m');
	t.is(sgrTransition('1;2;31', '2;31'), '\x1b[22;2m', '22 clears dim too, so dim is set again');
	t.is(sgrTransition('1;3;4;38;2;1;2;3', '3;4;38;2;1;2;3'), '\x1b[22m');
	t.is(sgrTransition('1;3;4;38;2;1;2;3', '32'), '\x1b[0;32m', 'a reset is shorter than clearing each');
});
