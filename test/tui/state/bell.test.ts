import test from 'ava';
import {mentions, type MessageEntry} from '../../../tui/state/index.js';
import {lastEntry, online, receive} from './fixtures.js';

test('every DM received rings', (t) => {
	const state = receive(
		online(),
		'DM 1 2026-11-24T05:10:00.000Z bob alice hi',
		'DM 2 2026-11-24T05:10:00.000Z carol alice hi',
	);
	t.is(state.bell, online().bell + 2);
});

test('a group message naming the user rings and is marked', (t) => {
	const before = online();
	const state = receive(before, 'MSG 1 2026-11-24T05:10:00.000Z lobby bob ALICE, bed 4 please');
	t.is(state.bell, before.bell + 1);
	t.true((lastEntry(state) as MessageEntry).mentionsMe);
});

test('a group message not naming the user is quiet', (t) => {
	const before = online();
	const state = receive(before, 'MSG 1 2026-11-24T05:10:00.000Z lobby bob ask malice or alicea');
	t.is(state.bell, before.bell);
	t.false((lastEntry(state) as MessageEntry).mentionsMe);
});

test('mentions are whole words, case-insensitive, punctuation around them allowed', (t) => {
	t.true(mentions('alice', 'alice'));
	t.true(mentions('@Alice: see bed 4', 'alice'));
	t.true(mentions('thanks alice.', 'alice'));
	t.true(mentions('(ALICE)', 'alice'));
	t.true(mentions('ask dr.who now', 'dr.who'));
	t.false(mentions('dr.whom', 'dr.who'));
	t.false(mentions('alice_b', 'alice'));
	t.false(mentions('alice2', 'alice'));
	t.false(mentions('malice', 'alice'));
	t.true(mentions('ZOË, ready?', 'zoë'));
	t.false(mentions('zoëy', 'zoë'));
});

test('mentions answers for the name asked about, whichever name was asked about before (its pattern is kept)', (t) => {
	const asked: Array<[string, string, boolean]> = [
		['alice, bed 4', 'alice', true],
		['alice, bed 4', 'bob', false],
		['bob, bed 4', 'bob', true],
		['bob, bed 4', 'alice', false],
		['Alice and bob', 'ALICE', true],
		['Alice and bob', 'Bob', true],
		['dr.who', 'dr.who', true],
		['drawho', 'dr.who', false],
		['alice', '', false],
		['alice', 'alice', true],
	];
	for (const [text, name, expected] of asked) {
		t.is(mentions(text, name), expected, `${text} / ${name}`);
		t.is(mentions(text, name), expected, `${text} / ${name}, again`);
	}
});
