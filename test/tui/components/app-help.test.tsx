/** @jsxRuntime automatic @jsxImportSource react */
import test from 'ava';
import {HELP_TITLE, KEY_HELP, SLASH_COMMANDS} from '../../../tui/input/index.js';
import {isOnline, startChatServer, until} from '../session/helpers.js';
import {dump, openApp, typeLine} from './helpers.js';

test('/help is an overlay of the client’s commands and keys that fits 80x24 whole, and Esc closes it', async (t) => {
	const server = await startChatServer(t);
	// As in the other component tests, Ink draws one row short: 25 here gives the 24 rows of a real 80x24.
	const app = openApp(t, server.port, {name: 'alice', cols: 80, rows: 25});
	await until(app.session, 'online', isOnline);
	await app.term.waitForScreen('Welcome, alice');
	typeLine(app, '/help');
	const screen = await app.term.waitForScreen(HELP_TITLE);
	const text = screen.join('\n');
	for (const command of SLASH_COMMANDS) {
		t.regex(text, new RegExp(`^  ${escape(command.usage)} +${escape(command.description)}$`, 'm'), dump(screen));
	}

	for (const [keys, does] of KEY_HELP) {
		t.regex(text, new RegExp(`^  ${escape(keys)} +${escape(does)}$`, 'm'), keys);
	}

	t.false(text.includes('more rows'), 'nothing left out');
	t.false(text.includes('SET_NAME') || text.includes('PONG'), 'no protocol commands');
	t.false(text.includes('Welcome, alice'), 'over the conversation');
	t.regex(screen[22]!, /^#lobby› /, 'the input line stays');
	app.term.type('\x1b');
	await app.term.waitForScreen((rows) => rows.some((row) => row.includes('Welcome, alice')));
	t.false((await app.term.screen()).join('\n').includes(HELP_TITLE));
});

test('/help server shows the protocol commands in the conversation', async (t) => {
	const server = await startChatServer(t);
	const app = openApp(t, server.port, {name: 'alice', cols: 100, rows: 30});
	await until(app.session, 'online', isOnline);
	typeLine(app, '/help server');
	await app.term.waitForScreen('Commands are case-insensitive');
	t.false((await app.term.screen()).join('\n').includes(HELP_TITLE));
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
