import test, {type ExecutionContext} from 'ava';
import type {Terminal as XtermTerminal} from '@xterm/headless';
import {PassThrough} from 'node:stream';
import type {ReactNode} from 'react';
import {
	BEGIN_SYNCHRONIZED_UPDATE,
	createFrameWriter,
	END_SYNCHRONIZED_UPDATE,
	type FrameWriter,
} from '../../../tui/terminal/frame-writer.js';
import {parseFrame} from '../../../tui/terminal/screen-grid.js';
import {useTerminalSize} from '../../../tui/terminal/use-terminal-size.js';
import {chatFrame, chatMessage, inputCaret, type ChatScreen} from './fixtures/chat-frames.js';
import {createEmulator, feed, firstDifference, referenceCells, screenCells, screenText} from './fixtures/emulator.js';

// Ink's colours come from chalk, which decides once, when loaded, whether to emit any:
// under a test runner stdout is a pipe and it would emit none, leaving the style paths
// untested. So colour is forced before Ink is loaded.
process.env['FORCE_COLOR'] = '3';
const {Box, Text, render, useStdout} = await import('ink');
const {createElement: h, useState} = await import('react');

/** A frame writer whose output an emulator of the same size reads, every write recorded. */
class WriterOnEmulator {
	readonly terminal: XtermTerminal;
	readonly writer: FrameWriter;
	readonly writes: string[] = [];
	/** Every frame the sink received, in order. */
	readonly frames: string[] = [];
	private parsed: Promise<void> = Promise.resolve();

	constructor(
		public columns: number,
		public rows: number,
	) {
		this.terminal = createEmulator(columns, rows);
		this.writer = createFrameWriter({
			columns,
			rows,
			output: {
				write: (chunk: string) => {
					this.writes.push(chunk);
					this.parsed = this.parsed.then(() => feed(this.terminal, chunk));
				},
			},
		});
		const write = this.writer.sink.write.bind(this.writer.sink);
		this.writer.sink.write = ((
			chunk: string | Uint8Array,
			...rest: Parameters<typeof write> extends [unknown, ...infer R] ? R : never
		) => {
			this.frames.push(String(chunk));
			return write(chunk, ...rest);
		}) as typeof write;
	}

	/**
	 * Resolves once React's scheduled renders and the writer's deferred caret have run
	 * (no new frame nor write for a few event-loop turns: a count, not a duration) and
	 * the emulator has read everything written.
	 */
	async settled(): Promise<void> {
		let quietTurns = 0;
		for (let turn = 0; turn < 100 && quietTurns < 3; turn++) {
			const seen = this.frames.length + this.writes.length;
			await new Promise((resolve) => setImmediate(resolve));
			quietTurns = this.frames.length + this.writes.length === seen ? quietTurns + 1 : 0;
		}
		await this.parsed;
	}

	/** Bytes written since `mark` (an earlier `writer.bytesWritten`). */
	bytesSince(mark: number): number {
		return this.writer.bytesWritten - mark;
	}

	/** Resizes the emulator, then the writer, as a SIGWINCH handler would. */
	async resize(columns: number, rows: number): Promise<void> {
		await this.settled();
		this.columns = columns;
		this.rows = rows;
		this.terminal.resize(columns, rows);
		this.writer.resize(columns, rows);
	}

	/** Whether the last cursor visibility sequence written shows the cursor. */
	cursorShown(): boolean {
		const all = this.writes.join('');
		return all.lastIndexOf('\x1b[?25h') > all.lastIndexOf('\x1b[?25l');
	}

	cursor(): {row: number; column: number} {
		return {row: this.terminal.buffer.active.cursorY, column: this.terminal.buffer.active.cursorX};
	}

	/** Asserts the emulator shows the last frame exactly, painted at the current size. */
	async assertShowsLastFrame(t: ExecutionContext, context = ''): Promise<void> {
		await this.settled();
		const expected = parseFrame(this.frames.at(-1) ?? '', this.columns, this.rows);
		const difference = firstDifference(screenCells(this.terminal), await referenceCells(expected));
		t.is(difference, undefined, `${context}\n${screenText(this.terminal).join('\n')}`);
	}

	dispose(): void {
		this.writer.dispose();
		this.terminal.dispose();
	}
}

function onEmulator(t: ExecutionContext, columns: number, rows: number): WriterOnEmulator {
	const screen = new WriterOnEmulator(columns, rows);
	t.teardown(() => screen.dispose());
	return screen;
}

