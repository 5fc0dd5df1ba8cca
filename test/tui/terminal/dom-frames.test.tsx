/** @jsxRuntime automatic @jsxImportSource react */
/**
 * Frames of one tree read without walking it while it is as it was (dom-frame.ts,
 * `DomFrames`): each must be the frame a walk of the tree reads, through changes Yoga
 * lays out and changes it does not see.
 */
import test from 'ava';
import {Box, Text, Transform, type DOMElement} from 'ink';
import {Rows, rowsMovedUp} from '../../../tui/components/Rows.js';
import {RowAtlasContext} from '../../../tui/components/row-atlas-context.js';
import {span, type Row} from '../../../tui/layout/spans.js';
import {DomFrames, domLines, type FrameLine} from '../../../tui/terminal/dom-frame.js';
import {FrameReader} from '../../../tui/terminal/frame-reader.js';
import {RowAtlas} from '../../../tui/terminal/row-atlas.js';
import {gridText, parseFrame, ROW_SLOT_MARK} from '../../../tui/terminal/screen-grid.js';
import {renderInDebug} from '../../helpers/ink-debug.js';
import {nextTurn} from '../../helpers/next-turn.js';
import {integer, pick, seededRandom} from '../../helpers/seeded-random.js';

interface ScreenProps {
	readonly loud: boolean;
	readonly first: string;
	readonly extra: boolean;
	readonly clip: boolean;
	readonly from: number;
}

const history = Array.from({length: 10}, (_, index) => [
	span(`message ${index}`, index % 2 === 0 ? {bold: true} : undefined),
]);

function Screen({loud, first, extra, clip, from}: ScreenProps) {
	return (
		<Box flexDirection="column" width={40} height={6}>
			<Box height={1} width={40}>
				<Transform transform={(text) => (loud ? text.toUpperCase() : text)}>
					<Text>transformed</Text>
				</Transform>
			</Box>
			{extra && (
				<Box height={1} width={40}>
					<Text>a row put in above</Text>
				</Box>
			)}
			<Box height={1} width={40} overflowY={clip ? 'hidden' : 'visible'}>
				<Text>{first}</Text>
			</Box>
			<Rows bottom rows={history.slice(from, from + 3)} width={40} height={3} />
		</Box>
	);
}

/** Reads of the tree's frames with one DomFrames after each commit, and counts of a walk going by `watched`. */
async function mount() {
	const atlas = new RowAtlas();
	const start: ScreenProps = {loud: false, first: 'one', extra: false, clip: false, from: 0};
	const screen = (props: ScreenProps) => (
		<RowAtlasContext.Provider value={atlas}>
			<Screen {...props} />
		</RowAtlasContext.Provider>
	);
	const {root, ink} = await renderInDebug(screen(start), 40, 6);
	const frames = new DomFrames(atlas);
	/** What a frame shows, its rows' tokens read through the atlas. */
	const shown = (lines: readonly FrameLine[]) => gridText(new FrameReader(atlas).read(lines, 40, 6));
	const read: {kept: ReturnType<typeof frames.read>; walked: ReturnType<typeof domLines>}[] = [];
	// In place of Ink's output stage, which would walk the tree too.
	root.onRender = () => {
		read.push({kept: frames.read(root), walked: domLines(root, atlas)});
	};
	const show = async (props: ScreenProps) => {
		ink.rerender(screen(props));
		await nextTurn();
	};
	return {root, ink, read, show, shown, start, frames, atlas};
}

const texts = (lines: readonly FrameLine[] | undefined) => lines?.map((line) => line.text);

test('frames read while the tree is as it was are the frames a walk reads, through changes Yoga does and does not see', async (t) => {
	const {ink, read, show, shown, start} = await mount();
	t.teardown(() => ink.unmount());
	const steps: ScreenProps[] = [
		{...start, from: 1},
		{...start, from: 2},
		// A transform: Yoga sees nothing.
		{...start, from: 2, loud: true},
		// A text changed, then a row put in: new layouts.
		{...start, from: 3, loud: true, first: 'two'},
		{...start, from: 3, loud: true, first: 'two', extra: true},
		{...start, from: 4, loud: true, first: 'two', extra: true},
		// Clipping: Ink must draw it, though Yoga lays out nothing new.
		{...start, from: 4, loud: true, first: 'two', extra: true, clip: true},
		{...start, from: 5, loud: true, first: 'two', extra: true, clip: true},
		{...start, from: 5, loud: true, first: 'two', extra: true, clip: false},
		{...start, from: 6, loud: false, first: 'two', extra: true},
	];
	for (const props of steps) {
		await show(props);
		const last = read.at(-1)!;
		t.deepEqual(texts(last.kept), texts(last.walked), JSON.stringify(props));
		t.is(last.kept === undefined, props.clip, JSON.stringify(props));
	}
	t.is(read[3]!.kept![0]!.text, 'TRANSFORMED', 'the transform changed without a new layout');
	t.is(shown(read.at(-1)!.kept!), 'transformed\na row put in above\ntwo\nmessage 6\nmessage 7\nmessage 8');
});

