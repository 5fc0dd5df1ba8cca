import test from 'ava';
import {createInitialState, groupConversation} from '../../../tui/state/index.js';
import {compareMessageIds, newerId} from '../../../tui/state/message-order.js';
import {apply, entriesOf, noticesHere, offline, online, ownMessages, receive, type, written} from './fixtures.js';

const LOBBY = groupConversation('lobby');

test('server ids compare as numbers, however many digits', (t) => {
	t.true(compareMessageIds('9', '10') < 0);
	t.true(compareMessageIds('10', '9') > 0);
	t.is(compareMessageIds('1764000600123000', '1764000600123000'), 0);
	t.true(compareMessageIds('2147483647', '2147483648') < 0, 'past 2^31');
	t.true(compareMessageIds('9007199254740993', '9007199254740992') > 0, 'past 2^53, where numbers would round');
	t.true(compareMessageIds('1764000600123001', '999999999999999') > 0);
	t.is(compareMessageIds('007', '7'), 0);
	t.is(newerId(undefined, '5'), '5');
	t.is(newerId('10', '9'), '10');
	t.is(newerId('9', '10'), '10');
});

test('every message goes out tagged with a client id: unique, in order, from the session prefix', (t) => {
	const {lines} = written(type(type(online(), 'one\ntwo'), '/dm bob three'));
	t.deepEqual(lines, ['@id=k-1 MESSAGE one', '@id=k-2 MESSAGE two', '@id=k-3;receipts DM bob three']);
});

test('other commands go out untagged', (t) => {
	const {lines} = written(type(type(online(), '/list'), '/join night'));
	t.deepEqual(lines, ['LIST', 'JOIN_GROUP night']);
});

test('a message typed offline gets its id when typed and keeps it', (t) => {
	let state = type(apply(online(), offline()), 'later');
	t.deepEqual(
		state.outbox.map((item) => item.clientId),
		['k-1'],
	);
	state = type(state, 'and later');
	t.deepEqual(
		state.outbox.map((item) => item.clientId),
		['k-1', 'k-2'],
	);
	t.deepEqual(state.outgoing, []);
});

test('a tagged OK or ERR is matched by its id, whatever the order', (t) => {
	let state = written(type(online(), 'first\nsecond')).state;
	state = receive(
		state,
		'@id=k-2 OK MESSAGE 31 2026-11-24T05:10:01.000Z lobby 1 Sent to 1 user in lobby.',
		'@id=k-1 ERR RATE_LIMITED MESSAGE Slow down; this one was not run. Send it again in a moment.',
	);
	t.deepEqual(
		ownMessages(state, LOBBY).map((entry) => [entry.text, entry.delivery, entry.id, entry.error]),
		[
			['first', 'failed', undefined, 'Slow down; this one was not run. Send it again in a moment.'],
			['second', 'sent', '31', undefined],
		],
	);
	t.deepEqual(state.inFlight, []);
});

test('a tagged reply nothing awaits is pointed out and leaves the queue alone', (t) => {
	let state = written(type(online(), 'hello')).state;
	state = receive(state, '@id=zz-9 OK MESSAGE 40 2026-11-24T05:10:01.000Z lobby 1 Sent to 1 user in lobby.');
	t.regex(noticesHere(state).at(-1)!, /not awaited \(id zz-9\)/);
	t.is(state.inFlight.length, 1);
	t.like(ownMessages(state, LOBBY)[0], {delivery: 'pending'});
});

test("a dup OK marks the message sent with the first delivery's id, and adds nothing", (t) => {
	let state = written(type(online(), 'bed 4')).state;
	const before = entriesOf(state, LOBBY).length;
	state = receive(state, '@id=k-1;dup OK MESSAGE 77 2026-11-24T05:09:00.000Z lobby 1 Sent to 1 user in lobby.');
	t.is(entriesOf(state, LOBBY).length, before);
	t.like(ownMessages(state, LOBBY)[0], {delivery: 'sent', id: '77', time: '2026-11-24T05:09:00.000Z'});
	t.is(state.lastMessageId, '77');
});

test('the newest id seen follows MSG, DM and the OKs of our own messages, compared as numbers', (t) => {
	let state = online();
	t.is(state.lastMessageId, undefined);
	state = receive(state, 'MSG 9 2026-11-24T05:10:00.000Z lobby bob nine');
	t.is(state.lastMessageId, '9');
	state = receive(state, 'DM 10 2026-11-24T05:10:00.000Z bob alice ten');
	t.is(state.lastMessageId, '10', '10 is newer than 9, though not as text');
	state = written(type(state, 'mine')).state;
	state = receive(state, '@id=k-1 OK MESSAGE 2147483648 2026-11-24T05:10:00.000Z lobby 1 Sent to 1 user in lobby.');
	t.is(state.lastMessageId, '2147483648');
	state = written(type(state, '/dm bob mine too')).state;
	state = receive(state, '@id=k-2 OK DM 1764000600123000 2026-11-24T05:10:00.000Z bob Sent to bob.');
	t.is(state.lastMessageId, '1764000600123000');
	state = receive(state, 'MSG 1764000600122999 2026-11-24T05:10:00.000Z lobby bob older, somehow');
	t.is(state.lastMessageId, '1764000600123000', 'an older id does not move it back');
});

test('a live message already shown (same id) is not shown again', (t) => {
	let state = receive(online(), 'MSG 5 2026-11-24T05:10:00.000Z lobby bob once');
	state = receive(state, 'MSG 5 2026-11-24T05:10:00.000Z lobby bob once');
	t.is(entriesOf(state, LOBBY).filter((entry) => entry.kind === 'message').length, 1);
});

test('the state refuses a prefix that would not make valid ids', (t) => {
	const make = (clientIdPrefix: string) =>
		createInitialState({host: '127.0.0.1', port: 8090, name: 'alice', clientIdPrefix});
	t.throws(() => make('has space'), {message: /client id prefix/});
	t.throws(() => make('a;b'), {message: /client id prefix/});
	t.throws(() => make('x'.repeat(65)), {message: /client id prefix/});
	t.is(make('Zx_9-a').clientIds.prefix, 'Zx_9-a');
});
