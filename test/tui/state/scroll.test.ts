import test from 'ava';
import {dmConversation, entriesAboveFold, LIVE} from '../../../tui/state/index.js';
import {apply, online, receive, type} from './fixtures.js';

const message = (id: number) => `MSG ${id} 2026-11-24T05:10:00.000Z lobby bob message ${id}`;

test('messages arriving while scrolled up are counted, not shown, and do not move the view', (t) => {
	let state = receive(online(), message(1));
	state = apply(state, {type: 'scroll', lines: 5});
	const before = entriesAboveFold(state);
	state = receive(state, message(2), 'ONLINE dave lobby', message(3));
	t.deepEqual(state.scroll, {linesUp: 5, entriesBelow: 3, newMessages: 2});
	t.deepEqual(entriesAboveFold(state), before);
});

test('at live nothing is counted', (t) => {
	const state = receive(online(), message(1), message(2));
	t.is(state.scroll, LIVE);
	t.is(entriesAboveFold(state).length, state.conversations.get(state.current)!.entries.length);
});

test('scrolling back down to the bottom goes live and shows everything', (t) => {
	let state = apply(online(), {type: 'scroll', lines: 3});
	state = receive(state, message(1));
	state = apply(state, {type: 'scroll', lines: -2});
	t.deepEqual(state.scroll, {linesUp: 1, entriesBelow: 1, newMessages: 1});
	state = apply(state, {type: 'scroll', lines: -5});
	t.is(state.scroll, LIVE);
});

test('scroll-to-live resets both counts', (t) => {
	let state = apply(online(), {type: 'scroll', lines: 10});
	state = receive(state, message(1));
	state = apply(state, {type: 'scroll-to-live'});
	t.deepEqual(state.scroll, LIVE);
});

test('scrolling up stops where the view says the conversation begins', (t) => {
	const state = apply(online(), {type: 'scroll', lines: 50, maxLinesUp: 12});
	t.is(state.scroll.linesUp, 12);
	t.is(apply(state, {type: 'scroll', lines: 1, maxLinesUp: 12}), state, 'no change, same state');
});

test('messages in other conversations do not touch the scroll', (t) => {
	let state = apply(online(), {type: 'scroll', lines: 5});
	state = receive(state, 'DM 4 2026-11-24T05:10:00.000Z bob alice psst');
	t.deepEqual(state.scroll, {linesUp: 5, entriesBelow: 0, newMessages: 0});
});

test('switching conversation starts live', (t) => {
	let state = apply(online(), {type: 'scroll', lines: 5});
	state = apply(state, {type: 'switch-conversation', to: dmConversation('bob')});
	t.is(state.scroll, LIVE);
});

test('sending a message goes live: the sender sees what they sent', (t) => {
	let state = apply(online(), {type: 'scroll', lines: 5});
	state = type(state, 'on my way');
	t.is(state.scroll, LIVE);
});
