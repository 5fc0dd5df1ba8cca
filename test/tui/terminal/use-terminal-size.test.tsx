/** @jsxRuntime automatic @jsxImportSource react */
// tsx applies tsconfig.json (jsx: react-jsx) only to the files it includes, and test/ is not among them.
import test from 'ava';
import {Text} from 'ink';
import {EventEmitter} from 'node:events';
import {useTerminalSize, type ResizableStream} from '../../../tui/terminal/use-terminal-size.js';
import {createHeadlessTerminal} from '../../helpers/headless-terminal.js';

/** A stream whose size the test sets, separate from the stdout Ink draws on. */
class SizedStream extends EventEmitter implements ResizableStream {
	constructor(
		public columns?: number,
		public rows?: number,
	) {
		super();
	}
}

function setup(t: {teardown(fn: () => Promise<void>): void}, stream: SizedStream) {
	const term = createHeadlessTerminal({cols: 40, rows: 5});
	t.teardown(() => term.cleanup());
	let renders = 0;
	function ShowSize() {
		renders += 1;
		const {columns, rows} = useTerminalSize(stream);
		return <Text>{`${columns}x${rows}`}</Text>;
	}
	term.render(<ShowSize />);
	return {term, renders: () => renders};
}

test('reads the size of the stream it is given', async (t) => {
	const {term} = setup(t, new SizedStream(132, 43));
	t.is((await term.waitForScreen('132x43'))[0], '132x43');
});

test('falls back to 80x24 when the stream does not know its size', async (t) => {
	const {term} = setup(t, new SizedStream(undefined, 0));
	t.is((await term.waitForScreen('80x24'))[0], '80x24');
});

test("re-renders on the stream's resize event, and only when the size changed", async (t) => {
	const stream = new SizedStream(100, 30);
	const {term, renders} = setup(t, stream);
	await term.waitForScreen('100x30');
	const before = renders();
	stream.columns = 90;
	stream.rows = 20;
	stream.emit('resize');
	await term.waitForScreen('90x20');
	t.is(renders(), before + 1);
	stream.emit('resize');
	await term.settled();
	t.is(renders(), before + 1, 'same size: no re-render');
});

test('stops listening when unmounted', async (t) => {
	const stream = new SizedStream(100, 30);
	const {term} = setup(t, stream);
	await term.waitForScreen('100x30');
	t.is(stream.listenerCount('resize'), 1);
	term.unmount();
	t.is(stream.listenerCount('resize'), 0);
});
