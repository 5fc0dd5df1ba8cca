import test from 'ava';
import {dmConversation, type ChatState, type ConversationKey, type MessageEntry} from '../../../tui/state/index.js';
import {
	apply,
	connected,
	entriesOf,
	LOBBY,
	NIGHT,
	offline,
	online,
	ownMessages,
	receive,
	type,
	WELCOME,
	written,
} from './fixtures.js';

const LISTED = ['OK LIST 0 0 none.', 'OK LIST_GROUP 0 none.'];

function own(state: ChatState, key: ConversationKey): Array<[string, string | undefined, string | undefined]> {
	return ownMessages(state, key).map((entry) => [entry.text, entry.delivery, entry.id]);
}

function inNight(): ChatState {
	const state = written(type(online(), '/join night')).state;
	return receive(state, 'OK JOIN_GROUP night You left lobby and joined night.');
}

/** Reconnects and registers as alice: what the registration makes the session write, and the state after. */
function reconnect(state: ChatState): {readonly state: ChatState; readonly lines: string[]} {
	const registering = written(apply(state, connected));
	return written(receive(registering.state, WELCOME));
}

test('unconfirmed messages are resent after re-registering and rejoining, with the same ids, before what was typed offline', (t) => {
	let state = written(type(inNight(), 'a\nb')).state;
	state = receive(state, '@id=k-1 OK MESSAGE 50 2026-11-24T05:10:00.000Z night 1 Sent to 1 user in night.');
	state = apply(state, offline());
	state = type(state, 'c');
	t.deepEqual(own(state, NIGHT), [
		['a', 'sent', '50'],
		['b', 'pending', undefined],
		['c', 'pending', undefined],
	]);

	const rejoining = reconnect(state);
	t.deepEqual(
		rejoining.lines,
		['LIST', 'LIST_GROUP', 'JOIN_GROUP night'],
		'nothing else goes out while the group is being restored',
	);
	state = receive(rejoining.state, ...LISTED, 'OK JOIN_GROUP night You left lobby and joined night.');
	const flushed = written(state);
	t.deepEqual(flushed.lines, ['@id=k-2 MESSAGE b', '@id=k-3 MESSAGE c', 'HISTORY 50']);

	state = receive(
		flushed.state,
		'@id=k-2;dup OK MESSAGE 51 2026-11-24T05:10:01.000Z night 1 Sent to 1 user in night.',
		'@id=k-3 OK MESSAGE 60 2026-11-24T05:11:00.000Z night 1 Sent to 1 user in night.',
	);
	t.deepEqual(own(state, NIGHT), [
		['a', 'sent', '50'],
		['b', 'sent', '51'],
		['c', 'sent', '60'],
	]);
});

test('several outages in a row keep the messages, their order and their ids', (t) => {
	let state = written(type(online(), 'one\ntwo')).state;
	state = apply(state, offline());
	state = type(state, 'three');
	const resending = [
		'LIST',
		'LIST_GROUP',
		'@id=k-1 MESSAGE one',
		'@id=k-2 MESSAGE two',
		'@id=k-3 MESSAGE three',
		'HISTORY 0',
	];
	const resent = reconnect(state);
	t.deepEqual(resent.lines, resending);
	// Dropped again before any answer: all three are in doubt now, still in order.
	state = apply(resent.state, offline());
	t.deepEqual(
		state.outbox.map((item) => [item.clientId, item.inDoubtAs]),
		[
			['k-1', 'alice'],
			['k-2', 'alice'],
			['k-3', 'alice'],
		],
	);
	t.deepEqual(reconnect(state).lines, resending, 'the same again, ids and all');
});

test('a drop while still signing in keeps the outbox as it was', (t) => {
	let state = type(apply(online(), offline()), 'typed offline');
	state = written(apply(state, connected)).state;
	state = apply(state, offline());
	t.deepEqual(
		state.outbox.map((item) => [item.clientId, item.inDoubtAs]),
		[['k-1', undefined]],
		'never written, so not in doubt',
	);
});

test('a refused resend fails with the server sentence', (t) => {
	let state = written(type(online(), '/dm bob are you there')).state;
	state = apply(state, offline());
	const resent = reconnect(state);
	t.deepEqual(resent.lines, ['LIST', 'LIST_GROUP', '@id=k-1;receipts DM bob are you there', 'HISTORY 0']);
	state = receive(resent.state, '@id=k-1 ERR NO_SUCH_USER DM No connected user is named bob.');
	t.deepEqual(own(state, dmConversation('bob')), [['are you there', 'failed', undefined]]);
	t.like(
		entriesOf(state, dmConversation('bob')).find((entry) => entry.kind === 'message'),
		{error: 'No connected user is named bob.'},
	);
});

