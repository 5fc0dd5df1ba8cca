/** @jsxRuntime automatic @jsxImportSource react */
import test from 'ava';
import {AppContainer} from '../../../tui/components/AppContainer.js';
import {ENTER_ALTERNATE_SCREEN} from '../../../tui/terminal/escape-sequences.js';
import {createHeadlessTerminal} from '../../helpers/headless-terminal.js';
import {register} from '../../helpers/server.js';
import {isOnline, startChatServer, until} from '../session/helpers.js';
import {allCells, cellAt, dump, locate, openApp, statusRowIndex, typeLine, type AppUnderTest} from './helpers.js';

const sizes = [
	[80, 24],
	[120, 40],
	[40, 12],
] as const;

for (const [cols, rows] of sizes) {
	test(`at ${cols}x${rows}: title, history, rule, input and status each in their row; sidebar only when wide`, async (t) => {
		const server = await startChatServer(t);
		const app = openApp(t, server.port, {name: 'alice', cols, rows});
		await until(app.session, 'online', (s) => isOnline(s) && s.inFlight.length === 0);
		const status = statusRowIndex(rows);
		const screen = await app.term.waitForScreen((r) => r[status]!.startsWith(' online │'));
		t.regex(screen[0]!, /^ #lobby · 1 person/);
		t.true(
			screen.some((row) => row.includes('*   Welcome, alice.')),
			dump(screen),
		);
		t.regex(screen[status - 2]!, /^─+(┴─+)?$/, 'the rule');
		t.regex(screen[status - 1]!, /^#lobby› message/, 'the input line with its placeholder');
		t.regex(
			screen[status]!,
			cols >= 60 ? /^ online │ 127\.0\.0\.1:\d+ │ alice │ in lobby/ : /^ online │ alice │ in lobby/,
		);
		t.is(screen[rows - 1], '', 'Ink draws one row short of the terminal');
		const sidebar = screen.some((row) => row.includes('GROUPS'));
		t.is(sidebar, cols >= 70, dump(screen));
		if (sidebar) {
			t.true(screen.some((row) => /│ ▸lobby \(1\)/.test(row)));
			t.true(screen.some((row) => row.includes('alice (you)')));
		}

		t.deepEqual(
			await app.term.cursor(),
			{x: '#lobby› '.length, y: status - 1},
			'the terminal cursor sits at the caret',
		);
	});
}

test('own and incoming messages: sender, text and time; own names bold, others not', async (t) => {
	const server = await startChatServer(t);
	const alice = openApp(t, server.port, {name: 'alice'});
	await until(alice.session, 'alice online', isOnline);
	const bob = openApp(t, server.port, {name: 'bob'});
	await until(bob.session, 'bob online', isOnline);
	typeLine(alice, 'good morning');
	const aliceScreen = await alice.term.waitForScreen(/\d\d:\d\d <alice> good morning/);
	const bobScreen = await bob.term.waitForScreen(/\d\d:\d\d <alice> good morning/);
	// The message pane's part of each row that shows the message: left of the sidebar.
	const shown = (screen: readonly string[]) =>
		screen.filter((row) => row.includes('good morning')).map((row) => row.split('│')[0]!.trimEnd());
	const aliceLines = shown(aliceScreen);
	t.is(aliceLines.length, 1, dump(aliceScreen));
	t.regex(aliceLines[0]!, /^ \d\d:\d\d <alice> good morning$/, 'time, sender and text, from the left edge');
	t.deepEqual(shown(bobScreen), aliceLines, `the server's time on both screens\n${dump(bobScreen)}`);
	const own = (await locate(alice.term, '<alice>'))!;
	const incoming = (await locate(bob.term, '<alice>'))!;
	t.true((await cellAt(alice.term, own.x + 1, own.y)).bold, 'own sender in bold');
	t.false((await cellAt(bob.term, incoming.x + 1, incoming.y)).bold, 'incoming sender not bold');
	t.false((await cellAt(bob.term, incoming.x + 1, incoming.y)).inverse);

	typeLine(bob, 'alice: bed 4 please');
	await alice.term.waitForScreen('<bob> alice: bed 4 please');
	const mention = (await locate(alice.term, '<bob> alice: bed 4'))!;
	t.true((await cellAt(alice.term, mention.x + 1, mention.y)).inverse, 'a message naming you stands out');
	t.deepEqual(alice.bellsWritten, ['\x07'], 'and rings the bell');
});

test('resizing 120x40 -> 40x12 -> 120x40 re-lays out at once, every row as a fresh render draws it', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'alice', cols: 120, rows: 40});
	await until(app.session, 'online', (s) => isOnline(s) && s.inFlight.length === 0);
	const bob = await register(t, server, 'bob');
	await until(app.session, 'bob known', (s) => s.directory.users.has('bob'));
	for (let index = 1; index <= 12; index++) {
		bob.send(
			`MESSAGE message ${index}: ${'a fairly long line that has to wrap on a narrow terminal '.repeat(index % 3)}日本語 end`,
		);
	}

	await app.term.waitForScreen('message 12:');
	await until(app.session, 'all in', (s) => s.conversations.get(s.current)!.entries.length >= 14);

	/** What a terminal of this size shows when the app is drawn on it from scratch. */
	const fresh = async (cols: number, rows: number) => {
		const term = createHeadlessTerminal({cols, rows});
		t.teardown(() => term.cleanup());
		term.stdout.write(ENTER_ALTERNATE_SCREEN + '\x1b[H');
		term.render(<AppContainer reserveLastRow session={app.session} />);
		return term.waitForScreen((r) => r[rows - 2]!.startsWith(' online'));
	};

	const expectSame = async (cols: number, rows: number) => {
		const expected = await fresh(cols, rows);
		const shown = await app.term.waitForScreen((r) => r.join('\n') === expected.join('\n'), {maxTicks: 50});
		t.deepEqual(shown, expected, `${cols}x${rows}\n${dump(shown)}`);
	};

	await expectSame(120, 40);
	await app.term.resize(40, 12);
	await expectSame(40, 12);
	await app.term.resize(120, 40);
	await expectSame(120, 40);
	await app.term.resize(80, 24);
	await expectSame(80, 24);
});

