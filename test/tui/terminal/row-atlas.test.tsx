/** @jsxRuntime automatic @jsxImportSource react */
/**
 * Rows handed to Ink by reference (row-atlas.ts), frames taken from Ink's tree
 * (dom-frame.ts) and lines read once (frame-reader.ts): each must give the very cells
 * Ink's own output stage would have.
 */
import test from 'ava';
import {Box, Text} from 'ink';
import {RowLine, Rows} from '../../../tui/components/Rows.js';
import {RowAtlasContext} from '../../../tui/components/row-atlas-context.js';
import {span} from '../../../tui/layout/spans.js';
import {domFrame, domLines} from '../../../tui/terminal/dom-frame.js';
import {FrameReader} from '../../../tui/terminal/frame-reader.js';
import {RowAtlas} from '../../../tui/terminal/row-atlas.js';
import {
	gridText,
	parseFrame,
	parseLine,
	ROW_SLOT_MARK,
	ROW_TOKEN_MARK,
	tokenLine,
	type Grid,
} from '../../../tui/terminal/screen-grid.js';
import {DEFAULT_STYLE} from '../../../tui/terminal/sgr-style.js';
import {renderInDebug} from '../../helpers/ink-debug.js';
import {nextTurn} from '../../helpers/next-turn.js';

function sameCells(t: import('ava').ExecutionContext, actual: Grid, expected: Grid): void {
	t.is(gridText(actual), gridText(expected));
	t.deepEqual(
		actual.cells.map((row) => row.map((cell) => [cell.char, cell.width, cell.style])),
		expected.cells.map((row) => row.map((cell) => [cell.char, cell.width, cell.style])),
	);
}

test("a frame read from Ink's tree has the cells of Ink's own frame", async (t) => {
	const tree = (
		<Box flexDirection="column" width={60} height={6}>
			<Box flexDirection="row" height={4}>
				<Box flexDirection="column" width={40} height={4}>
					<Box height={1} width={40}>
						<Text wrap="truncate">{'\x1b[1mbold\x1b[0m and plain'}</Text>
					</Box>
					<Box height={1} width={40}>
						<Text>日本語 wide</Text>
					</Box>
				</Box>
				<Box flexDirection="column" width={20}>
					<Text color="green">side</Text>
				</Box>
			</Box>
			<Text>last row</Text>
		</Box>
	);
	const {frames, root, ink} = await renderInDebug(tree, 60, 6);
	t.teardown(() => ink.unmount());
	const fromTree = domFrame(root);
	t.not(fromTree, undefined);
	sameCells(t, parseFrame(fromTree!, 60, 6), parseFrame(frames.at(-1)!, 60, 6));
});

test('a text Ink would wrap, or a border, is left to Ink', async (t) => {
	const wrapping = await renderInDebug(
		<Box width={10}>
			<Text>a text much wider than its box</Text>
		</Box>,
		30,
		4,
	);
	t.teardown(() => wrapping.ink.unmount());
	t.is(domFrame(wrapping.root), undefined);
	const bordered = await renderInDebug(
		<Box borderStyle="single" width={10} height={3}>
			<Text>x</Text>
		</Box>,
		30,
		4,
	);
	t.teardown(() => bordered.ink.unmount());
	t.is(domFrame(bordered.root), undefined);
});

test('rows with an atlas: Ink holds a slot per row; the frame read has the same cells as rows given as text', async (t) => {
	const rows = [
		[span('12:04', {dim: true}), span(' '), span('<alice>', {color: 'cyan'}), span(' good morning')],
		[span('│ ', {dim: true}), span('▸lobby (2)', {bold: true})],
		[],
		[span('an emoji 👍🏽 and 漢字')],
	];
	const tree = (
		<Box flexDirection="column" width={50} height={4}>
			{rows.map((row, index) => (
				<RowLine key={index} row={row} width={50} />
			))}
		</Box>
	);
	const plain = await renderInDebug(tree, 50, 4);
	t.teardown(() => plain.ink.unmount());
	const atlas = new RowAtlas();
	const withAtlas = await renderInDebug(
		<RowAtlasContext.Provider value={atlas}>{tree}</RowAtlasContext.Provider>,
		50,
		4,
	);
	t.teardown(() => withAtlas.ink.unmount());
	const inkFrame = withAtlas.frames.at(-1)!;
	t.true(inkFrame.includes(ROW_SLOT_MARK), 'Ink was given slots');
	t.false(inkFrame.includes('good morning'), 'and not the text');
	const fromTree = domFrame(withAtlas.root, atlas)!;
	t.true(fromTree.includes(ROW_TOKEN_MARK), 'the frame read holds content tokens');
	const expected = parseFrame(plain.frames.at(-1)!, 50, 4);
	sameCells(t, new FrameReader(atlas).read(fromTree, 50, 4), expected);
	// A frame Ink drew itself (the first, or after a resize) holds slots: read through the atlas too.
	sameCells(t, new FrameReader(atlas).read(inkFrame, 50, 4), expected);
});

