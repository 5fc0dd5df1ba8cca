import test from 'ava';
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
