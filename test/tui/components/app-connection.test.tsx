/** @jsxRuntime automatic @jsxImportSource react */
import test from 'ava';
import {register} from '../../helpers/server.js';
import {isOnline, messages, startChatServer, until} from '../session/helpers.js';
import {dump, openApp, typeLine} from './helpers.js';

const CTRL_END = '\x1b[1;5F';
const PAGE_UP = '\x1b[5~';
const PAGE_DOWN = '\x1b[6~';

test('without a name the app asks; a refusal is shown and the user tries again', async (t) => {
	const server = await startChatServer(t);
	await register(t, server, 'bob');
	const app = openApp(t, server.port, {cols: 80, rows: 24});
	const prompt = await app.term.waitForScreen('Type the name others will know you by');
	t.regex(prompt[21]!, /^name› your name/);
	t.false(
		prompt.some((row) => row.includes('GROUPS')),
		'no sidebar yet',
	);

	typeLine(app, 'dr who');
	let screen = await app.term.waitForScreen('! Names cannot contain spaces: "dr who".');
	t.regex(screen[21]!, /^name› dr who/, 'kept to be corrected');
	app.term.type('\x15');
	typeLine(app, 'BOB');
	screen = await app.term.waitForScreen('! The name "BOB" is taken (names ignore case); choose another.');
	t.regex(screen[22]!, /no name yet/);
	typeLine(app, 'Zoë');
	screen = await app.term.waitForScreen((rows) => rows[22]!.startsWith(' online │') && rows[22]!.includes('Zoë'));
	t.true(
		screen.some((row) => row.includes('Welcome, Zoë.')),
		dump(screen),
	);
	t.false(screen.some((row) => row.includes('Type the name')));
});

test('offline: the status line says so and counts down; typed messages are pending until the server confirms them', async (t) => {
	const first = await startChatServer(t);
	const port = first.port;
	const app = openApp(t, port, {name: 'alice'});
	await until(app.session, 'online', isOnline);
	await first.close();
	let screen = await app.term.waitForScreen(/^ offline, retrying in \d+s │/m);
	t.true(
		screen.some((row) => row.includes('Disconnected:')),
		'said once, in the history',
	);

	typeLine(app, 'bed 4 obs due');
	screen = await app.term.waitForScreen('<alice> bed 4 obs due (pending)');
	t.regex(
		screen.find((row) => row.includes('bed 4 obs due'))!,
		/^ {3}… {3}<alice>/,
	);

	const second = await startChatServer(t, port);
	const bob = await register(t, second, 'bob');
	app.scheduler.fireNext();
	screen = await app.term.waitForScreen(/\d\d:\d\d <alice> bed 4 obs due/);
	t.regex(
		await bob.until((line) => line.startsWith('MSG')).then((lines) => lines.at(-1)!),
		/lobby alice bed 4 obs due$/,
	);
	t.regex(screen[22]!, /^ online │/);
	t.false(screen.some((row) => row.includes('(pending)')));
	t.is(messages(app.session.getState()).at(-1)?.delivery, 'sent');
});

test('scrolled up, new messages show as a count and the view holds still; Ctrl-End returns to live', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'alice', cols: 80, rows: 24});
	await until(app.session, 'online', isOnline);
	const bob = await register(t, server, 'bob');
	for (let index = 1; index <= 40; index++) {
		bob.send(`MESSAGE m${index}`);
	}

	await app.term.waitForScreen(/<bob> m40\b/);
	app.term.type(PAGE_UP);
	const scrolled = await app.term.waitForScreen('Scrolled up · Esc or Ctrl-End: back to live');
	t.false(scrolled.some((row) => /<bob> m40\b/.test(row)));
	const view = scrolled.slice(0, 19);

	bob.send('MESSAGE m41');
	bob.send('MESSAGE m42');
	const counted = await app.term.waitForScreen('2 new messages below · Esc or Ctrl-End: back to live');
	t.deepEqual(counted.slice(0, 19), view, 'nothing above the hint moved');

	// 42 rows, 18 on screen while scrolled: a page (17 rows) up is as far as it goes.
	app.term.type(PAGE_UP);
	const top = await app.term.waitForScreen((rows) => rows[1]!.includes('Welcome, alice.'));
	t.true(top.some((row) => row.includes('2 new messages below')));
	app.term.type(PAGE_DOWN);
	const down = await app.term.waitForScreen((rows) => /<bob> m33\b/.test(rows[18]!));
	t.regex(down[1]!, /<bob> m16\b/);

	app.term.type(CTRL_END);
	const live = await app.term.waitForScreen(/<bob> m42\b/);
	t.false(live.some((row) => row.includes('new messages')));
	t.false(live.some((row) => row.includes('Scrolled up')));
});