const chat = (screen: Partial<ChatScreen> = {}): ChatScreen => ({
	columns: 100,
	rows: 30,
	sidebarWidth: 24,
	messageCount: 40,
	input: 'hello wor',
	...screen,
});

// --- Frames written to the sink --------------------------------------------------------

test('the first frame clears the screen and paints it whole, in one synchronized write', async (t) => {
	const screen = onEmulator(t, 100, 30);
	screen.writer.sink.write(chatFrame(chat()));
	t.is(screen.writes.length, 1);
	t.true(screen.writes[0]!.startsWith(`${BEGIN_SYNCHRONIZED_UPDATE}\x1b[0m\x1b[H\x1b[2J`));
	t.true(screen.writes[0]!.endsWith(END_SYNCHRONIZED_UPDATE));
	await screen.assertShowsLastFrame(t);
});

test('an identical frame writes nothing', async (t) => {
	const screen = onEmulator(t, 100, 30);
	screen.writer.sink.write(chatFrame(chat()));
	const mark = screen.writer.bytesWritten;
	screen.writer.sink.write(chatFrame(chat()));
	await screen.settled();
	t.is(screen.bytesSince(mark), 0);
	t.is(screen.writes.length, 1);
});

test('a keystroke with the caret on the input line: the character, nothing else', async (t) => {
	const screen = onEmulator(t, 100, 30);
	const before = chat({input: 'hello wor'});
	screen.writer.setCursor(inputCaret(before));
	screen.writer.sink.write(chatFrame(before));
	await screen.settled();
	t.deepEqual(screen.cursor(), inputCaret(before));
	t.true(screen.cursorShown());

	const after = {...before, input: 'hello worl'};
	const mark = screen.writer.bytesWritten;
	screen.writer.setCursor(inputCaret(after));
	screen.writer.sink.write(chatFrame(after));
	await screen.assertShowsLastFrame(t);
	t.deepEqual(screen.cursor(), inputCaret(after));
	t.is(
		screen.writes.at(-1),
		'l',
		'the cursor was already there, and ends where the caret goes; too small to tear, so not wrapped',
	);
	t.true(screen.bytesSince(mark) < 200);
	t.log(`keystroke through the writer: ${screen.bytesSince(mark)} bytes`);
});

test('a message arriving with the member list beside the history', async (t) => {
	for (const sidebarWidth of [0, 24]) {
		const screen = onEmulator(t, 100, 30);
		const before = chat({sidebarWidth, messageCount: 40, input: ''});
		screen.writer.setCursor(inputCaret(before));
		screen.writer.sink.write(chatFrame(before));
		await screen.settled();
		const mark = screen.writer.bytesWritten;
		screen.writer.sink.write(chatFrame({...before, messageCount: 41}));
		await screen.assertShowsLastFrame(t);
		t.deepEqual(screen.cursor(), inputCaret(before), 'the cursor is back on the caret');
		t.true(screen.bytesSince(mark) < 1000);
		const update = screen.writes.at(-1)!;
		t.true(
			update.startsWith(BEGIN_SYNCHRONIZED_UPDATE) && update.endsWith(END_SYNCHRONIZED_UPDATE),
			'big enough to tear: wrapped',
		);
		t.log(
			`message through the writer, ${sidebarWidth ? 'with a 24-column sidebar' : 'without a sidebar'}: ${screen.bytesSince(mark)} bytes`,
		);
	}
});

test('the cursor is hidden while there is no caret, and shown at it when there is one', async (t) => {
	const screen = onEmulator(t, 40, 5);
	screen.writer.sink.write('one\ntwo');
	await screen.settled();
	t.false(screen.cursorShown());

	screen.writer.setCursor({row: 1, column: 3});
	await screen.settled();
	t.true(screen.cursorShown(), 'a caret set between frames is placed at once');
	t.deepEqual(screen.cursor(), {row: 1, column: 3});

	const mark = screen.writer.bytesWritten;
	screen.writer.setCursor({row: 1, column: 3});
	await screen.settled();
	t.is(screen.bytesSince(mark), 0, 'the cursor already there is not moved');

	screen.writer.setCursor(undefined);
	await screen.settled();
	t.false(screen.cursorShown());
});

test('content in the bottom-right cell does not scroll the screen, and the next update starts from a known cursor', async (t) => {
	const screen = onEmulator(t, 10, 3);
	const full = ['top row', '', '\x1b[7mbottom row\x1b[27m'].join('\n');
	screen.writer.sink.write(full);
	await screen.assertShowsLastFrame(t);
	t.is(screenText(screen.terminal)[0], 'top row');
	screen.writer.sink.write(['top row', 'middle', '\x1b[7mbottom rox\x1b[27m'].join('\n'));
	await screen.assertShowsLastFrame(t);
});

