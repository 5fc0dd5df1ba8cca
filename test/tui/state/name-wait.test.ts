/**
 * Our own name refused on a reconnect because the server still holds it for the
 * connection it has not noticed is gone (tui/state/name-wait.ts): no prompt, one
 * notice, the session retries; only when it gives up does the prompt come back.
 */
import test from 'ava';
import {NAME_TAKEN_HINT} from '../../../tui/state/err-reducer.js';
import {groupConversation, stillHeld, type ChatState} from '../../../tui/state/index.js';
import {
	apply,
	connected,
	initial,
	noticesHere,
	offline,
	online,
	ownMessages,
	receive,
	type,
	written,
} from './fixtures.js';

const LOBBY = groupConversation('lobby');
const TAKEN = 'ERR NAME_TAKEN SET_NAME The name "alice" is taken (names ignore case); choose another.';
const WELCOME = 'OK SET_NAME alice lobby Welcome, alice. You are in group lobby.';

function own(state: ChatState): Array<[string, string | undefined]> {
	return ownMessages(state, LOBBY).map((entry) => [entry.text, entry.delivery]);
}

/** alice's link died with a message in doubt, another was typed offline, and the reconnect's SET_NAME is written. */
function reconnecting(): ChatState {
	let state = written(type(online(), 'in doubt')).state;
	state = type(apply(state, offline()), 'typed offline');
	const registering = written(apply(state, connected));
	return registering.state;
}

/** What the session does on a refusal: hang up and reconnect. */
function retried(state: ChatState): {readonly state: ChatState; readonly lines: string[]} {
	const back = apply(
		state,
		offline(stillHeld('alice')),
		{type: 'connection', event: {status: 'connecting', attempt: 2}},
		connected,
	);
	return written(back);
}

test('our own name refused on a reconnect: no prompt, one notice, everything stays pending', (t) => {
	const notices = noticesHere(reconnecting()).length;
	const state = receive(reconnecting(), TAKEN);
	t.like(state.me, {askingName: false, checkingName: false, nameProblem: undefined, name: 'alice', registered: false});
	t.deepEqual(state.me.nameWait, {
		refusal: 'The name "alice" is taken (names ignore case); choose another.',
		refusals: 1,
	});
	t.is(noticesHere(state).length, notices + 1);
	t.regex(
		noticesHere(state).at(-1)!,
		/^The server still holds alice for the lost connection\. It lets go within about two minutes; trying again/,
	);
	t.is(state.connection.status, 'registering');
	t.deepEqual(state.outgoing, []);
	t.deepEqual(own(state), [
		['in doubt', 'pending'],
		['typed offline', 'pending'],
	]);
});

test('each retry asks for the name again, once per connection; refusals are counted, not said again', (t) => {
	let state = receive(reconnecting(), TAKEN);
	const notices = noticesHere(state).length;
	const again = retried(state);
	t.deepEqual(again.lines, ['SET_NAME alice']);
	t.like(again.state.connection, {status: 'registering'});
	state = receive(again.state, TAKEN);
	t.is(state.me.nameWait?.refusals, 2);
	t.false(state.me.askingName);
	t.is(noticesHere(state).length, notices, 'the offline and the second refusal add nothing');
	state = type(state, 'typed while waiting');
	t.deepEqual(state.outgoing, [], 'not online: kept');
	t.is(state.outbox.length, 3);
});

test('once the server lets go, the name is back and everything pending goes out, in order, with its id', (t) => {
	const state = retried(receive(reconnecting(), TAKEN)).state;
	const back = written(receive(state, WELCOME));
	t.is(back.state.me.nameWait, undefined);
	t.like(back.state.me, {name: 'alice', registered: true, askingName: false});
	t.deepEqual(back.lines, [
		'LIST',
		'LIST_GROUP',
		'@id=k-1 MESSAGE in doubt',
		'@id=k-2 MESSAGE typed offline',
		'HISTORY 0',
	]);
	t.is(back.state.connection.status, 'online');
});

test('giving up asks for a name with the server’s sentence; messages stay pending for whichever name comes next', (t) => {
	let state = receive(reconnecting(), TAKEN);
	state = apply(state, {type: 'name-wait-over'});
	t.like(state.me, {
		askingName: true,
		checkingName: false,
		nameWait: undefined,
		nameProblem: 'The name "alice" is taken (names ignore case); choose another.',
	});
	t.deepEqual(own(state), [
		['in doubt', 'pending'],
		['typed offline', 'pending'],
	]);
	t.is(apply(state, {type: 'name-wait-over'}), state, 'nothing to give up twice');

	// The same name typed at the prompt is the user's choice: refused, it asks again.
	state = written(type(state, 'alice')).state;
	state = receive(state, TAKEN);
	t.like(state.me, {askingName: true, nameWait: undefined});
});

test('a lost connection during the wait keeps waiting: the next one asks for the name again', (t) => {
	let state = receive(reconnecting(), TAKEN);
	state = apply(
		state,
		offline('Connection reset.'),
		{type: 'connection', event: {status: 'connecting', attempt: 2}},
		connected,
	);
	t.is(state.me.nameWait?.refusals, 1);
	t.deepEqual(written(state).lines, ['SET_NAME alice']);
});

test('a first registration refused NAME_TAKEN still asks at once', (t) => {
	let state = written(apply(initial('alice'), connected)).state;
	state = receive(state, TAKEN);
	t.like(state.me, {
		askingName: true,
		nameWait: undefined,
		nameProblem: `The name "alice" is taken (names ignore case); choose another. ${NAME_TAKEN_HINT}`,
	});
});

test('other refusals of our own name on a reconnect ask at once too', (t) => {
	const state = receive(reconnecting(), 'ERR NAME_INVALID SET_NAME Names are no longer allowed to look like that.');
	t.like(state.me, {askingName: true, nameWait: undefined});
});
