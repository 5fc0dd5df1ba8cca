/** @jsxRuntime automatic @jsxImportSource react */
/**
 * Positions kept from one frame read to the next (yoga-positions.ts): taken again from
 * Yoga after it laid the tree out anew, and only then.
 */
import test from 'ava';
import {Box, Text, type DOMElement} from 'ink';
import {domFrame} from '../../../tui/terminal/dom-frame.js';
import {gridText, parseFrame} from '../../../tui/terminal/screen-grid.js';
import {YogaPositions} from '../../../tui/terminal/yoga-positions.js';
import {renderInDebug} from '../../helpers/ink-debug.js';
import {nextTurn} from '../../helpers/next-turn.js';

function Screen({first, wide, extra}: {readonly first: string; readonly wide: boolean; readonly extra: boolean}) {
	return (
		<Box flexDirection="column" width={40} height={5}>
			<Box height={1} width={40}>
				<Text wrap="truncate">{first}</Text>
			</Box>
			{extra && (
				<Box height={1} width={40}>
					<Text>a row put in above</Text>
				</Box>
			)}
			<Box flexDirection="row" height={2}>
				<Box width={wide ? 30 : 10} height={2}>
					<Text>left</Text>
				</Box>
				<Text>right</Text>
			</Box>
		</Box>
	);
}

/** Ink renders `Screen` in debug mode; after each commit the frame is read from its tree with one YogaPositions. */
async function mount() {
	const read: (string | undefined)[] = [];
	const positions = new YogaPositions();
	const {frames: inkFrames, root, ink} = await renderInDebug(<Screen first="one" wide={false} extra={false} />, 40, 5);
	const inkRender = root.onRender;
	root.onRender = () => {
		inkRender?.();
		read.push(domFrame(root, undefined, positions));
	};
	const show = async (props: Parameters<typeof Screen>[0]) => {
		ink.rerender(
			<Box>
				<Screen {...props} />
			</Box>,
		);
		await nextTurn();
	};
	return {inkFrames, read, positions, root, ink, show};
}

test('frames read with positions kept match Ink through text changes, moves and resizes of boxes', async (t) => {
	const {inkFrames, read, ink, show} = await mount();
	t.teardown(() => ink.unmount());
	const steps = [
		{first: 'two', wide: false, extra: false},
		{first: 'two', wide: true, extra: false},
		{first: 'three', wide: true, extra: true},
		{first: 'three', wide: false, extra: false},
		{first: 'three', wide: false, extra: false},
	];
	for (const props of steps) {
		await show(props);
		const frame = read.at(-1);
		t.not(frame, undefined);
		t.is(gridText(parseFrame(frame!, 40, 5)), gridText(parseFrame(inkFrames.at(-1)!, 40, 5)), JSON.stringify(props));
	}
	t.regex(gridText(parseFrame(read.at(-3)!, 40, 5)), /a row put in above\nleft {26}right/);
});

test('Yoga is asked again only after it laid the tree out anew', async (t) => {
	const {root, positions, ink, show} = await mount();
	t.teardown(() => ink.unmount());
	const child = (node: DOMElement) => node.childNodes[0] as DOMElement;
	// The root's box (the ref), the screen's column, its first row.
	const firstRow = child(child(child(root)));
	// The first read after the first layout takes every position from Yoga.
	await show({first: 'one', wide: false, extra: false});
	const before = positions.of(firstRow.yogaNode!);
	// A commit that changes nothing Yoga lays out: the position kept is the one given.
	await show({first: 'one', wide: false, extra: false});
	t.is(positions.of(firstRow.yogaNode!), before);
	// A row put in above it moves it: read afresh.
	await show({first: 'one', wide: false, extra: true});
	const moved = positions.of(firstRow.yogaNode!);
	t.not(moved, before);
	const place = ({left, top, width, height}: typeof moved) => ({left, top, width, height});
	t.deepEqual(place(moved), place(before), 'the first row itself stays where it was');
});