test('a frame taller than the screen is cropped to it', async (t) => {
	const screen = onEmulator(t, 20, 4);
	screen.writer.sink.write(Array.from({length: 10}, (_, index) => `row ${index}`).join('\n'));
	await screen.assertShowsLastFrame(t);
	t.deepEqual(screenText(screen.terminal), ['row 0', 'row 1', 'row 2', 'row 3']);
});

test('resize: the writer tells the sink’s listeners, and paints the frame they render whole', async (t) => {
	const screen = onEmulator(t, 100, 30);
	screen.writer.sink.write(chatFrame(chat()));
	const resized: Array<[number, number]> = [];
	screen.writer.sink.on('resize', () => {
		resized.push([screen.writer.sink.columns, screen.writer.sink.rows]);
		screen.writer.sink.write(chatFrame(chat({columns: screen.writer.sink.columns, rows: screen.writer.sink.rows})));
	});
	await screen.resize(80, 24);
	t.deepEqual(resized, [[80, 24]]);
	t.true(screen.writes.at(-1)!.includes('\x1b[2J'), 'a full repaint');
	await screen.assertShowsLastFrame(t);
});

test('resize with nobody rendering on it repaints the last frame at the new size', async (t) => {
	const screen = onEmulator(t, 30, 6);
	screen.writer.sink.write('first\nsecond\nthird line is long');
	await screen.resize(12, 4);
	t.true(screen.writes.at(-1)!.includes('\x1b[2J'));
	await screen.assertShowsLastFrame(t);
	t.deepEqual(screenText(screen.terminal), ['first', 'second', 'third line i', '']);
});

test('redraw clears and repaints the last frame, whatever the screen shows', async (t) => {
	const screen = onEmulator(t, 40, 6);
	screen.writer.sink.write('a\n\x1b[32mgreen\x1b[39m\nc');
	await screen.settled();
	await feed(screen.terminal, '\x1b[2;3Hnoise from another program\x1b[41m');
	screen.writer.redraw();
	await screen.assertShowsLastFrame(t);
});

test('terminal commands Ink writes are passed through, not taken for frames', async (t) => {
	const screen = onEmulator(t, 20, 3);
	screen.writer.sink.write('frame');
	screen.writer.sink.write('\x1b[?25h');
	screen.writer.sink.write('\x1b[?u');
	screen.writer.sink.write('');
	await screen.settled();
	t.deepEqual(screen.writes.slice(1), ['\x1b[?25h', '\x1b[?u']);
	t.is(screenText(screen.terminal)[0], 'frame');
	// What the command did to the cursor is unknown: the next frame sets it again.
	screen.writer.sink.write('frame 2');
	await screen.assertShowsLastFrame(t);
	t.true(screen.writes.at(-1)!.includes('\x1b[?25l'));
});

test('the sink calls write callbacks, and after dispose drops frames and says it is not writable', async (t) => {
	const screen = onEmulator(t, 20, 3);
	const called = await new Promise<boolean>((resolve) => screen.writer.sink.write('x', () => resolve(true)));
	t.true(called);
	screen.writer.dispose();
	t.false(screen.writer.sink.writable);
	const before = screen.writes.length;
	screen.writer.sink.write('after dispose');
	screen.writer.redraw();
	t.is(screen.writes.length, before);
});

// --- A real Ink app rendered through the writer ------------------------------------------

interface ChatState {
	readonly messages: number;
	readonly input: string;
}

interface ChatAppProps {
	readonly writer: FrameWriter;
	readonly sidebar: boolean;
	readonly control: {setState?: (update: (state: ChatState) => ChatState) => void};
}

