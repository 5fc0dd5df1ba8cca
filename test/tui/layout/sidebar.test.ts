import test from 'ava';
import {sidebarRows, sidebarWidth, SIDEBAR_MIN_COLUMNS} from '../../../tui/layout/sidebar.js';
import {rowText, rowWidth, type Row} from '../../../tui/layout/spans.js';
import {screenLayout} from '../../../tui/layout/screen.js';
import {userOnline} from '../../../tui/state/index.js';
import {online, receive, type} from '../state/fixtures.js';

const texts = (rows: readonly Row[]) => rows.map((row) => rowText(row).trimEnd());

test('hidden below 70 columns; the history gets the room', (t) => {
	t.is(SIDEBAR_MIN_COLUMNS, 70);
	t.is(sidebarWidth(69), 0);
	t.true(sidebarWidth(70) >= 24);
	t.is(screenLayout(40, 12).sidebarWidth, 0);
	t.is(screenLayout(40, 12).mainWidth, 40);
	const wide = screenLayout(120, 40);
	t.is(wide.mainWidth + wide.sidebarWidth, 120);
	t.true(wide.sidebarWidth > 0);
});

test('groups with members and unread counts, the current one marked; your group first among users, others dimmed', (t) => {
	let state = online();
	state = receive(state, 'DM 7 2026-11-24T05:10:04.518Z bob alice can you take bed 9?');
	const rows = sidebarRows(state, 26, 14);
	t.deepEqual(texts(rows), [
		' GROUPS',
		'▸lobby (2)',
		' night (1)',
		'',
		' DIRECT',
		' bob                 1 new',
		'',
		' IN LOBBY',
		' alice (you)',
		' bob',
		'',
		' ELSEWHERE',
		' carol (night)',
		'',
	]);
	const carol = rows[12]!;
	t.true(
		carol.some((part) => part.text.includes('carol') && part.style?.dim),
		'users of other groups are dimmed',
	);
	t.true(
		rows[1]!.some((part) => part.style?.inverse),
		'the current conversation is marked in inverse too',
	);
	t.true(rows[5]!.some((part) => part.text === '1 new' && part.style?.bold));
});

test('switching marks the other conversation', (t) => {
	let state = online();
	state = type(state, '/dm bob');
	const rows = texts(sidebarRows(state, 26, 12));
	t.true(rows.includes(' lobby (2)'));
	t.true(rows.includes('▸bob'));
});

test('exactly the height asked for; what does not fit ends in "+N more"', (t) => {
	const state = online();
	for (const height of [3, 5, 8, 20]) {
		const rows = sidebarRows(state, 20, height);
		t.is(rows.length, height);
		for (const row of rows) t.true(rowWidth(row) <= 20);
	}

	t.regex(rowText(sidebarRows(state, 20, 5).at(-1)!), /\+\d+ more/);
});

test('long and hostile names are cut to the width and shown, not obeyed', (t) => {
	// A server that does not check names (the protocol's does) must not reach the terminal either.
	const base = online();
	const state = {...base, directory: userOnline(base.directory, '\x1b[31mmallory-with-a-long-name', 'lobby')};
	const rows = sidebarRows(state, 16, 20);
	for (const row of rows) {
		t.true(rowWidth(row) <= 16);
		t.false(/\x1b/.test(rowText(row)));
	}

	t.true(texts(rows).some((row) => row.startsWith(' ␛[31mmallory')));
});