async function screenColors(app: AppUnderTest) {
	const cells = await allCells(app.term);
	return {
		coloured: cells.filter((cell) => !cell.defaultColors).length,
		bold: cells.filter((cell) => cell.bold).length,
		inverse: cells.filter((cell) => cell.inverse).length,
	};
}

for (const color of [false, true]) {
	test(`${color ? 'colour by default' : 'NO_COLOR: no colour in any cell'}, and bold and inverse still tell things apart`, async (t) => {
		const server = await startChatServer(t);
		const app = openApp(t, server.port, {name: 'alice', cols: 100, rows: 30, color});
		await until(app.session, 'online', isOnline);
		const bob = await register(t, server, 'bob');
		bob.send('MESSAGE hello alice');
		await app.term.waitForScreen('<bob> hello alice');
		typeLine(app, '/join nowhere');
		await app.term.waitForScreen('There is no group named "nowhere"');
		typeLine(app, 'my own message');
		await app.term.waitForScreen(/\d\d:\d\d <alice> my own message/);
		const found = await screenColors(app);
		if (color) {
			t.true(found.coloured > 0);
		} else {
			t.is(found.coloured, 0, 'every cell has the default foreground and background');
		}

		t.true(found.bold > 0);
		t.true(found.inverse > 0);
	});
}

test('a terminal too small for the app says what size would do, then comes back', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'alice', cols: 40, rows: 12});
	await until(app.session, 'online', isOnline);
	const before = await app.term.waitForScreen((rows) => rows[10]!.startsWith(' online'));
	await app.term.resize(18, 5);
	const tiny = await app.term.waitForScreen('Make the terminal');
	t.is(tiny.filter((row) => row !== '').length, 1, dump(tiny));
	await app.term.resize(40, 12);
	const back = await app.term.waitForScreen(
		(rows) => rows[10]!.startsWith(' online') && !rows.some((row) => row.includes('Make the')),
	);
	t.deepEqual(back, before, 'the app as it was before the terminal shrank');
});
