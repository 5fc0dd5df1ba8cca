/** @jsxRuntime automatic @jsxImportSource react */
import test, {type ExecutionContext} from 'ava';
import {render} from 'ink';
import {AppContainer} from '../../tui/components/AppContainer.js';
import type {RunTuiOptions} from '../../tui/run.js';
import {FrameClock} from '../../tui/terminal/frame-clock.js';
import {createFrameWriter} from '../../tui/terminal/frame-writer.js';
import {createHeadlessTerminal} from '../helpers/headless-terminal.js';
import {register} from '../helpers/server.js';
import {
	createRecordedTerminal,
	runHeadlessTui,
	type RecordedTerminal,
	type RunningTui,
} from '../helpers/run-headless.js';
import {startChatServer} from './session/helpers.js';

interface Running extends RecordedTerminal, RunningTui {}

/** `runTui` on a headless terminal, as `chat tui` runs it on a real one. */
async function run(
	t: ExecutionContext,
	port: number,
	cols: number,
	rows: number,
	options: Partial<RunTuiOptions> = {},
): Promise<Running> {
	const recorded = createRecordedTerminal(t, {cols, rows});
	recorded.term.stdout.write('the shell was here\r\n');
	// Every change drawn at once: these tests wait for screens by event-loop turns, which
	// a 16 ms frame timer could outlast. Merging frames is frame-coalescing.test.ts's.
	const running = await runHeadlessTui(t, recorded.term, port, new FrameClock(undefined, 0), options);
	return {...recorded, ...running};
}

function lastCursorVisibility(written: readonly string[]): 'shown' | 'hidden' | undefined {
	const all = written.join('');
	const shown = all.lastIndexOf('\x1b[?25h');
	const hidden = all.lastIndexOf('\x1b[?25l');
	return shown === -1 && hidden === -1 ? undefined : shown > hidden ? 'shown' : 'hidden';
}