test('content tokens: one per distinct row, never reused; slots follow what their row shows', (t) => {
	const atlas = new RowAtlas();
	const a = atlas.token('a row of text', 40);
	t.is(atlas.token('a row of text', 40), a);
	t.not(atlas.token('another row', 40), a);
	t.is(atlas.token('ab', 40), 'ab', 'as short as a token: the text itself');
	t.is(atlas.token('a row of text', 1), 'a row of text', 'no room for the token');
	const slot = atlas.openSlot(40)!;
	atlas.assign(slot, 'first', 40);
	t.is(atlas.slotContent(slot), atlas.token('first', 40));
	atlas.assign(slot, 'second', 40);
	t.is(atlas.slotContent(slot), atlas.token('second', 40));
	atlas.closeSlot(slot);
	t.is(atlas.slotContent(slot), undefined);
	t.is(atlas.openSlot(1), undefined, 'a slot that would not fit its row');
});

test('content no frame shows is swept once there is much of it; what frames show stays', (t) => {
	const atlas = new RowAtlas();
	const reader = new FrameReader(atlas);
	const shown = atlas.token('always on screen', 40);
	for (let frame = 0; frame < 2000; frame++) {
		const passing = atlas.token(`message ${frame} passing by`, 40);
		reader.read(`${shown}\n${passing}`, 40, 2);
	}
	t.true(atlas.size < 600, `${atlas.size} entries`);
	t.is(atlas.token('always on screen', 40), shown, 'the row on every frame kept its token');
	t.is(gridText(reader.read(shown, 40, 1)), 'always on screen');
});

test('the reader takes a line it saw in the last frame as it was, the same row, even moved', (t) => {
	const reader = new FrameReader(new RowAtlas());
	const first = reader.read('one\ntwo\nthree', 10, 3);
	const moved = reader.read('two\nthree\nfour', 10, 3);
	t.is(moved.cells[0], first.cells[1]);
	t.is(moved.cells[1], first.cells[2]);
	t.is(gridText(moved), 'two\nthree\nfour');
	// A line after one that leaves a style open is read afresh: the style carries into it.
	const styled = reader.read('\x1b[1mbold\nthree', 10, 2);
	t.not(styled.cells[1], moved.cells[1]);
	t.is(styled.cells[1]![0]!.style, '1');
});

test("a block of rows with an atlas: a slot per row; rows moving up change nothing in Ink's tree, and read as the rows given as text", async (t) => {
	const lines = Array.from({length: 8}, (_, index) => [
		span(`${index}`.padStart(2), {dim: true}),
		span(' '),
		span(`message ${index}`, index % 2 === 0 ? {color: 'cyan'} : undefined),
	]);
	const block = (from: number) => <Rows bottom rows={lines.slice(from, from + 4)} width={30} height={5} />;
	const plain = await renderInDebug(block(0), 30, 5);
	t.teardown(() => plain.ink.unmount());
	const atlas = new RowAtlas();
	const withAtlas = await renderInDebug(
		<RowAtlasContext.Provider value={atlas}>{block(0)}</RowAtlasContext.Provider>,
		30,
		5,
	);
	t.teardown(() => withAtlas.ink.unmount());
	const reader = new FrameReader(atlas);
	for (const from of [0, 1, 2, 4]) {
		plain.ink.rerender(<Box>{block(from)}</Box>);
		withAtlas.ink.rerender(
			<Box>
				<RowAtlasContext.Provider value={atlas}>{block(from)}</RowAtlasContext.Provider>
			</Box>,
		);
		await nextTurn();
		t.is(withAtlas.frames.at(-1), withAtlas.frames[0], 'Ink drew the same slots');
		const fromTree = domFrame(withAtlas.root, atlas)!;
		sameCells(t, reader.read(fromTree, 30, 5), parseFrame(plain.frames.at(-1)!, 30, 5));
	}
	t.regex(gridText(reader.read(domFrame(withAtlas.root, atlas)!, 30, 5)), /^\n 4 message 4\n 5 message 5/);
});

