/**
 * /help in the real client lists the keys and commands on one 80x24 screen, and the
 * line keys do what docs/TUI.md says: Home / Ctrl-A to the start of the line, End /
 * Ctrl-E to its end.
 */
import test from 'ava';
import {HELP_TITLE, KEY_HELP, SLASH_COMMANDS} from '../../tui/input/index.js';
import {
	nextGroupMessage,
	rawClient,
	rows,
	startOnlineTui,
	startServe,
	typeLine,
	waitForScreen,
} from '../helpers/e2e.js';

test('/help shows every key and command over the conversation, Esc closes it; Home, End, Ctrl-A and Ctrl-E move as it says', async (t) => {
	t.timeout(60_000);
	const server = await startServe(t);
	const carol = await rawClient(t, server.port, 'carol');
	const alice = await startOnlineTui(t, {port: server.port, name: 'alice', cols: 80, rows: 24});

	await typeLine(alice, '/help');
	// All of it on one 80x24 screen: nothing to page through.
	const help = await waitForScreen(alice, HELP_TITLE);
	for (const [keys, does] of KEY_HELP) {
		t.regex(help, new RegExp(`${escape(keys)} +${escape(does)}`), keys);
	}

	for (const command of SLASH_COMMANDS) {
		t.true(help.includes(command.usage), command.usage);
	}

	t.false(help.includes('SET_NAME'), 'the protocol commands only on request');
	await alice.sendKey('Escape');
	await waitForScreen(alice, (screen) => !screen.includes(HELP_TITLE));
	await typeLine(alice, '/help server');
	// The protocol's list ends the conversation (its first lines, SET_NAME among them, are
	// above the fold on 24 rows, now that pages added their commands).
	t.regex(await waitForScreen(alice, 'Commands are case-insensitive'), /READ_RECEIPTS <on\|off> — /);

	const inputIs = (text: string) => (screen: string) => rows(screen).at(-2) === `#lobby› ${text}`;
	await alice.sendKeys('world');
	await alice.sendKey('Home');
	await alice.sendKeys('hello ');
	await alice.sendKey('End');
	await alice.sendKeys('!');
	await waitForScreen(alice, inputIs('hello world!'));
	await alice.sendKey('C-a');
	await alice.sendKeys('> ');
	await alice.sendKey('C-e');
	await alice.sendKeys(' <');
	await waitForScreen(alice, inputIs('> hello world! <'));
	await alice.sendKey('Enter');
	await nextGroupMessage(carol, 'alice', '> hello world! <');
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
