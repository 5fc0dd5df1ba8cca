/** @jsxRuntime automatic @jsxImportSource react */
import test from 'ava';
import {register} from '../../helpers/server.js';
import {isOnline, messages, startChatServer, until} from '../session/helpers.js';
import {openApp, typeLine} from './helpers.js';

test('each conversation keeps its own draft: a line typed in one is never sent to another', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'alice', cols: 100, rows: 30});
	await until(app.session, 'online', isOnline);
	const bob = await register(t, server, 'bob');
	await until(app.session, 'bob known', (state) => state.directory.users.size === 2);
	typeLine(app, '/dm bob');
	await app.term.waitForScreen('@bob · direct messages');
	app.term.type('\x10');
	await app.term.waitForScreen('#lobby · 2 people');

	// As in the issue: a line left in #lobby, then Ctrl-N and Enter in one go.
	app.term.type('for the whole lobby');
	await app.term.waitForScreen((rows) => rows[27] === '#lobby› for the whole lobby');
	app.term.type('\x0e\r');
	const inDm = await app.term.waitForScreen('@bob · direct messages');
	t.regex(inDm[27]!, /^@bob› direct message/, 'the DM has its own, empty line');
	t.deepEqual(messages(app.session.getState()), [], 'nothing sent to bob');

	app.term.type('just for bob');
	app.term.type('\x10');
	const back = await app.term.waitForScreen((rows) => rows[27] === '#lobby› for the whole lobby');
	t.regex(back[0]!, /^ #lobby/);
	app.term.type('\r');
	await bob.until((line) => line === 'MSG' || line.includes('for the whole lobby'));
	app.term.type('\x0e');
	await app.term.waitForScreen((rows) => rows[27] === '@bob› just for bob');
});
