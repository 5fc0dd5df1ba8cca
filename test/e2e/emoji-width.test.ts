/**
 * Emoji sequences in a real terminal: tmux 3.3a (like xterm and the Linux console) gives
 * each code point its own width, so 👨‍⚕️ takes three columns there. Whatever a message
 * holds, the sidebar's border stays in one column on every row.
 */
import test from 'ava';
import stringWidth from 'string-width';
import {rawClient, rows, startOnlineTui, startServe, waitForScreen} from '../helpers/e2e.js';

/** Columns a terminal that measures each code point on its own gives `text` (tmux 3.3a, xterm, the Linux console). */
const columnsPerCodePoint = (text: string) => [...text].reduce((sum, char) => sum + stringWidth(char), 0);

test('messages with emoji sequences never move the sidebar border', async (t) => {
	t.timeout(90_000);
	const server = await startServe(t);
	const bob = await rawClient(t, server.port, 'bob');
	const alice = await startOnlineTui(t, {port: server.port, name: 'alice', cols: 100, rows: 30});
	for (const text of ['👨‍⚕️ on call', 'bed 4 👍🏽 ok', '⚕️ ❤️ 👨‍👩‍👧 🇫🇷 done', '1️⃣ first']) {
		await bob.command(`MESSAGE ${text}`);
	}

	const screen = await waitForScreen(alice, /<bob> 1.* first/);
	const borders = rows(screen)
		.filter((row) => row.includes('│') && !/ online │/.test(row))
		.map((row) => ({row, column: columnsPerCodePoint(row.slice(0, row.indexOf('│')))}));
	t.true(borders.length > 20, screen);
	const expected = borders[0]!.column;
	for (const {row, column} of borders) {
		t.is(column, expected, `border moved on: ${row}`);
	}
});
