import test from 'ava';
import {inputRow, namePromptRows, ruleRow, titleRow} from '../../../tui/layout/bars.js';
import {colorAllowed, paintRow} from '../../../tui/layout/paint.js';
import {rowText, rowWidth, span} from '../../../tui/layout/spans.js';
import {statusRow} from '../../../tui/layout/status.js';
import {currentConversation} from '../../../tui/state/index.js';
import {stillHeld} from '../../../tui/state/index.js';
import {apply, connected, initial, offline, online, receive, type, written} from '../state/fixtures.js';

test('the status line: state, host:port, name, group, and help when there is room', (t) => {
	const row = rowText(statusRow(online(), 100, undefined));
	t.is(row.length, 100);
	t.regex(row, /^ online │ 127\.0\.0\.1:8090 │ alice │ in lobby +\/help · Ctrl-C quits $/);
});

test('the status line names the server as its user reached it when that is not host:port (an SSH session)', (t) => {
	const state = online();
	const ssh = {...state, connection: {...state.connection, shownAs: 'ssh -p 2222 ward-host'}};
	t.regex(rowText(statusRow(ssh, 100, undefined)), /^ online │ ssh -p 2222 ward-host │ alice │ in lobby +\/help/);
	t.is(rowText(statusRow(ssh, 40, undefined)).trimEnd(), ' online │ alice │ in lobby');
	t.regex(rowText(statusRow(apply(ssh, offline()), 80, 4)), /^ offline, retrying in 4s │ ssh -p 2222 ward-host │/);
});

test('the status line leaves out the least important parts first, never cutting one in half', (t) => {
	const state = online();
	t.is(rowText(statusRow(state, 60, undefined)).trimEnd(), ' online │ 127.0.0.1:8090 │ alice │ in lobby');
	t.is(rowText(statusRow(state, 40, undefined)).trimEnd(), ' online │ alice │ in lobby');
	t.is(rowText(statusRow(state, 18, undefined)).trimEnd(), ' online │ alice');
	for (const width of [5, 10, 20, 33, 47, 80, 140]) {
		t.is(rowWidth(statusRow(state, width, 3)), width);
	}
});

test('offline: the status counts down to the next try', (t) => {
	const state = apply(online(), offline());
	t.regex(rowText(statusRow(state, 80, 4)), /^ offline, retrying in 4s │ 127\.0\.0\.1:8090 │ alice │ in lobby/);
	t.regex(rowText(statusRow(state, 80, 0)), /^ offline, retrying now/);
});

