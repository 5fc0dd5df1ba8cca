import test, {type ExecutionContext} from 'ava';
import {cursorMove, type CursorState} from '../../../tui/terminal/cursor-moves.js';
import {cellsToWriteExceed, diffGrids, planFrameUpdate} from '../../../tui/terminal/frame-diff.js';
import {parseFrame, type Grid} from '../../../tui/terminal/screen-grid.js';
import {chatFrame, chatMessage, type ChatScreen} from './fixtures/chat-frames.js';
import {
	createEmulator,
	emulatorShowing,
	feed,
	firstDifference,
	referenceCells,
	screenCells,
	screenText,
} from './fixtures/emulator.js';
import {integer, seededRandom} from '../../helpers/seeded-random.js';
import {randomChange, randomGrid} from './fixtures/random-screens.js';

const bytes = (text: string) => Buffer.byteLength(text);

/**
 * The invariant: an emulator showing `previous` shows exactly `next` (text, widths,
 * colours, attributes) after reading the update. Returns the update.
 */
async function assertUpdate(t: ExecutionContext, previous: Grid, next: Grid, context = ''): Promise<string> {
	const terminal = await emulatorShowing(previous);
	const update = diffGrids(previous, next);
	await feed(terminal, update);
	const difference = firstDifference(screenCells(terminal), await referenceCells(next));
	t.is(
		difference,
		undefined,
		`${context}\nupdate: ${JSON.stringify(update)}\nscreen:\n${screenText(terminal).join('\n')}`,
	);
	terminal.dispose();
	return update;
}

const chat = (screen: Partial<ChatScreen> = {}): ChatScreen => ({
	columns: 100,
	rows: 30,
	sidebarWidth: 0,
	messageCount: 40,
	input: 'hello wor',
	...screen,
});
const chatGrid = (screen: ChatScreen) => parseFrame(chatFrame(screen), screen.columns, screen.rows);

// --- The invariant over random screens ------------------------------------------------

test('random screen pairs: the update turns the previous screen into the next exactly', async (t) => {
	const random = seededRandom(20240611);
	for (let index = 0; index < 400; index++) {
		const columns = integer(random, 1, 48);
		const rows = integer(random, 1, 14);
		const previous = randomGrid(random, columns, rows);
		const {next, description} = randomChange(random, previous);
		await assertUpdate(t, previous, next, `case ${index} (${columns}x${rows}): ${description}`);
	}
});

test('random screen sequences: updates chained on one terminal, each from where the last left the cursor', async (t) => {
	const random = seededRandom(99);
	for (let sequence = 0; sequence < 25; sequence++) {
		const columns = integer(random, 8, 60);
		const rows = integer(random, 3, 16);
		const terminal = createEmulator(columns, rows);
		let shown: Grid | undefined;
		let cursor: CursorState;
		let next = randomGrid(random, columns, rows);
		for (let step = 0; step < 15; step++) {
			const update = planFrameUpdate(shown, next, {cursor});
			await feed(terminal, update.text);
			const difference = firstDifference(screenCells(terminal), await referenceCells(next));
			t.is(difference, undefined, `sequence ${sequence}, step ${step}: ${JSON.stringify(update.text)}`);
			const position = terminal.buffer.active;
			if (update.cursor?.column !== undefined) {
				t.deepEqual(
					{row: position.cursorY, column: position.cursorX},
					update.cursor,
					'the cursor is where the update says it left it',
				);
			}
			shown = next;
			cursor = update.cursor;
			next = randomChange(random, next).next;
		}
		terminal.dispose();
	}
});

// --- Chat screens: what the issue measures --------------------------------------------

test('a keystroke on the input line of a 100x30 chat costs one move and one character', async (t) => {
	const before = chat({input: 'hello wor'});
	const update = await assertUpdate(t, chatGrid(before), chatGrid({...before, input: 'hello worl'}));
	t.is(update, '\x1b[30;12Hl');
	t.true(bytes(update) < 60);
});

test('a backspace at the end of the input line erases one cell', async (t) => {
	const before = chat({input: 'hello world'});
	const update = await assertUpdate(t, chatGrid(before), chatGrid({...before, input: 'hello worl'}));
	t.true(bytes(update) < 60, JSON.stringify(update));
});

