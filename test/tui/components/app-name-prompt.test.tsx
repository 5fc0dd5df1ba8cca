/** @jsxRuntime automatic @jsxImportSource react */
/**
 * The name prompt stays on screen until the server has accepted the name: on a slow
 * link the user must not end up typing into a conversation the refusal then takes
 * away. The server's reply is held back by a relay (test/tui/session/relay.ts) until
 * the test has looked at the screen in between.
 */
import test from 'ava';
import {isOnline, startChatServer, until} from '../session/helpers.js';
import {startRelay} from '../session/relay.js';
import {dump, openApp, typeLine} from './helpers.js';

test('after Enter the prompt stays, checking the name, until OK SET_NAME; then the conversation', async (t) => {
	const server = await startChatServer(t);
	const relay = await startRelay(t, server.port);
	const app = openApp(t, relay.port, {cols: 80, rows: 24});
	await app.term.waitForScreen(
		(rows) =>
			rows.some((row) => row.includes('Type the name others will know you by')) && rows[22]!.startsWith(' connected │'),
	);
	const link = relay.connections[0]!;
	link.hold();

	typeLine(app, 'alice');
	let screen = await app.term.waitForScreen('Checking “alice” with the server…');
	t.true(
		screen.some((row) => row.includes('Type the name others will know you by')),
		dump(screen),
	);
	t.false(
		screen.some((row) => row.includes('GROUPS')),
		'no sidebar: still the prompt',
	);
	t.regex(screen[21]!, /^name› your name/, 'the input line is still the name field');
	t.regex(screen[22]!, /^ checking name │/);

	// Typed while the server has not answered: still a name, and Enter sends nothing more.
	typeLine(app, 'bob');
	screen = await app.term.waitForScreen('! Still checking “alice” with the server; press Enter again once it answers.');
	t.regex(screen[21]!, /^name› bob/, 'kept, not lost');
	app.term.type('\x15');
	await app.term.waitForScreen((rows) => rows[21]!.startsWith('name› your name'));

	link.release();
	screen = await app.term.waitForScreen((rows) => rows[22]!.startsWith(' online │') && rows[22]!.includes('alice'));
	t.true(
		screen.some((row) => row.includes('Welcome, alice.')),
		dump(screen),
	);
	t.false(screen.some((row) => row.includes('Type the name') || row.includes('Checking')));
	t.regex(screen[21]!, /^#lobby› /);
	await until(app.session, 'online', isOnline);
	t.is(link.fromClient().match(/^SET_NAME /gm)?.length, 1, 'SET_NAME went out once');
});

test('with --name there is no prompt: the conversation shows at once, signing in', async (t) => {
	const server = await startChatServer(t);
	// Held from the start: nothing the server says arrives, so "signing in" stays.
	const relay = await startRelay(t, server.port, {held: true});
	const app = openApp(t, relay.port, {name: 'alice'});
	const screen = await app.term.waitForScreen((rows) => rows[22]!.startsWith(' signing in │'));
	t.false(
		screen.some((row) => row.includes('Type the name')),
		dump(screen),
	);
	t.regex(screen[21]!, /^#lobby› /);
	relay.connections[0]!.release();
	const online = await app.term.waitForScreen((rows) => rows[22]!.startsWith(' online │'));
	t.regex(online[22]!, /^ online │ 127\.0\.0\.1:\d+ │ alice │ in lobby/, 'signed in as the name given');
});
