/** @jsxRuntime automatic @jsxImportSource react */
import test from 'ava';
import {register} from '../../helpers/server.js';
import {isOnline, startChatServer, until} from '../session/helpers.js';
import {dump, openApp} from './helpers.js';

test('opening a conversation with unread messages draws the "new since you last read" line above them', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'alice', cols: 100, rows: 24});
	await until(app.session, 'online', isOnline);
	const bob = await register(t, server, 'bob');
	bob.send('DM alice first, read');
	await app.term.waitForScreen(/bob +1 new/);
	app.term.type('\x0e');
	await app.term.waitForScreen('<bob> first, read');
	app.term.type('\x10');
	await app.term.waitForScreen('#lobby');
	bob.send('DM alice bed 4 is back from CT');
	bob.send('DM alice and bed 9 wants you');
	await app.term.waitForScreen(/bob +2 new/);
	app.term.type('\x0e');
	const screen = await app.term.waitForScreen('<bob> and bed 9 wants you');
	const marker = screen.findIndex((row) => /─ new since you last read ─/.test(row));
	t.true(marker > 0, dump(screen));
	t.regex(screen[marker - 1]!, /<bob> first, read/, dump(screen));
	t.regex(screen[marker + 1]!, /<bob> bed 4 is back from CT/);
});
