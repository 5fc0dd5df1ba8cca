/** The unread marker's row, and how far up the view goes to show a search result. */
import test from 'ava';
import {anchoredLinesUp, layoutHistory, maxLinesUp, wrapEntry} from '../../../tui/layout/history.js';
import {rowText, rowWidth} from '../../../tui/layout/spans.js';
import {UNREAD_MARKER, type Entry, type MessageEntry} from '../../../tui/state/index.js';

function message(key: number): MessageEntry {
	return {
		kind: 'message',
		key,
		direction: 'incoming',
		from: 'bob',
		text: `message ${key}`,
		id: String(key),
		time: '2026-11-24T05:10:00.000Z',
		delivery: undefined,
		error: undefined,
		mentionsMe: false,
	};
}

test('the unread marker is one rule across the pane with its words in it', (t) => {
	for (const width of [80, 40, 12]) {
		const rows = wrapEntry({kind: 'notice', key: 1, level: 'unread', text: UNREAD_MARKER}, width);
		t.is(rows.length, 1);
		t.is(rowWidth(rows[0]!), width);
		t.regex(rowText(rows[0]!), width >= 30 ? /^─{5} new since you last read ─+$/ : /^─* ?new since/);
	}
});

test('an anchored entry is shown a third of the way down the window, and never past the top', (t) => {
	const entries: Entry[] = Array.from({length: 30}, (_, index) => message(index + 1));
	const height = 9;
	// Entry 10: 21 entries (rows) from it to the newest; its row lands on row 3 of 9.
	const linesUp = anchoredLinesUp(entries, 10, 40, height);
	t.is(linesUp, 21 - height + 3);
	const window = layoutHistory(entries, 40, height, linesUp);
	t.regex(rowText(window.rows[3]!), /message 10$/);

	t.is(anchoredLinesUp(entries, 1, 40, height), maxLinesUp(entries, 40, height), 'the oldest: as far up as it goes');
	t.is(anchoredLinesUp(entries, 30, 40, height), 0, 'the newest: live');
	t.is(anchoredLinesUp(entries, 99, 40, height), 0, 'gone: live');
});
