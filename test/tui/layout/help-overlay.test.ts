import test from 'ava';
import {helpOverlayRows} from '../../../tui/layout/help-overlay.js';
import {rowText, rowWidth} from '../../../tui/layout/spans.js';
import {KEY_HELP, SLASH_COMMANDS} from '../../../tui/input/index.js';

test('at 80 columns the overlay fits the 21 rows an 80x24 screen leaves it, one row per command and key', (t) => {
	// 24 rows less the rule, the input line and the status line.
	const rows = helpOverlayRows(80, 21).map((row) => rowText(row).trimEnd());
	t.is(rows.filter((row) => row !== '').length, 1 + SLASH_COMMANDS.length + 1 + KEY_HELP.length);
	t.false(rows.some((row) => row.includes('more rows')));
});

test('smaller, it keeps to its rectangle and says what it left out', (t) => {
	for (const [width, height] of [
		[40, 12],
		[20, 3],
		[50, 30],
	] as const) {
		const rows = helpOverlayRows(width, height);
		t.is(rows.length, height, `${width}x${height}`);
		t.true(
			rows.every((row) => rowWidth(row) === width),
			`${width}x${height}`,
		);
	}

	const narrow = helpOverlayRows(40, 12).map((row) => rowText(row).trimEnd());
	t.regex(narrow.at(-1)!, /^ \+\d+ more rows/);
	// Too narrow for the words beside the commands: they go under them.
	t.is(narrow[1], '  /dm <user> [text]');
	t.regex(narrow[2]!, /^ {4}Message a user;/);
});