test("a frame in which only rows' slots changed is read without going by the tree's boxes", async (t) => {
	const {root, ink, read, show, shown, start} = await mount();
	t.teardown(() => ink.unmount());
	await show({...start, from: 1});
	// The screen's column: a walk asks for its children.
	let column = root.childNodes[0] as DOMElement;
	while (column.childNodes.length === 1) {
		column = column.childNodes[0] as DOMElement;
	}
	const {childNodes} = column;
	let asked = 0;
	Object.defineProperty(column, 'childNodes', {
		configurable: true,
		get() {
			asked++;
			return childNodes;
		},
	});
	const walks = () => {
		const before = asked;
		domLines(root);
		return asked - before;
	};
	t.true(walks() > 0, 'a walk goes by it');
	asked = 0;
	await show({...start, from: 2});
	const walked = asked;
	t.is(shown(read.at(-1)!.kept!), 'transformed\none\nmessage 2\nmessage 3\nmessage 4\n');
	// The one walk made for the comparison in the test's onRender, not the kept read's.
	t.is(walked, walks());
	await show({...start, from: 2, first: 'a text changed'});
	t.true(asked > 2 * walked, 'a new layout: walked again');
});

/** The slot tokens in the tree under `node`, top to bottom. */
function slotTokens(node: DOMElement): string[] {
	return node.childNodes.flatMap((child) => {
		if (child.nodeName === '#text') {
			return child.nodeValue.startsWith(ROW_SLOT_MARK) ? [child.nodeValue] : [];
		}
		return slotTokens(child);
	});
}

test('with nothing committed since the last read, a frame is read without asking Yoga, and as a walk reads it', async (t) => {
	const {root, ink, show, shown, start, frames, atlas} = await mount();
	t.teardown(() => ink.unmount());
	await show({...start, from: 1});
	const slots = slotTokens(root);
	// The history's direct paint: what its slots show changes, and nothing in the tree does.
	atlas.assign(slots[0]!, 'painted without React', 40);
	atlas.assign(slots[2]!, '\x1b[1mbold at the bottom\x1b[0m', 40);
	const box = root.childNodes.find((child) => child.yogaNode !== undefined)!;
	const yoga = box.yogaNode!;
	const hasNewLayout = yoga.hasNewLayout.bind(yoga);
	let asked = 0;
	yoga.hasNewLayout = () => {
		asked++;
		return hasNewLayout();
	};
	t.teardown(() => {
		yoga.hasNewLayout = hasNewLayout;
	});
	const direct = frames.read(root, false);
	t.is(asked, 0, 'Yoga not asked');
	t.is(shown(direct!), 'transformed\none\npainted without React\nmessage 2\nbold at the bottom\n');
	t.deepEqual(texts(direct), texts(domLines(root, atlas)), 'what a walk reads');
	t.true(asked > 0, 'a walk asks');
	// After a commit the tree is read as ever.
	await show({...start, from: 2, first: 'a text changed'});
	t.is(shown(frames.read(root)!), 'transformed\na text changed\nmessage 2\nmessage 3\nmessage 4\n');
});

