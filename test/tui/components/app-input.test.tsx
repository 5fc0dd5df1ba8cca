/** @jsxRuntime automatic @jsxImportSource react */
import test from 'ava';
import net from 'node:net';
import {listenOnLoopback} from '../../helpers/loopback-server.js';
import {register} from '../../helpers/server.js';
import {isOnline, messages, startChatServer, until} from '../session/helpers.js';
import {allCells, dump, openApp, typeLine} from './helpers.js';

const PASTE = (text: string) => `\x1b[200~${text}\x1b[201~`;

test('a server error is shown where the user is looking, in words', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'alice'});
	await until(app.session, 'online', isOnline);
	typeLine(app, '/join nowhere');
	const screen = await app.term.waitForScreen('There is no group named "nowhere"');
	const row = screen.find((line) => line.includes('There is no group'))!;
	t.regex(row, /^ {3}! {3}There is no group named "nowhere"/, 'an error notice, marked !');
	typeLine(app, '/frobnicate');
	await app.term.waitForScreen('Unknown command "/frobnicate"');
	t.regex((await app.term.screen())[21]!, /^#lobby› \/frobnicate/, 'a line refused locally stays to be corrected');
});

test('a multi-line paste says how many messages Enter sends, and sends them', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'alice'});
	await until(app.session, 'online', isOnline);
	const bob = await register(t, server, 'bob');
	app.term.type(PASTE('bed 4: obs due\nbed 5: fluids\r\nbed 6: ok'));
	const pasted = await app.term.waitForScreen('Enter sends 3 messages');
	t.regex(pasted[21]!, /^#lobby› bed 4: obs due⏎bed 5: fluids⏎bed 6: ok/);
	t.is(messages(app.session.getState()).length, 0, 'nothing sent by the paste itself');
	app.term.type('\r');
	await app.term.waitForScreen((rows) => rows.filter((row) => /\d\d:\d\d <alice> bed \d/.test(row)).length === 3);
	t.deepEqual(
		await bob
			.until((line) => line.includes('bed 6'))
			.then((lines) => lines.filter((line) => line.startsWith('MSG')).length),
		3,
	);
	t.false((await app.term.screen()).some((row) => row.includes('Enter sends')));
});

test('Tab completes commands and names, and cycles; Up recalls what was sent', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'alice'});
	await until(app.session, 'online', isOnline);
	await register(t, server, 'bob');
	await register(t, server, 'bianca');
	await until(app.session, 'both known', (s) => s.directory.users.size === 3);
	app.term.type('/d\t');
	await app.term.waitForScreen((rows) => rows[21] === '#lobby› /dm');
	app.term.type('b\t');
	await app.term.waitForScreen('Tab: [bianca] bob');
	app.term.type('\t');
	const cycled = await app.term.waitForScreen('Tab: bianca [bob]');
	t.regex(cycled[21]!, /^#lobby› \/dm bob/);
	app.term.type(' on my way\r');
	await app.term.waitForScreen(/<alice> on my way/);
	t.regex((await app.term.screen())[0]!, /^ @bob · direct messages/, '/dm switched to the conversation');
	app.term.type('\x1b[A');
	const recalled = await app.term.waitForScreen('@bob› /dm bob on my way');
	t.regex(recalled[21]!, /^@bob› \/dm bob on my way/, 'Up puts what was sent back in the input line');
});

test('Ctrl-N and Ctrl-P move between conversations; the sidebar marks the current one', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'alice', cols: 100, rows: 30});
	await until(app.session, 'online', isOnline);
	const bob = await register(t, server, 'bob');
	bob.send('DM alice are you there?');
	const before = await app.term.waitForScreen(/bob +1 new/);
	t.true(
		before.some((row) => row.includes('▸lobby')),
		dump(before),
	);
	app.term.type('\x0e');
	const after = await app.term.waitForScreen('@bob · direct messages');
	t.true(after.some((row) => row.includes('▸bob')));
	t.true(after.some((row) => /<bob> are you there\?/.test(row)));
	t.false(
		after.some((row) => row.includes('1 new')),
		'read now',
	);
	app.term.type('\x10');
	const back = await app.term.waitForScreen('#lobby · 2 people');
	t.regex(back[0]!, /^ #lobby · 2 people/, dump(back));
	t.true(back.some((row) => row.includes('▸lobby')));
	t.false(back.some((row) => row.includes('▸bob')));
});

test('the bell rings for a DM; --no-bell keeps it quiet', async (t) => {
	const server = await startChatServer(t);
	const loud = openApp(t, server.port, {name: 'alice'});
	const quiet = openApp(t, server.port, {name: 'carol', bell: false});
	await until(loud.session, 'alice online', isOnline);
	await until(quiet.session, 'carol online', isOnline);
	const bob = await register(t, server, 'bob');
	bob.send('DM alice ping');
	bob.send('DM carol ping');
	await loud.term.waitForScreen(/bob +1 new/);
	await until(quiet.session, 'carol has the DM', (s) => s.bell > 0);
	t.deepEqual(loud.bellsWritten, ['\x07']);
	t.deepEqual(quiet.bellsWritten, []);
});

/** A server that says whatever a test wants, however hostile: the real one would never send control characters. */
async function hostileServer(t: import('ava').ExecutionContext, lines: (name: string) => string[]): Promise<number> {
	const server = net.createServer((socket) => {
		socket.setEncoding('utf8');
		socket.write('HELLO 1 Welcome.\n');
		let buffered = '';
		socket.on('data', (chunk: string) => {
			buffered += chunk;
			let end: number;
			while ((end = buffered.indexOf('\n')) !== -1) {
				const line = buffered.slice(0, end);
				buffered = buffered.slice(end + 1);
				const [command, name = ''] = line.split(' ');
				if (command === 'SET_NAME') {
					socket.write(`OK SET_NAME ${name} lobby Welcome, ${name}.\n`);
				} else if (command === 'HISTORY_BEFORE') {
					socket.write('OK HISTORY_BEFORE 0 0 No messages.\n');
				} else if (command === 'LIST') {
					socket.write(`OK LIST 1 1 Just you.\n`);
				} else if (command === 'LIST_GROUP') {
					socket.write(`GROUP lobby 1\nOK LIST_GROUP 1 1 One group.\n`);
					socket.write(
						lines(name)
							.map((text) => `${text}\n`)
							.join(''),
					);
				}
			}
		});
	});
	return listenOnLoopback(t, server);
}

test('control characters from the network are shown as symbols, never obeyed', async (t) => {
	const port = await hostileServer(t, () => [
		'MSG 1 2026-11-24T05:10:00.123Z lobby mallory \x1b[2J\x1b]0;pwned\x07\x1b[41mred\x1b[0m\x9b?1049l done',
		'DM 2 2026-11-24T05:10:01.000Z mal\x1b[5mlory alice \x1b]52;c;aGk=\x07 clipboard',
	]);
	const app = openApp(t, port, {name: 'alice', cols: 100, rows: 30});
	let titleChanged = false;
	app.term.terminal.onTitleChange(() => {
		titleChanged = true;
	});
	const screen = await app.term.waitForScreen('␛[2J␛]0;pwned␇␛[41mred␛[0m\\x9b?1049l done');
	t.false(titleChanged);
	t.true(
		screen.some((row) => row.includes('mal␛[5mlory')),
		dump(screen),
	);
	t.true(
		(await allCells(app.term)).every((cell) => cell.defaultBackground),
		'no background colour anywhere (no ESC[41m obeyed)',
	);
	t.true(await app.term.isAlternateScreen());
});
