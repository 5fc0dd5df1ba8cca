/**
 * /help in the real client lists the keys and commands, and the line keys it lists
 * do what it says: Home / Ctrl-A to the start of the line, End / Ctrl-E to its end.
 */
import test from 'ava';
import {KEY_HELP, SLASH_COMMANDS} from '../../tui/input/index.js';
import {
	nextGroupMessage,
	rawClient,
	rows,
	startOnlineTui,
	startServe,
	typeLine,
	waitForScreen,
} from '../helpers/e2e.js';

test('/help shows every key and command; Home, End, Ctrl-A and Ctrl-E move as it says', async (t) => {
	t.timeout(60_000);
	const server = await startServe(t);
	const carol = await rawClient(t, server.port, 'carol');
	// Wide enough that no help line wraps.
	const alice = await startOnlineTui(t, {port: server.port, name: 'alice', cols: 200, rows: 40});

	await typeLine(alice, '/help');
	// The server's part comes last: once it is there, all of the help is. Then page up
	// to the local part's first line, keeping every screen on the way.
	const screens = [await waitForScreen(alice, 'Commands are case-insensitive')];
	for (let page = 1; page <= 10 && !screens.at(-1)!.includes('Type a message and press Enter'); page++) {
		await alice.sendKey('PageUp');
		screens.push(await waitForScreen(alice, (screen) => screen !== screens.at(-1)));
	}

	const help = screens.join('\n');
	t.true(help.includes('Type a message and press Enter'), 'paged up to the start of the help');
	for (const [keys, does] of KEY_HELP) {
		t.regex(help, new RegExp(`${escape(keys)} +${escape(does)}`), keys);
	}

	for (const command of SLASH_COMMANDS) {
		t.true(help.includes(command.usage), command.usage);
	}

	if (screens.length > 1) {
		// Back to live before typing; only when scrolled, as an Escape with no visible
		// effect could not be waited for, and a letter within 30 ms of it reads as Alt+letter.
		await alice.sendKey('Escape');
		await waitForScreen(alice, (screen) => !screen.includes('Scrolled up'));
	}

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