test('how far rows moved up: the least shift under which every row left is the one that was below', (t) => {
	const [a, b, c, d, blank] = [[span('a')], [span('b')], [span('c')], [span('d')], []] as Row[];
	t.is(rowsMovedUp([a!, b!, c!], [b!, c!, d!]), 1);
	t.is(rowsMovedUp([a!, b!, c!], [c!, d!, d!]), 2);
	t.is(rowsMovedUp([blank!, blank!, a!], [blank!, a!, b!]), 1, 'blank rows above a short history');
	t.is(rowsMovedUp([a!, b!, c!], [a!, b!, c!]), 0, 'nothing moved');
	t.is(rowsMovedUp([a!, b!, c!], [d!, a!, b!]), 0, 'moved down');
	t.is(rowsMovedUp([a!, b!, c!], [[span('b')], c!, d!]), 0, 'rows are known by identity: a copy is another row');
	t.is(rowsMovedUp([a!, b!], [b!, c!, d!]), 0, 'another height');
});

interface SideBySideProps {
	readonly history: readonly Row[];
	readonly from: number;
	readonly sidebar: readonly Row[];
	readonly status: string;
}

function SideBySide({history: rows, from, sidebar, status}: SideBySideProps) {
	return (
		<Box flexDirection="column" width={36} height={7}>
			<Box flexDirection="row" height={6}>
				<Rows rows={sidebar} width={12} height={6} />
				<Rows bottom rows={rows.slice(from, from + 6)} width={24} height={6} />
			</Box>
			<Box height={1} width={36}>
				<Text>{status}</Text>
			</Box>
		</Box>
	);
}

test("frames read with lines kept from earlier frames have the cells of Ink's own frames, over random edits", async (t) => {
	const seed = 11;
	const random = seededRandom(seed);
	const message = (index: number): Row => [
		span(`${index}`.padStart(2), {dim: true}),
		span(' '),
		span(
			pick(random, ['hello', 'a longer message here', 'ok', 'hello']),
			index % 3 === 0 ? {color: 'cyan'} : undefined,
		),
	];
	const history: Row[] = Array.from({length: 10}, (_, index) => message(index));
	const groups = ['#general', '#random', '#ops', '', 'alice', 'bob'];
	let props: SideBySideProps = {history, from: 0, sidebar: [[span('#general')]], status: 'status'};
	const plain = await renderInDebug(<SideBySide {...props} />, 36, 7);
	t.teardown(() => plain.ink.unmount());
	const atlas = new RowAtlas();
	const screen = (shown: SideBySideProps) => (
		<RowAtlasContext.Provider value={atlas}>
			<SideBySide {...shown} />
		</RowAtlasContext.Provider>
	);
	const withAtlas = await renderInDebug(screen(props), 36, 7);
	t.teardown(() => withAtlas.ink.unmount());
	const frames = new DomFrames(atlas);
	const reader = new FrameReader(atlas);
	const read: (readonly FrameLine[] | undefined)[] = [];
	withAtlas.root.onRender = () => {
		read.push(frames.read(withAtlas.root));
	};
	let linesKept = 0;
	for (let step = 0; step < 120; step++) {
		const edit = integer(random, 0, 4);
		if (edit === 0) {
			props = {...props, history: [...props.history, message(props.history.length)]};
			props = {...props, from: Math.max(0, props.history.length - 6)};
		} else if (edit === 1) {
			props = {...props, from: integer(random, 0, Math.max(0, props.history.length - 6))};
		} else if (edit === 2) {
			props = {
				...props,
				sidebar: Array.from({length: integer(random, 0, 6)}, () => [span(pick(random, groups))]),
			};
		} else if (edit === 3) {
			props = {...props, status: pick(random, ['status', 'typing...', 'status'])};
		}
		plain.ink.rerender(<SideBySide {...props} />);
		withAtlas.ink.rerender(screen(props));
		await nextTurn();
		const lines = read.at(-1);
		const context = `seed ${seed}, step ${step}: ${JSON.stringify({...props, history: props.history.length})}`;
		t.not(lines, undefined, context);
		const previous = new Set(read.at(-2) ?? []);
		linesKept += lines!.filter((line) => line.text !== '' && previous.has(line)).length;
		t.deepEqual(texts(lines), texts(domLines(withAtlas.root, atlas)), context);
		const grid = reader.read(lines!, 36, 7);
		const expected = parseFrame(plain.frames.at(-1)!, 36, 7);
		t.is(gridText(grid), gridText(expected), context);
		t.deepEqual(
			grid.cells.map((row) => row.map((cell) => [cell.char, cell.width, cell.style])),
			expected.cells.map((row) => row.map((cell) => [cell.char, cell.width, cell.style])),
			context,
		);
	}
	t.true(linesKept > 100, `${linesKept} lines were lines of the frame before`);
});
