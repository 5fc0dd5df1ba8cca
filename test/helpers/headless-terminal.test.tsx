/** @jsxRuntime automatic @jsxImportSource react */
// tsx applies tsconfig.json (jsx: react-jsx) only to the files it includes, and test/ is not among them.
import test from 'ava';
import {Box, Text, useInput, useStdout} from 'ink';
import {useState} from 'react';
import {enterFullScreen} from '../../tui/terminal/full-screen.js';
import {useTerminalSize} from '../../tui/terminal/use-terminal-size.js';
import {createHeadlessTerminal, type HeadlessTerminal} from './headless-terminal.js';

/** A bordered frame filling the terminal but its last row (a full-height frame makes Ink 6.8 clear the screen on every render). */
function SizedFrame() {
	const {stdout} = useStdout();
	const {columns, rows} = useTerminalSize(stdout);
	return (
		<Box width={columns} height={rows - 1} flexShrink={0} flexDirection="column" borderStyle="single">
			<Text>{`size ${columns}x${rows}`}</Text>
			<Box flexGrow={1} />
			<Text>bottom</Text>
		</Box>
	);
}

function Echo() {
	const [typed, setTyped] = useState('');
	useInput((input) => {
		setTyped((previous) => previous + input);
	});
	return <Text>{`typed: ${typed}`}</Text>;
}

function open(t: {teardown(fn: () => Promise<void>): void}, cols: number, rows: number): HeadlessTerminal {
	const term = createHeadlessTerminal({cols, rows});
	t.teardown(() => term.cleanup());
	return term;
}

/** Asserts the screen is exactly the frame SizedFrame draws at this size: anything else is a ghost. */
function assertFrame(
	t: {deepEqual(actual: unknown, expected: unknown, message?: string): void},
	screen: readonly string[],
	cols: number,
	rows: number,
) {
	const inner = cols - 2;
	const expected = [
		`┌${'─'.repeat(inner)}┐`,
		`│${`size ${cols}x${rows}`.padEnd(inner)}│`,
		...Array.from({length: rows - 5}, () => `│${' '.repeat(inner)}│`),
		`│${'bottom'.padEnd(inner)}│`,
		`└${'─'.repeat(inner)}┘`,
		'',
	];
	t.deepEqual(screen, expected, screen.join('\n'));
}

for (const [cols, rows] of [
	[80, 24],
	[120, 40],
	[40, 12],
] as const) {
	test(`draws a terminal-sized frame at ${cols}x${rows}`, async (t) => {
		const term = open(t, cols, rows);
		term.render(<SizedFrame />);
		const screen = await term.waitForScreen(`size ${cols}x${rows}`);
		assertFrame(t, screen, cols, rows);
	});
}

test('typed keys reach a component using useInput', async (t) => {
	const term = open(t, 80, 24);
	term.render(<Echo />);
	// Typed before useInput's effect has put stdin in raw mode: it must wait in the stream, not be lost.
	term.type('he');
	await term.waitForScreen('typed: he');
	term.type('llo');
	const screen = await term.waitForScreen('typed: hello');
	t.is(screen[0], 'typed: hello');
	t.true(term.stdin.isRaw);
});

test('unmounting turns raw mode back off', async (t) => {
	const term = open(t, 80, 24);
	term.render(<Echo />);
	term.type('x');
	await term.waitForScreen('typed: x');
	term.unmount();
	t.deepEqual(term.stdin.rawModeCalls, [true, false]);
});

test('a resize re-lays out the frame with no ghost lines, shrinking and growing', async (t) => {
	const term = open(t, 80, 24);
	term.render(<SizedFrame />);
	await term.waitForScreen('size 80x24');

	await term.resize(60, 15);
	assertFrame(t, await term.waitForScreen('size 60x15'), 60, 15);

	await term.resize(100, 30);
	assertFrame(t, await term.waitForScreen('size 100x30'), 100, 30);

	// Only the height changes: Ink clears on a narrower terminal but not on a shorter one.
	await term.resize(100, 20);
	assertFrame(t, await term.waitForScreen('size 100x20'), 100, 20);
});

test('waitForScreen fails with the last screen when the text never appears', async (t) => {
	const term = open(t, 40, 6);
	term.render(<Text>only this</Text>);
	const error = await t.throwsAsync(term.waitForScreen('never shown', {maxTicks: 5}));
	t.regex(error?.message ?? '', /never shown/);
	t.regex(error?.message ?? '', /\|only this/);
	t.regex(error?.message ?? '', /5 event-loop turns without a write/);
});

test('counts the bytes the app writes between two points', async (t) => {
	const term = open(t, 80, 24);
	term.render(<Echo />);
	await term.waitForScreen('typed:');
	const mark = term.bytesWritten;
	t.is(term.bytesSince(mark), 0);
	term.type('a');
	await term.waitForScreen('typed: a');
	// One frame: at least the new line itself, and far less than a whole screen.
	t.true(term.bytesSince(mark) >= 'typed: a'.length, String(term.bytesSince(mark)));
	t.true(term.bytesSince(mark) < 80 * 24, String(term.bytesSince(mark)));
});

test('enterFullScreen switches to the alternate screen and restore brings the shell screen back', async (t) => {
	const term = open(t, 40, 10);
	term.stdout.write('user@host:~$ chat tui\r\n');
	t.false(await term.isAlternateScreen());

	const restore = enterFullScreen({stdin: term.stdin, stdout: term.stdout});
	t.true(await term.isAlternateScreen());
	t.true(term.terminal.modes.bracketedPasteMode);
	term.render(<Text>inside the app</Text>);
	const inside = await term.waitForScreen('inside the app');
	// Drawn from the top-left, not from the row the prompt left the cursor on.
	t.is(inside[0], 'inside the app');

	term.unmount();
	restore();
	t.false(await term.isAlternateScreen());
	t.false(term.terminal.modes.bracketedPasteMode);
	const after = await term.screen();
	t.is(after[0], 'user@host:~$ chat tui');
	t.false(
		after.some((row) => row.includes('inside the app')),
		after.join('\n'),
	);
	t.deepEqual(await term.cursor(), {x: 0, y: 1});
});