test('a message in doubt for a group we could not get back into fails, saying it may not have arrived', (t) => {
	let state = written(type(inNight(), 'for night')).state;
	state = apply(state, offline());
	state = type(state, 'also for night');
	state = written(receive(reconnect(state).state, ...LISTED, 'ERR NO_SUCH_GROUP JOIN_GROUP gone')).state;
	state = written(receive(state, 'ERR GROUP_EXISTS NEW_GROUP exists')).state;
	const gaveUp = written(receive(state, 'ERR NO_SUCH_GROUP JOIN_GROUP gone again'));
	t.deepEqual(gaveUp.lines, ['HISTORY 0'], 'nothing is sent to the lobby');
	const [inDoubt, neverSent] = entriesOf(gaveUp.state, NIGHT).filter(
		(entry): entry is MessageEntry => entry.kind === 'message',
	);
	t.like(inDoubt, {text: 'for night', delivery: 'failed'});
	t.regex(
		inDoubt!.error!,
		/lost before the server confirmed this message, and you are in lobby now, so it was not sent again; it may not have been delivered/,
	);
	t.like(neverSent, {text: 'also for night', delivery: 'failed'});
	t.regex(neverSent!.error!, /^Not sent: you are in lobby now/);
});

test('if the name is taken on reconnecting, messages stay pending until registered; in doubt under another name, they fail', (t) => {
	let state = written(type(online(), 'in doubt')).state;
	state = apply(state, offline());
	state = type(state, 'typed offline');
	state = written(apply(state, connected)).state;
	state = receive(state, 'ERR NAME_TAKEN SET_NAME The name "alice" is taken (names ignore case); choose another.');
	// The session retries first (name-wait.test.ts); this is after it gave up.
	state = apply(state, {type: 'name-wait-over'});
	t.true(state.me.askingName);
	t.deepEqual(own(state, LOBBY), [
		['in doubt', 'pending', undefined],
		['typed offline', 'pending', undefined],
	]);
	t.deepEqual(written(state).lines, []);

	state = written(apply(state, {type: 'name-entered', name: 'alice2'})).state;
	const registered = written(receive(state, 'OK SET_NAME alice2 lobby Welcome, alice2. You are in group lobby.'));
	t.deepEqual(registered.lines, ['LIST', 'LIST_GROUP', '@id=k-2 MESSAGE typed offline', 'HISTORY 0']);
	const [inDoubt] = entriesOf(registered.state, LOBBY).filter(
		(entry): entry is MessageEntry => entry.kind === 'message',
	);
	t.like(inDoubt, {delivery: 'failed'});
	t.regex(inDoubt!.error!, /sent as alice; it was not sent again as alice2/);
});

test('if the name comes free again, the message in doubt is resent under it', (t) => {
	let state = written(type(online(), 'in doubt')).state;
	state = written(apply(apply(state, offline()), connected)).state;
	state = receive(state, 'ERR NAME_TAKEN SET_NAME The name "alice" is taken (names ignore case); choose another.');
	state = apply(state, {type: 'name-wait-over'});
	state = written(apply(state, {type: 'name-entered', name: 'ALICE'})).state;
	const registered = written(receive(state, 'OK SET_NAME ALICE lobby Welcome, ALICE. You are in group lobby.'));
	t.deepEqual(
		registered.lines,
		['LIST', 'LIST_GROUP', '@id=k-1 MESSAGE in doubt', 'HISTORY 0'],
		'names compare ignoring case',
	);
});

test('stopping gives up: what was in doubt may not have arrived, what was never written was not sent', (t) => {
	let state = written(type(online(), 'written')).state;
	state = apply(state, offline());
	state = type(state, 'never written');
	state = apply(state, {type: 'connection', event: {status: 'stopped'}});
	const [written_, never] = entriesOf(state, LOBBY).filter((entry): entry is MessageEntry => entry.kind === 'message');
	t.like(written_, {
		delivery: 'failed',
		error: 'The connection was lost before the server confirmed this message; it may not have been delivered.',
	});
	t.like(never, {delivery: 'failed', error: 'Not sent: the client stopped.'});
	t.deepEqual(state.outbox, []);
});