test('a line of content tokens is built from their cells as its text would read', (t) => {
	const atlas = new RowAtlas();
	const history = atlas.token('\x1b[1mbold\x1b[0m, 日本語 and \x1b[36mcyan\x1b[39m', 30);
	const side = atlas.token('a sidebar row', 15);
	const token = (x: number, text: string) => ({x, text, width: text.length, content: text.slice(1)});
	const cases = [
		[token(0, history)],
		[token(0, history), token(30, side)],
		[token(3, history), token(32, side)],
		// Past the right edge, and an id the atlas does not know.
		[token(0, history), token(45, side)],
		[token(0, `${ROW_TOKEN_MARK}zzzz`), token(30, side)],
	];
	for (const parts of cases) {
		let text = '';
		let column = 0;
		for (const part of parts) {
			text += ' '.repeat(part.x - column) + part.text;
			column = part.x + part.width;
		}
		const built = tokenLine(parts, 40, atlas)!;
		const read = parseLine(text, 40, DEFAULT_STYLE, atlas);
		t.deepEqual(
			{...built, cells: built.cells.map((cell) => [cell.char, cell.width, cell.style])},
			{...read, cells: read.cells.map((cell) => [cell.char, cell.width, cell.style])},
			JSON.stringify(text),
		);
	}
	const plain = {x: 30, text: 'plain', width: 5, content: undefined};
	t.is(tokenLine([token(0, history), plain], 40, atlas), undefined, 'a text among the tokens');
});

test("history and sidebar side by side, read from Ink's tree as lines, have the cells of Ink's own frame", async (t) => {
	const lines = Array.from({length: 12}, (_, index) => [
		span(`${index}`.padStart(2), {dim: true}),
		span(' '),
		span(`message ${index}`, index % 3 === 0 ? {color: 'cyan'} : undefined),
	]);
	const sidebar = Array.from({length: 3}, (_, index) => [
		span(`#group ${index}`, index === 0 ? {bold: true} : undefined),
	]);
	const screen = (from: number) => (
		<Box flexDirection="row">
			<Rows bottom rows={lines.slice(from, from + 5)} width={24} height={6} />
			<Rows rows={sidebar} width={12} height={6} />
		</Box>
	);
	const plain = await renderInDebug(screen(0), 36, 6);
	t.teardown(() => plain.ink.unmount());
	const atlas = new RowAtlas();
	const withAtlas = await renderInDebug(
		<RowAtlasContext.Provider value={atlas}>{screen(0)}</RowAtlasContext.Provider>,
		36,
		6,
	);
	t.teardown(() => withAtlas.ink.unmount());
	const reader = new FrameReader(atlas);
	for (const from of [0, 1, 2, 3, 5, 7]) {
		plain.ink.rerender(screen(from));
		withAtlas.ink.rerender(<RowAtlasContext.Provider value={atlas}>{screen(from)}</RowAtlasContext.Provider>);
		await nextTurn();
		const fromTree = domLines(withAtlas.root, atlas)!;
		t.is(fromTree.map((line) => line.text).join('\n'), domFrame(withAtlas.root, atlas)!);
		t.true(
			fromTree.some((line) => line.parts.length === 2 && line.parts.every((part) => part.content !== undefined)),
			'lines of two content tokens',
		);
		sameCells(t, reader.read(fromTree, 36, 6), parseFrame(plain.frames.at(-1)!, 36, 6));
	}
});

test('a slot keeps its content token while it shows the same row, and gets a new one once that was swept', (t) => {
	const atlas = new RowAtlas();
	const reader = new FrameReader(atlas);
	const slot = atlas.openSlot(40)!;
	atlas.assign(slot, 'the row the slot shows', 40);
	const first = atlas.slotContent(slot)!;
	atlas.assign(slot, 'the row the slot shows', 40);
	t.is(atlas.slotContent(slot), first, 'the same row: the same token');
	// Frames that do not show the slot, until its content is swept.
	for (let frame = 0; frame < 2000; frame++) {
		reader.read(atlas.token(`message ${frame} passing by`, 40), 40, 1);
	}
	t.is(atlas.cells(first.slice(1)), undefined, 'swept');
	const again = atlas.slotContent(slot)!;
	t.not(again, first);
	t.is(gridText(reader.read(again, 40, 1)), 'the row the slot shows');
	atlas.assign(slot, 'another row', 40);
	t.not(atlas.slotContent(slot), again);
	t.is(gridText(reader.read(atlas.slotContent(slot)!, 40, 1)), 'another row');
});