test('full height through the frame writer, on the alternate screen, with the cursor at the caret', async (t) => {
	const server = await startChatServer(t);
	const app = await run(t, server.port, 100, 30);
	const screen = await app.term.waitForScreen((rows) => rows[29]!.startsWith(' online │'));
	t.true(await app.term.isAlternateScreen());
	t.regex(screen[28]!, /^#lobby› message/);
	t.regex(screen[27]!, /^─+┴─+$/);
	t.false(screen.some((row) => row.includes('the shell was here')));
	app.term.type('hi');
	await app.term.waitForScreen((rows) => rows[28] === '#lobby› hi');
	t.deepEqual(await app.term.cursor(), {x: 10, y: 28});
	t.is(lastCursorVisibility(app.written), 'shown');
	app.term.type('\x15/quit\r');
	t.is(await app.exit, 0);
});

test('a keystroke and a new message cost a few bytes, not a repaint', async (t) => {
	const server = await startChatServer(t);
	const app = await run(t, server.port, 100, 30);
	await app.term.waitForScreen((rows) => rows[29]!.startsWith(' online │'));
	const bob = await register(t, server, 'bob');
	await app.term.waitForScreen('bob is online.');
	let mark = app.term.bytesWritten;
	app.term.type('x');
	await app.term.waitForScreen((rows) => rows[28] === '#lobby› x');
	const keystroke = app.term.bytesSince(mark);
	mark = app.term.bytesWritten;
	bob.send('MESSAGE the drug chart for bed 4 is on the desk');
	await app.term.waitForScreen('<bob> the drug chart for bed 4 is on the desk');
	const message = app.term.bytesSince(mark);
	t.log(`keystroke ${keystroke} bytes, message ${message} bytes (a repaint is over 3000)`);
	t.true(keystroke < 200);
	t.true(message < 600);
});

test('resize re-lays out at once at full height, with no ghost rows', async (t) => {
	const server = await startChatServer(t);
	const app = await run(t, server.port, 120, 40);
	const bob = await register(t, server, 'bob');
	for (let index = 1; index <= 8; index++) {
		bob.send(
			`MESSAGE note ${index} ${'with enough words to wrap when the terminal is narrow '.repeat(index % 3)}終わり`,
		);
	}

	await app.term.waitForScreen('note 8');

	/** The app drawn from scratch through a writer on a fresh terminal of this size. */
	const fresh = async (cols: number, rows: number) => {
		const term = createHeadlessTerminal({cols, rows});
		t.teardown(() => term.cleanup());
		const writer = createFrameWriter({output: term.stdout, columns: cols, rows});
		const ink = render(<AppContainer session={app.session} onCaret={(position) => writer.setCursor(position)} />, {
			stdout: writer.sink as unknown as NodeJS.WriteStream,
			stdin: term.stdin as unknown as NodeJS.ReadStream,
			debug: true,
			exitOnCtrlC: false,
			patchConsole: false,
		});
		t.teardown(() => ink.unmount());
		return term.waitForScreen((rows) => rows.at(-1)!.startsWith(' online'));
	};

	for (const [cols, rows] of [
		[40, 12],
		[120, 40],
		[60, 20],
		[100, 30],
	] as const) {
		const expected = await fresh(cols, rows);
		await app.term.resize(cols, rows);
		const shown = await app.term.waitForScreen((screen) => screen.join('\n') === expected.join('\n'));
		t.deepEqual(shown, expected);
	}
});

for (const [how, keys] of [
	['/quit', '/quit\r'],
	['Ctrl-C', '\x03'],
	['Ctrl-D on an empty line', '\x04'],
] as const) {
	test(`${how} exits 0 and gives the terminal back as it was`, async (t) => {
		const server = await startChatServer(t);
		const app = await run(t, server.port, 80, 24);
		await app.term.waitForScreen((rows) => rows[23]!.startsWith(' online │'));
		app.term.type(keys);
		t.is(await app.exit, 0);
		t.false(await app.term.isAlternateScreen());
		t.is((await app.term.screen())[0], 'the shell was here');
		t.is(lastCursorVisibility(app.written), 'shown');
		t.false(app.term.stdin.isRaw, 'raw mode off');
		t.true(app.written.join('').endsWith('\x1b[?1049l'), 'nothing drawn after leaving the alternate screen');
	});
}

test('the server going away does not end the app; quitting then still restores everything', async (t) => {
	const server = await startChatServer(t);
	const app = await run(t, server.port, 80, 24);
	await server.close();
	await app.term.waitForScreen(/offline, retrying in \d+s/);
	app.term.type('\x03');
	t.is(await app.exit, 0);
	t.false(await app.term.isAlternateScreen());
	t.false(app.term.stdin.isRaw);
});

// A lost SSH link: the terminal's input ends (or fails with EIO) long before sshd hangs
// the session up. The client must leave the server, not hold alice's name for a ghost.
for (const [how, lose] of [
	['its input ends', (stdin: NodeJS.EventEmitter) => stdin.emit('end')],
	[
		'reading it fails with EIO',
		(stdin: NodeJS.EventEmitter) => stdin.emit('error', Object.assign(new Error('read EIO'), {code: 'EIO'})),
	],
] as const) {
	test(`a terminal that is gone (${how}): the client leaves the server, which frees the name`, async (t) => {
		const server = await startChatServer(t);
		const app = await run(t, server.port, 80, 24);
		const bob = await register(t, server, 'bob');
		lose(app.term.stdin as unknown as NodeJS.EventEmitter);
		t.is(await app.exit, 0);
		await bob.until((line) => line.startsWith('OFFLINE alice'));
		// Taken at once by a new connection: register() checks the OK.
		await register(t, server, 'alice');
	});
}

test('NO_COLOR in the environment: not one colour sequence is written', async (t) => {
	const server = await startChatServer(t);
	const app = await run(t, server.port, 100, 30, {env: {NO_COLOR: '1'}});
	const bob = await register(t, server, 'bob');
	bob.send('MESSAGE alice, bed 4');
	app.term.type('/join nowhere\r');
	await app.term.waitForScreen('There is no group named "nowhere"');
	await app.term.waitForScreen('<bob> alice, bed 4');
	const sgr = [...app.written.join('').matchAll(/\x1b\[([0-9;:]*)m/g)].flatMap((match) => match[1]!.split(/[;:]/));
	t.true(sgr.includes('1') && sgr.includes('7'), 'bold and inverse are still used');
	t.deepEqual(
		sgr.filter((code) => /^(3[0-9]|4[0-9]|9[0-7]|10[0-7])$/.test(code)),
		[],
	);
});
