import test from 'ava';
import {groupConversation} from '../../../tui/state/index.js';
import {
	apply,
	connected,
	entriesOf,
	initial,
	lastEntry,
	LOBBY_LIST,
	noticesHere,
	online,
	receive,
	type,
	written,
} from './fixtures.js';

test('/list shows who is in the group and who is online', (t) => {
	let state = written(type(online(), '/list')).state;
	state = receive(state, ...LOBBY_LIST);
	t.is(
		noticesHere(state).at(-1),
		'In lobby: alice, bob.\nOnline: alice (lobby), bob (lobby), carol (night).\n2 users in lobby, 3 online.',
	);
});

test('/groups shows every group with its count', (t) => {
	let state = written(type(online(), '/groups')).state;
	state = receive(state, 'GROUP lobby 2', 'GROUP night 1', 'OK LIST_GROUP 2 2 groups.');
	t.is(noticesHere(state).at(-1), 'Groups: lobby (2), night (1).\n2 groups.');
});

test('the LIST and LIST_GROUP sent after registering fill the sidebar silently', (t) => {
	t.deepEqual(noticesHere(online()), ['Welcome, alice. You are in group lobby.']);
});

test('/help opens the overlay and sends nothing; Esc closes it; /help server shows the server commands when they arrive', (t) => {
	let state = type(online(), '/help');
	t.true(state.help);
	t.deepEqual(written(state).lines, [], 'the protocol HELP only on request');
	t.deepEqual(noticesHere(state), noticesHere(online()), 'nothing scrolls into the conversation');
	t.false(apply(state, {type: 'dismiss'}).help);
	state = type(state, '/help server');
	t.false(state.help, 'the answer shows in the conversation');
	const {state: sent, lines} = written(state);
	t.deepEqual(lines, ['HELP']);
	state = receive(
		sent,
		'COMMAND HELP HELP — List every command with its parameters. Allowed before SET_NAME.',
		'COMMAND LIST LIST — The users in your group, then every connected user.',
		'OK HELP 2 Commands are case-insensitive; one per line.',
	);
	t.is(
		noticesHere(state).at(-1),
		[
			'Server commands:',
			'  HELP — List every command with its parameters. Allowed before SET_NAME.',
			'  LIST — The users in your group, then every connected user.',
			'Commands are case-insensitive; one per line.',
		].join('\n'),
	);
});

test('an ERR for a typed command is shown as an error notice where the user is', (t) => {
	let state = written(type(online(), '/join icu')).state;
	state = receive(state, 'ERR NO_SUCH_GROUP JOIN_GROUP There is no group named "icu".');
	t.like(lastEntry(state), {kind: 'notice', level: 'error', text: 'There is no group named "icu".'});
	t.is(state.me.group, 'lobby');
});

test('JOIN_GROUP success switches to the new group conversation with the server sentence', (t) => {
	let state = written(type(online(), '/join NIGHT')).state;
	state = receive(state, 'OK JOIN_GROUP night You left lobby and joined night.');
	t.is(state.current, groupConversation('night'));
	t.is(state.conversations.get(state.current)!.title, 'night');
	t.deepEqual(noticesHere(state), ['You left lobby and joined night.']);
});

test('an OK nobody was waiting for is pointed out, not applied', (t) => {
	const state = receive(online(), 'OK MESSAGE 3 2026-11-24T05:10:00.000Z lobby 1 Sent to 1 user in lobby.');
	t.is(noticesHere(state).at(-1), 'The server answered a command that was not sent: Sent to 1 user in lobby.');
});

test('an OK for a different command than awaited leaves the queue alone', (t) => {
	let state = written(type(online(), 'hello')).state;
	state = receive(state, 'OK LIST 1 1 1 user in lobby, 1 online.');
	t.is(noticesHere(state).at(-1), 'The server answered LIST while MESSAGE was awaited: 1 user in lobby, 1 online.');
	t.is(state.inFlight.length, 1);
	state = receive(state, 'OK MESSAGE 3 2026-11-24T05:10:00.000Z lobby 1 Sent to 1 user in lobby.');
	t.like(
		entriesOf(state).find((entry) => entry.kind === 'message'),
		{text: 'hello', delivery: 'sent'},
	);
});

test('a line-level ERR answers the oldest command', (t) => {
	let state = written(type(online(), '/groups')).state;
	state = receive(state, 'ERR LINE_TOO_LONG * Line longer than 8192 bytes; it was discarded.');
	t.deepEqual(state.inFlight, []);
	t.is(noticesHere(state).at(-1), 'Line longer than 8192 bytes; it was discarded.');
});

test('a data line nobody asked for is pointed out', (t) => {
	let state = receive(online(), 'USER mallory lobby');
	t.is(noticesHere(state).at(-1), 'The server sent a USER line nobody asked for.');
	state = written(type(state, 'hello')).state;
	state = receive(state, 'GROUP lobby 3');
	t.is(noticesHere(state).at(-1), 'The server sent a GROUP line nobody asked for.');
	t.deepEqual(state.inFlight[0]!.collected, []);
});

test('BYE says why the server is closing the connection', (t) => {
	const state = receive(online(), 'BYE SHUTDOWN The server is shutting down.');
	t.like(lastEntry(state), {
		kind: 'notice',
		level: 'error',
		text: 'The server closed the connection: The server is shutting down.',
	});
});

test('a SET_NAME refusal that is not about the name is shown as a notice', (t) => {
	let state = apply(initial(undefined), connected);
	state = apply(state, {type: 'name-entered', name: 'alice'});
	state = written(state).state;
	state = receive(state, 'ERR ALREADY_REGISTERED SET_NAME You are already registered as alice.');
	t.is(noticesHere(state).at(-1), 'You are already registered as alice.');
});

test('a server refusal names the client commands, not the protocol ones', (t) => {
	let state = written(type(online(), '/join icu')).state;
	state = receive(state, 'ERR NO_SUCH_GROUP JOIN_GROUP There is no group named "icu"; LIST_GROUP shows every group.');
	t.like(lastEntry(state), {
		kind: 'notice',
		level: 'error',
		text: 'There is no group named "icu"; /groups shows every group.',
	});
	state = written(type(state, '/new ward')).state;
	state = receive(state, 'ERR GROUP_EXISTS NEW_GROUP A group named Ward already exists; JOIN_GROUP Ward to join it.');
	t.like(lastEntry(state), {text: 'A group named Ward already exists; /join Ward to join it.'});
	state = written(type(state, '/dm bob hello')).state;
	state = receive(state, 'ERR DM_SELF DM You cannot send a DM to yourself.');
	t.like(
		lastEntry(state),
		{kind: 'message', error: 'You cannot send a DM to yourself.'},
		'a DM in a sentence is no command',
	);
});