test('a message arriving in a 100x30 chat scrolls the history instead of repainting it', async (t) => {
	const before = chat({messageCount: 40});
	const update = await assertUpdate(t, chatGrid(before), chatGrid({...before, messageCount: 41}));
	t.true(update.startsWith('\x1b[1;28r\x1b[S\x1b[r'), JSON.stringify(update));
	t.true(bytes(update) < 300, `${bytes(update)} bytes`);
	t.log(`message without a sidebar: ${bytes(update)} bytes`);
});

test('with a 24-column member list beside the history, the history still scrolls, and the list is repainted where it differs', async (t) => {
	const before = chat({sidebarWidth: 24, messageCount: 40});
	const update = await assertUpdate(t, chatGrid(before), chatGrid({...before, messageCount: 41}));
	t.regex(update, /\x1b\[1;28r\x1b\[S\x1b\[r/);
	t.true(bytes(update) < 500, `${bytes(update)} bytes`);
	t.log(`message with a 24-column sidebar: ${bytes(update)} bytes`);
});

test('several messages at once scroll by as many rows', async (t) => {
	const before = chat({sidebarWidth: 24, messageCount: 40});
	const update = await assertUpdate(t, chatGrid(before), chatGrid({...before, messageCount: 43}));
	t.regex(update, /\x1b\[1;28r\x1b\[3S\x1b\[r/);
});

/** Like assertUpdate, for an update planned with the shift the caller names. */
async function assertUpdateWith(t: ExecutionContext, previous: Grid, next: Grid, shift: number): Promise<string> {
	const terminal = await emulatorShowing(previous);
	const {text} = planFrameUpdate(previous, next, {shift});
	await feed(terminal, text);
	t.is(firstDifference(screenCells(terminal), await referenceCells(next)), undefined, JSON.stringify(text));
	terminal.dispose();
	return text;
}

test('a shift the caller names is scrolled by as the search would find it', async (t) => {
	const before = chat({sidebarWidth: 24, messageCount: 40});
	for (const count of [41, 43]) {
		const [previous, next] = [chatGrid(before), chatGrid({...before, messageCount: count})];
		t.is(await assertUpdateWith(t, previous, next, count - 40), diffGrids(previous, next));
	}
});

test('a shift the caller names wrongly costs bytes, never the screen: the update without a scroll still competes', async (t) => {
	const before = chat({sidebarWidth: 24, messageCount: 40});
	const [previous, next] = [chatGrid(before), chatGrid({...before, messageCount: 41})];
	// Down rather than up: no band gains by it, so there is no scroll to make.
	const down = await assertUpdateWith(t, previous, next, -1);
	t.false(/\x1b\[[\d;]*[rST]/.test(down), JSON.stringify(down));
	t.true(bytes(down) > bytes(diffGrids(previous, next)), 'the search would have scrolled up');
	// Two rows where the content moved one: a worse scroll, or none.
	t.true(bytes(await assertUpdateWith(t, previous, next, 2)) > bytes(diffGrids(previous, next)));
	// No shift a terminal can make: searched for as ever.
	for (const shift of [0, 30, -30, 1.5]) {
		t.is(await assertUpdateWith(t, previous, next, shift), diffGrids(previous, next), String(shift));
	}
});

test('the cells a repaint must write, counted without painting: differing, not blank, each character once', (t) => {
	const grid = (text: string) => parseFrame(text, 10, 2);
	t.false(cellsToWriteExceed(grid('abc\nxyz'), grid('abc\nxyz'), 0), 'nothing differs');
	t.true(cellsToWriteExceed(grid('abc\nxyz'), grid('abd\nxyz'), 0));
	t.false(cellsToWriteExceed(grid('abc\nxyz'), grid('abd\nxyz'), 1));
	t.false(cellsToWriteExceed(grid('abcdefgh\nxyz'), grid('\nxyz'), 0), 'blanks may be erased');
	t.false(cellsToWriteExceed(grid('abc'), grid('病棟'), 2), 'a wide character is one write');
	t.true(cellsToWriteExceed(grid('abc'), grid('病棟'), 1));
	// The bound holds: a repaint without a scroll writes at least that many bytes.
	const random = seededRandom(3);
	for (let index = 0; index < 200; index++) {
		const previous = randomGrid(random, 12, 4);
		const {next} = randomChange(random, previous);
		const repaint = diffGrids(previous, next);
		const written = bytes(repaint);
		if (!/\x1b\[[\d;]*[rST]/.test(repaint)) {
			t.false(cellsToWriteExceed(previous, next, written), `${written} bytes: ${JSON.stringify(repaint)}`);
		}
	}
});

test('scrolling the history back moves the band down', async (t) => {
	const before = chat({sidebarWidth: 24, messageCount: 40});
	const update = await assertUpdate(t, chatGrid(before), chatGrid({...before, messageCount: 38}));
	t.regex(update, /\x1b\[1;28r\x1b\[2T\x1b\[r/);
});

// --- Targeted cases -------------------------------------------------------------------

test('an identical frame needs no bytes', (t) => {
	const grid = chatGrid(chat({sidebarWidth: 24}));
	t.is(diffGrids(grid, grid), '');
	t.is(diffGrids(grid, chatGrid(chat({sidebarWidth: 24}))), '');
});

test('without a previous screen, or at another size, the screen is cleared and painted whole', async (t) => {
	const next = chatGrid(chat({sidebarWidth: 24}));
	const update = diffGrids(undefined, next);
	t.true(update.startsWith('\x1b[0m\x1b[H\x1b[2J'));
	const terminal = createEmulator(100, 30);
	await feed(terminal, 'garbage that the clear must remove\r\n'.repeat(40));
	await feed(terminal, update);
	t.is(firstDifference(screenCells(terminal), await referenceCells(next)), undefined);
	t.true(diffGrids(parseFrame('', 99, 30), next).startsWith('\x1b[0m\x1b[H\x1b[2J'));
	t.true(diffGrids(parseFrame('', 100, 29), next).startsWith('\x1b[0m\x1b[H\x1b[2J'));
});

test('a style change alone rewrites only the restyled cells', async (t) => {
	const update = await assertUpdate(
		t,
		parseFrame('status: \x1b[32monline\x1b[39m and more', 40, 2),
		parseFrame('status: \x1b[31monline\x1b[39m and more', 40, 2),
	);
	t.is(update, '\x1b[1;9H\x1b[31monline\x1b[0m');
});

test('the rest of a row turning blank is erased, not overwritten with spaces', async (t) => {
	const update = await assertUpdate(
		t,
		parseFrame('a long line of text that will go away', 40, 1),
		parseFrame('a long', 40, 1),
	);
	t.is(update, '\x1b[1;8H\x1b[K', 'from the first changed cell (column 6 was a blank already)');
});

test('an erase is never made with a background colour on', async (t) => {
	await assertUpdate(
		t,
		parseFrame('\x1b[44mblue background all the way\x1b[49m', 30, 1),
		parseFrame('\x1b[44mblue\x1b[49m', 30, 1),
	);
});

test('a small unchanged gap between changes is rewritten rather than jumped', (t) => {
	const update = diffGrids(parseFrame('abcdefgh', 10, 1), parseFrame('xbcdefgy', 10, 1));
	t.is(update, '\x1b[Hx\x1b[8Gy', 'six unchanged cells: a move is shorter');
	t.is(
		diffGrids(parseFrame('abcdefgh', 10, 1), parseFrame('xbydefgh', 10, 1)),
		'\x1b[Hxby',
		'one unchanged cell: rewriting it is shorter',
	);
});

test('wide characters at the right edge', async (t) => {
	// A wide character ending in the last column, replacing narrow ones and replaced by them.
	await assertUpdate(t, parseFrame('abcdef', 6, 2), parseFrame('abcd中', 6, 2));
	await assertUpdate(t, parseFrame('abcd中', 6, 2), parseFrame('abcdef', 6, 2));
	await assertUpdate(t, parseFrame('abcd中', 6, 2), parseFrame('abcde', 6, 2));
	// One that does not fit shows as a space; the cell beside the edge is still written.
	await assertUpdate(t, parseFrame('abcdef', 6, 2), parseFrame('abcde中', 6, 2));
	// The bottom-right cell: written last, it must not make the terminal scroll.
	const update = await assertUpdate(t, parseFrame('top', 6, 2), parseFrame('top\nxyz中', 6, 2));
	t.true(update.endsWith('中'), 'nothing is written after the bottom-right cell, which would scroll the screen');
});

test('a wide character moving by one column, or half replaced, is rewritten whole', async (t) => {
	await assertUpdate(t, parseFrame('a中b', 8, 1), parseFrame('ab中', 8, 1));
	await assertUpdate(t, parseFrame('中文', 8, 1), parseFrame('x文', 8, 1));
	await assertUpdate(t, parseFrame('中文', 8, 1), parseFrame(' 中x', 8, 1));
	await assertUpdate(t, parseFrame('中文', 8, 1), parseFrame('中', 8, 1));
	await assertUpdate(t, parseFrame('ab中cd', 8, 1), parseFrame('ab\x1b[31m中\x1b[39mcd', 8, 1));
});

test('after an emoji the next cell is placed by an absolute move, so a terminal that draws it narrower misplaces nothing after it', async (t) => {
	const update = await assertUpdate(t, parseFrame('', 10, 1), parseFrame('😀abc', 10, 1));
	t.is(update, '\x1b[H😀\x1b[3Gabc');
	// A terminal drawing the emoji one column wide still shows the text where it belongs.
	const narrow = createEmulator(10, 1, {emojiWidth: 1});
	await feed(narrow, update);
	t.is(narrow.buffer.active.getLine(0)!.translateToString(true).slice(-3), 'abc');
	t.is(narrow.buffer.active.getLine(0)!.getCell(2)!.getChars(), 'a');
	narrow.dispose();
});

test('a scroll is not used where it does not pay', (t) => {
	const update = diffGrids(parseFrame('one\ntwo\nthree', 10, 3), parseFrame('one\ntwo\nfour', 10, 3));
	t.false(/\x1b\[[\d;]*[rST]/.test(update), JSON.stringify(update));
});

test('rows scrolled without a region when the whole screen moved', async (t) => {
	const lines = Array.from({length: 12}, (_, index) => chatMessage(index).text);
	const update = await assertUpdate(
		t,
		parseFrame(lines.slice(0, 10).join('\n'), 40, 10),
		parseFrame(lines.slice(2, 12).join('\n'), 40, 10),
	);
	t.true(update.startsWith('\x1b[2S'), JSON.stringify(update));
});

// --- Cursor moves ---------------------------------------------------------------------

test('every cursor move lands where it says, from a known cell or a known row', async (t) => {
	const random = seededRandom(5);
	const terminal = createEmulator(30, 12);
	for (let index = 0; index < 400; index++) {
		const from = {row: integer(random, 0, 11), column: integer(random, 0, 29)};
		const to = {row: integer(random, 0, 11), column: integer(random, 0, 29)};
		const rowOnly = random() < 0.3;
		await feed(terminal, `\x1b[${from.row + 1};${from.column + 1}H`);
		const move = cursorMove(rowOnly ? {row: from.row, column: undefined} : from, to);
		await feed(terminal, move);
		t.deepEqual(
			{row: terminal.buffer.active.cursorY, column: terminal.buffer.active.cursorX},
			to,
			`${JSON.stringify({from, to, rowOnly, move})}`,
		);
	}
	terminal.dispose();
});

test('cursor moves are short', (t) => {
	t.is(cursorMove({row: 3, column: 5}, {row: 3, column: 5}), '');
	t.is(cursorMove(undefined, {row: 0, column: 0}), '\x1b[H');
	t.is(cursorMove(undefined, {row: 29, column: 11}), '\x1b[30;12H');
	t.is(cursorMove({row: 4, column: 9}, {row: 4, column: 0}), '\r');
	t.is(cursorMove({row: 4, column: 9}, {row: 4, column: 8}), '\b');
	t.is(cursorMove({row: 4, column: 9}, {row: 4, column: 12}), '\x1b[3C');
	t.is(cursorMove({row: 4, column: 9}, {row: 5, column: 0}), '\r\n');
	t.is(cursorMove({row: 4, column: 9}, {row: 5, column: 9}), '\x1b[B');
	t.is(cursorMove({row: 4, column: undefined}, {row: 4, column: 20}), '\x1b[21G');
});