/** A small chat screen: member list, history, status bar, input line; the caret goes to the writer. */
function ChatApp({writer, sidebar, control}: ChatAppProps): ReactNode {
	const {stdout} = useStdout();
	const {columns, rows} = useTerminalSize(stdout);
	const [state, setState] = useState<ChatState>({messages: 40, input: ''});
	control.setState = setState;
	const historyRows = rows - 2;
	const history = Array.from({length: Math.min(historyRows, state.messages)}, (_, offset) => {
		const index = state.messages - Math.min(historyRows, state.messages) + offset;
		const {time, text} = chatMessage(index);
		return h(
			Text,
			{key: index, wrap: 'truncate'},
			h(Text, {dimColor: true}, time),
			' ',
			h(Text, {bold: true, color: 'cyan'}, `user${index % 5}`),
			` ${text}`,
		);
	});
	writer.setCursor({row: rows - 1, column: 2 + state.input.length});
	return h(
		Box,
		{flexDirection: 'column', width: columns, height: rows},
		h(
			Box,
			{flexDirection: 'row', height: historyRows},
			sidebar
				? h(
						Box,
						{
							width: 24,
							flexDirection: 'column',
							borderStyle: 'single',
							borderTop: false,
							borderBottom: false,
							borderLeft: false,
						},
						...['Members', 'alice', 'bob', 'carol'].map((name) => h(Text, {key: name, bold: name === 'Members'}, name)),
					)
				: null,
			h(Box, {flexDirection: 'column', flexGrow: 1, justifyContent: 'flex-end'}, ...history),
		),
		h(Text, {inverse: true}, ` #general  ${state.messages} messages`.padEnd(columns)),
		h(Text, null, h(Text, {color: 'green'}, '>'), ` ${state.input}`),
	);
}

function fakeStdin(): NodeJS.ReadStream {
	const stdin = Object.assign(new PassThrough(), {
		isTTY: true,
		setRawMode: () => stdin,
		ref: () => stdin,
		unref: () => stdin,
	});
	return stdin as unknown as NodeJS.ReadStream;
}

async function renderChat(t: ExecutionContext, sidebar: boolean) {
	const screen = onEmulator(t, 100, 30);
	const control: ChatAppProps['control'] = {};
	const instance = render(h(ChatApp, {writer: screen.writer, sidebar, control}), {
		stdout: screen.writer.sink as unknown as NodeJS.WriteStream,
		stdin: fakeStdin(),
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	t.teardown(() => {
		instance.unmount();
		instance.cleanup();
	});
	await screen.settled();
	const update = async (change: (state: ChatState) => ChatState) => {
		await screen.settled();
		const mark = screen.writer.bytesWritten;
		control.setState!(change);
		await screen.settled();
		return screen.bytesSince(mark);
	};
	return {screen, update};
}

test('an Ink app rendered through the writer: state updates, then a resize', async (t) => {
	const {screen, update} = await renderChat(t, true);
	await screen.assertShowsLastFrame(t, 'first frame');
	t.true(screenText(screen.terminal)[0]!.startsWith('Members'));
	t.regex(screenText(screen.terminal)[27]!, /│.*user4 /);

	for (const character of 'hi there') {
		await update((state) => ({...state, input: state.input + character}));
	}
	await screen.assertShowsLastFrame(t, 'after typing');
	t.is(screenText(screen.terminal)[29], '> hi there');
	t.deepEqual(screen.cursor(), {row: 29, column: 10});
	t.true(screen.cursorShown());

	await update((state) => ({...state, messages: state.messages + 1}));
	await screen.assertShowsLastFrame(t, 'after a message');
	t.regex(screenText(screen.terminal)[27]!, /│.*user0 /);
	t.deepEqual(screen.cursor(), {row: 29, column: 10});

	await screen.resize(70, 20);
	await screen.settled();
	await screen.assertShowsLastFrame(t, 'after the resize');
	const rows = screenText(screen.terminal);
	t.is(rows.length, 20);
	t.regex(rows[18]!, /^ #general {2}41 messages/);
	t.is(rows[19], '> hi there');
	t.deepEqual(screen.cursor(), {row: 19, column: 10});
});

test('bytes per keystroke and per message in an Ink chat at 100x30', async (t) => {
	for (const sidebar of [false, true]) {
		const {screen, update} = await renderChat(t, sidebar);
		const keystroke = await update((state) => ({...state, input: `${state.input}x`}));
		const message = await update((state) => ({...state, messages: state.messages + 1}));
		await screen.assertShowsLastFrame(t);
		t.true(keystroke < 200, `${keystroke} bytes per keystroke`);
		t.true(message < 1000, `${message} bytes per message`);
		t.log(
			`Ink at 100x30 ${sidebar ? 'with a 24-column sidebar' : 'without a sidebar'}: keystroke ${keystroke} bytes, message ${message} bytes`,
		);
	}
});

test('frameNow draws nothing and says so without a tree to read, and once disposed', (t) => {
	const written: string[] = [];
	const writer = createFrameWriter({output: {write: (chunk: string) => written.push(chunk)}, columns: 20, rows: 5});
	t.false(writer.frameNow(), 'no renderFrom yet: React and Ink must draw it');
	writer.dispose();
	t.false(writer.frameNow());
	t.deepEqual(written, []);
});
