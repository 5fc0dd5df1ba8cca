/**
 * docs/TUI.md against the code it describes: the key tables are KEY_HELP and the rest
 * of KEY_TABLE row for row, the command table is SLASH_COMMANDS, and every screen
 * region holds a screen (filled by docs/screenshots.ts, whose own test runs it).
 */
import test from 'ava';
import {readFileSync} from 'node:fs';
import {KEY_TABLE} from '../../tui/editor/keymap.js';
import {KEY_HELP, SLASH_COMMANDS} from '../../tui/input/index.js';
import {SCREENS} from '../../docs/screenshots.js';

const doc = readFileSync(new URL('../../docs/TUI.md', import.meta.url), 'utf8');

/** The table rows that follow `marker`, as arrays of cells. */
function tableAfter(marker: string): string[][] {
	const start = doc.indexOf(marker);
	if (start === -1) {
		throw new Error(`docs/TUI.md has no ${marker}`);
	}

	const lines = doc.slice(start).split('\n').slice(1);
	const first = lines.findIndex((line) => line.startsWith('|'));
	const table = lines.slice(first);
	const end = table.findIndex((line) => !line.startsWith('|'));
	return table.slice(2, end === -1 ? undefined : end).map((line) =>
		line
			.split('|')
			.slice(1, -1)
			.map((cell) => cell.trim()),
	);
}

test('the key table is KEY_HELP, row for row', (t) => {
	t.deepEqual(
		tableAfter('<!-- keys:'),
		KEY_HELP.map(([keys, does]) => [keys, does]),
	);
});

test('the second key table is the rest of KEY_TABLE, row for row', (t) => {
	t.deepEqual(
		tableAfter('<!-- more keys:'),
		KEY_TABLE.filter((row) => !row.inHelp).map((row) => [row.keys, row.does]),
	);
});

test('the command table is SLASH_COMMANDS, row for row', (t) => {
	t.deepEqual(
		tableAfter('<!-- commands:'),
		SLASH_COMMANDS.map((command) => [`\`${command.usage}\``, command.description]),
	);
});

for (const name of SCREENS) {
	test(`the ${name} screen region holds a captured screen with a status line`, (t) => {
		const region = new RegExp(
			`<!-- screen:${name} -->\\n\`\`\`text\\n([\\s\\S]*?)\\n\`\`\`\\n<!-- /screen:${name} -->`,
		).exec(doc);
		t.truthy(region, `region ${name}`);
		const rows = region![1]!.split('\n');
		t.true(rows.length >= 12, `${rows.length} rows`);
		// The DM notice screen shows the notice in the status line's place.
		const status = name === 'notice' ? /^ DM from carol / : /^ (online|connected) │ 127\.0\.0\.1:\d+ │/;
		t.regex(rows.at(-1)!, status);
	});
}
