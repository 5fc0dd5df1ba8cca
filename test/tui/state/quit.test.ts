import test from 'ava';
import {unsentMessages} from '../../../tui/state/index.js';
import {apply, offline, online, receive, type, written} from './fixtures.js';

test('/quit sends CLOSE and is done when the server answers', (t) => {
	const {state, lines} = written(type(online(), '/quit'));
	t.deepEqual(lines, ['CLOSE']);
	t.is(state.quit, 'requested');
	t.is(receive(state, 'OK CLOSE Goodbye, alice.').quit, 'done');
});

test('/quit is done when the connection closes before the answer', (t) => {
	const state = written(type(online(), '/quit')).state;
	t.is(apply(state, offline()).quit, 'done');
});

test('/quit while offline is done at once', (t) => {
	const state = type(apply(online(), offline()), '/quit');
	t.is(state.quit, 'done');
	t.deepEqual(state.outgoing, []);
});

test('quitting with a message not sent yet asks first; a second quit leaves anyway, Escape stays', (t) => {
	// Typed offline: kept in the outbox, shown as pending.
	let state = type(apply(online(), offline()), 'hello?');
	t.is(unsentMessages(state), 1);
	state = type(state, '/quit');
	t.is(state.quit, 'confirming', 'asks rather than drop the message');
	state = apply(state, {type: 'dismiss'});
	t.is(state.quit, 'no', 'Escape stays');
	state = apply(state, {type: 'input', input: {kind: 'quit'}});
	t.is(state.quit, 'confirming');
	t.is(apply(state, {type: 'input', input: {kind: 'quit'}}).quit, 'done', 'asked twice: leaves');
});

test('a message written and not yet confirmed counts as unsent too; once confirmed, quitting does not ask', (t) => {
	let state = written(type(online(), 'hello?')).state;
	t.is(unsentMessages(state), 1);
	state = type(state, '/quit');
	t.is(state.quit, 'confirming');
	t.deepEqual(written(state).lines, [], 'no CLOSE yet');
	state = type(state, '/quit');
	t.deepEqual(written(state).lines, ['CLOSE']);
	state = receive(
		written(type(online(), 'hello?')).state,
		'@id=k-1 OK MESSAGE 5 2026-11-24T05:10:00.000Z lobby 1 Sent to 1 user in lobby.',
	);
	t.is(unsentMessages(state), 0);
	t.is(type(state, '/quit').quit, 'requested');
});