test('while offline the reason takes the room the help hint had, shortened rather than left out', (t) => {
	const reason = "TLS: the server's certificate is not trusted (self-signed); pass --ca FILE to trust it.";
	const state = apply(online(), offline(reason));
	const wide = rowText(statusRow(state, 200, 4));
	t.true(wide.includes(reason), wide);
	t.false(wide.includes('/help'));
	const row = rowText(statusRow(state, 100, 4));
	t.regex(row, /^ offline, retrying in 4s │ 127\.0\.0\.1:8090 │ alice │ in lobby │ TLS: the server's certificate.*…/);
	for (const width of [100, 60, 40, 18]) {
		t.is(rowWidth(statusRow(state, width, 4)), width);
	}
});
test('the reason is shortened between words, never inside one, at every width down to 40', (t) => {
	const reason = 'Nothing is accepting connections at 127.0.0.1:8090 (ECONNREFUSED); is chat serve running there?';
	const state = apply(online(), offline(reason));
	for (let width = 40; width <= 160; width++) {
		const row = rowText(statusRow(state, width, 4));
		t.is(rowWidth(statusRow(state, width, 4)), width);
		const shown = / │ ([^│]*?) *$/.exec(row)?.[1] ?? '';
		if (!shown.startsWith('Nothing')) {
			continue; // no room for it at all: left out, as it was
		}

		const words = shown.endsWith('…') ? shown.slice(0, -1) : shown;
		t.true(reason.startsWith(words), `${width}: ${row}`);
		t.true(words === reason || reason[words.length] === ' ', `cut mid-word at ${width}: ${row}`);
	}
	t.regex(rowText(statusRow(state, 100, 4)), /│ Nothing is accepting connections at… *$/);
});

test('a host that does not resolve: the status says so, not "offline", with the countdown', (t) => {
	const state = apply(online(), {
		type: 'connection',
		event: {
			status: 'offline',
			attempt: 1,
			nextRetryAt: 1_000_500,
			error: 'The name chat.example does not resolve to an address.',
			unresolved: true,
		},
	});
	t.regex(rowText(statusRow(state, 80, 4)), /^ host not found, retrying in 4s │/);
	const back = apply(state, offline());
	t.regex(
		rowText(statusRow(back, 80, 4)),
		/^ offline, retrying in 4s │/,
		'a later failure of another kind is offline again',
	);
});

test('before a name: "no name yet", also after the server refused the one typed', (t) => {
	t.regex(rowText(statusRow(initial(), 80, undefined)), /connecting │ 127\.0\.0\.1:8090 │ no name yet/);
});

test('a name typed at the prompt: the prompt says it is being checked, the status line too', (t) => {
	const waiting = apply(initial(undefined), {type: 'name-entered', name: 'bob'});
	t.true(
		namePromptRows(waiting, 60, 12)
			.map(rowText)
			.some((row) => row.includes('“bob” will be checked once connected…')),
	);
	const checking = apply(waiting, connected);
	const rows = namePromptRows(checking, 60, 3).map(rowText);
	t.true(
		rows.some((row) => row.includes('Checking “bob” with the server…')),
		'kept on a small screen',
	);
	t.regex(rowText(statusRow(checking, 80, undefined)), /^ checking name │ 127\.0\.0\.1:8090 │ no name yet/);
});

test('waiting for our own name back: the status line says so, through the hang-ups and reconnects it takes', (t) => {
	let state = written(apply(apply(online(), offline()), connected)).state;
	state = receive(state, 'ERR NAME_TAKEN SET_NAME The name "alice" is taken (names ignore case); choose another.');
	t.regex(rowText(statusRow(state, 80, undefined)), /^ waiting for name │ 127\.0\.0\.1:8090 │ alice/);
	state = apply(state, offline(stillHeld('alice')));
	t.regex(
		rowText(statusRow(state, 140, 3)),
		/^ waiting for name, retrying in 3s │ .*│ The server still holds alice for the lost connection\. +$/,
	);
});

test('the title names the conversation; with no sidebar it counts unread elsewhere', (t) => {
	let state = online();
	t.is(rowText(titleRow(state, currentConversation(state), 40, true)).trimEnd(), ' #lobby · 2 people');
	state = receive(state, 'DM 7 2026-11-24T05:10:04.518Z bob alice bed 9?');
	const narrow = rowText(titleRow(state, currentConversation(state), 50, false));
	t.regex(narrow, /^ #lobby · 2 people +1 unread · Ctrl-N\/P $/);
	t.is(narrow.length, 50);
	state = type(state, '/dm bob');
	t.is(rowText(titleRow(state, currentConversation(state), 40, true)).trimEnd(), ' @bob · direct messages');
});

test('the rule carries hints without changing its width, keeping the junction under the sidebar', (t) => {
	t.is(rowText(ruleRow(20, 14)), '──────────────┴─────');
	const hinted = rowText(ruleRow(40, 30, span(' Enter sends 3 messages ')));
	t.regex(hinted, /^─+ Enter sends 3 messages ──$/);
	t.is(hinted.length, 40);
	const both = ruleRow(60, undefined, span(' Enter sends 2 messages '), span(' Tab: alice [bob] carol '));
	t.is(rowWidth(both), 60);
	t.regex(rowText(both), /^── Tab: alice \[bob\] carol ─+ Enter sends 2 messages ──$/);
});

test('the input line scrolls to keep the caret in view, and shows line breaks', (t) => {
	const short = inputRow('#lobby› ', 'hello', 5, 40, 'message');
	t.is(rowText(short.row).trimEnd(), '#lobby› hello');
	t.is(short.caretColumn, 13);
	const empty = inputRow('#lobby› ', '', 0, 40, 'message · Tab completes');
	t.is(rowText(empty.row).trimEnd(), '#lobby› message · Tab completes');
	t.is(empty.caretColumn, 8);
	const long = 'x'.repeat(100);
	const end = inputRow('#lobby› ', long, 100, 40, '');
	t.is(rowWidth(end.row), 40);
	t.is(end.caretColumn, 39);
	t.is(rowText(inputRow('> ', 'one\ntwo', 7, 40, '').row).trimEnd(), '> one⏎two');
});

test('the name prompt keeps the refusal when the screen is small', (t) => {
	const state = {
		...initial(),
		me: {...initial().me, nameProblem: 'The name "bob" is taken (names ignore case); choose another.'},
	};
	const rows = namePromptRows(state, 38, 4).map(rowText);
	t.is(rows.length, 4);
	t.true(rows.some((row) => row.includes('! The name "bob" is taken')));
	t.true(rows.some((row) => row.includes('Type the name others will know you')));
});

test('NO_COLOR: no colour codes at all, but bold, dim and inverse stay', (t) => {
	const row = [
		span('a', {bold: true, color: 'green'}),
		span('b', {inverse: true, color: 'red'}),
		span('c', {dim: true}),
	];
	t.is(paintRow(row, {color: true}), '\x1b[1;32ma\x1b[0m\x1b[7;31mb\x1b[0m\x1b[2mc\x1b[0m');
	t.is(paintRow(row, {color: false}), '\x1b[1ma\x1b[0m\x1b[7mb\x1b[0m\x1b[2mc\x1b[0m');
	t.true(colorAllowed({}));
	t.true(colorAllowed({NO_COLOR: ''}), 'set but empty does not count');
	t.false(colorAllowed({NO_COLOR: '1'}));
});

test('a DM title says when the other person is outside your group, before anything is typed', (t) => {
	// online(): carol is in night, alice and bob in lobby.
	const withCarol = type(online(), '/dm carol');
	t.is(
		rowText(titleRow(withCarol, currentConversation(withCarol), 80, true)).trimEnd(),
		' @carol · direct messages · in night, not your group; /join night to write',
	);
	const withBob = type(online(), '/dm bob');
	t.is(rowText(titleRow(withBob, currentConversation(withBob), 80, true)).trimEnd(), ' @bob · direct messages');
	const moved = receive(withCarol, 'LEFT night carol', 'JOINED lobby carol');
	t.is(rowText(titleRow(moved, currentConversation(moved), 80, true)).trimEnd(), ' @carol · direct messages');
});
