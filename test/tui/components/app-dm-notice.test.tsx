/** @jsxRuntime automatic @jsxImportSource react */
import test from 'ava';
import {DM_NOTICE_MS} from '../../../tui/state/index.js';
import {register} from '../../helpers/server.js';
import {isOnline, startChatServer, until} from '../session/helpers.js';
import {openApp, statusRowIndex} from './helpers.js';

test('a DM while another conversation is on screen shows on the status line: who from and how it starts', async (t) => {
	for (const cols of [100, 40]) {
		const server = await startChatServer(t);
		const app = openApp(t, server.port, {name: 'alice', cols, rows: 24});
		await until(app.session, 'online', isOnline);
		const bob = await register(t, server, 'bob');
		bob.send('DM alice can you take bed 9? The family is asking for you.');
		const status = statusRowIndex(24);
		const noticed = await app.term.waitForScreen((rows) => rows[status]!.startsWith(' DM from bob '));
		t.regex(noticed[status]!, /^ DM from bob {2}can you take bed 9\?/, `at ${cols} columns`);
		if (cols === 40) {
			t.regex(noticed[status]!, /…/, 'cut to the width');
		}

		app.scheduler.advance(DM_NOTICE_MS);
		await app.term.waitForScreen((rows) => rows[status]!.startsWith(' online '));
	}
});

test('opening the DM takes the notice away', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'alice', cols: 100, rows: 24});
	await until(app.session, 'online', isOnline);
	const bob = await register(t, server, 'bob');
	bob.send('DM alice * bob waves');
	const status = statusRowIndex(24);
	const noticed = await app.term.waitForScreen((rows) => rows[status]!.startsWith(' DM from bob '));
	t.regex(noticed[status]!, /^ DM from bob {2}\* bob waves/, 'an action line reads as one');
	app.term.type('\x0e');
	await app.term.waitForScreen('@bob · direct messages');
	await app.term.waitForScreen((rows) => rows[status]!.startsWith(' online '));
});
