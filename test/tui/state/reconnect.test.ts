import test from 'ava';
import {groupConversation, type ChatState} from '../../../tui/state/index.js';
import {apply, connected, noticesHere, offline, online, ownMessages, receive, type, written} from './fixtures.js';

const NIGHT = groupConversation('night');
const WELCOME = 'OK SET_NAME alice lobby Welcome, alice. You are in group lobby.';

function inNight(): ChatState {
	const state = written(type(online(), '/join night')).state;
	return receive(state, 'OK JOIN_GROUP night You left lobby and joined night.');
}

test('going offline says so once, with the reason, and keeps the retry time', (t) => {
	let state = apply(online(), offline('The connection was cut off.'));
	t.like(state.connection, {status: 'offline', nextRetryAt: 1_000_500, lastError: 'The connection was cut off.'});
	t.false(state.me.registered);
	t.is(state.me.name, 'alice', 'the name is kept to register again');
	t.regex(noticesHere(state).at(-1)!, /^Disconnected: The connection was cut off\. Reconnecting/);
	const count = noticesHere(state).length;
	state = apply(
		state,
		{type: 'connection', event: {status: 'connecting', attempt: 2}},
		offline('The connection was cut off.'),
	);
	t.is(noticesHere(state).length, count, 'a failed retry for the same reason adds nothing');
	t.is(state.connection.attempt, 1);
	state = apply(
		state,
		{type: 'connection', event: {status: 'connecting', attempt: 3}},
		offline('TLS: the certificate is not trusted.'),
	);
	t.is(
		noticesHere(state).at(-1),
		'Cannot connect: TLS: the certificate is not trusted. Retrying.',
		'a new reason is said once',
	);
	t.is(noticesHere(state).length, count + 1);
	state = apply(
		state,
		{type: 'connection', event: {status: 'connecting', attempt: 4}},
		offline('TLS: the certificate is not trusted.'),
	);
	t.is(noticesHere(state).length, count + 1, 'and not again while it stays the same');
});

test('messages typed while offline are pending in the outbox, not written', (t) => {
	let state = apply(online(), offline());
	state = type(state, 'one');
	state = type(state, 'two');
	t.deepEqual(state.outgoing, []);
	t.deepEqual(
		state.outbox.map((item) => item.command),
		[
			{name: 'MESSAGE', text: 'one'},
			{name: 'MESSAGE', text: 'two'},
		],
	);
	t.deepEqual(
		ownMessages(state).map((entry) => entry.delivery),
		['pending', 'pending'],
	);
});

test('after reconnecting in the lobby the outbox goes out after registering and listing', (t) => {
	let state = type(apply(online(), offline()), 'one');
	state = type(state, 'two');
	state = apply(state, connected);
	const registering = written(state);
	t.deepEqual(registering.lines, ['SET_NAME alice']);
	t.is(registering.state.connection.status, 'registering');

	state = receive(registering.state, WELCOME);
	const flushed = written(state);
	t.deepEqual(flushed.lines, ['LIST', 'LIST_GROUP', '@id=k-1 MESSAGE one', '@id=k-2 MESSAGE two', 'HISTORY 0']);
	t.is(flushed.state.connection.status, 'online');
	t.deepEqual(flushed.state.outbox, []);

	state = receive(
		flushed.state,
		'USER alice lobby',
		'OK LIST 1 1 1 user in lobby, 1 online.',
		'GROUP lobby 1',
		'OK LIST_GROUP 1 1 group.',
		'OK MESSAGE 20 2026-11-24T05:20:00.000Z lobby 1 Sent to 1 user in lobby.',
		'OK MESSAGE 21 2026-11-24T05:20:01.000Z lobby 1 Sent to 1 user in lobby.',
	);
	t.deepEqual(
		ownMessages(state).map((entry) => [entry.text, entry.delivery, entry.id]),
		[
			['one', 'sent', '20'],
			['two', 'sent', '21'],
		],
	);
});

test('after reconnecting the group is rejoined before the outbox is sent', (t) => {
	let state = type(apply(inNight(), offline()), 'back soon');
	state = written(apply(state, connected)).state;
	state = receive(state, WELCOME);
	const rejoining = written(state);
	t.deepEqual(rejoining.lines, ['LIST', 'LIST_GROUP', 'JOIN_GROUP night']);
	t.is(rejoining.state.connection.status, 'registering');
	t.is(rejoining.state.current, NIGHT, 'the view stays in the group being restored');

	state = receive(
		rejoining.state,
		'OK LIST 0 0 none.',
		'OK LIST_GROUP 0 none.',
		'OK JOIN_GROUP night You left lobby and joined night.',
	);
	const flushed = written(state);
	t.deepEqual(flushed.lines, ['@id=k-1 MESSAGE back soon', 'HISTORY 0']);
	t.is(flushed.state.connection.status, 'online');
	t.is(flushed.state.me.group, 'night');
	t.is(noticesHere(flushed.state).at(-1), 'Reconnected and back in group night.');
});

test('a group the restarted server no longer has is created again', (t) => {
	let state = written(apply(apply(inNight(), offline()), connected)).state;
	state = written(receive(state, WELCOME)).state;
	state = receive(
		state,
		'OK LIST 0 0 none.',
		'OK LIST_GROUP 0 none.',
		'ERR NO_SUCH_GROUP JOIN_GROUP There is no group named "night".',
	);
	const recreating = written(state);
	t.deepEqual(recreating.lines, ['NEW_GROUP night']);
	state = receive(recreating.state, 'OK NEW_GROUP night Created group night; you are now in it.');
	t.is(state.connection.status, 'online');
	t.is(state.me.group, 'night');
	t.is(state.directory.groups.get('night')?.members, 1);
	t.regex(noticesHere(state).at(-1)!, /no longer had group night, so it was created again/);
});

test('if someone else recreates the group first, it is joined', (t) => {
	let state = written(apply(apply(inNight(), offline()), connected)).state;
	state = written(receive(state, WELCOME)).state;
	state = written(
		receive(state, 'OK LIST 0 0 none.', 'OK LIST_GROUP 0 none.', 'ERR NO_SUCH_GROUP JOIN_GROUP gone'),
	).state;
	const joining = written(receive(state, 'ERR GROUP_EXISTS NEW_GROUP A group named "night" already exists.'));
	t.deepEqual(joining.lines, ['JOIN_GROUP night']);
	state = receive(joining.state, 'OK JOIN_GROUP night You left lobby and joined night.');
	t.is(state.connection.status, 'online');
	t.is(state.me.group, 'night');
});

test('when the group cannot be restored, the user is told and group messages typed for it fail', (t) => {
	let state = type(apply(inNight(), offline()), 'for night only');
	state = written(apply(state, connected)).state;
	state = written(receive(state, WELCOME)).state;
	state = written(
		receive(state, 'OK LIST 0 0 none.', 'OK LIST_GROUP 0 none.', 'ERR NO_SUCH_GROUP JOIN_GROUP gone'),
	).state;
	state = written(receive(state, 'ERR GROUP_EXISTS NEW_GROUP exists')).state;
	const gaveUp = written(receive(state, 'ERR NO_SUCH_GROUP JOIN_GROUP There is no group named "night".'));
	t.deepEqual(gaveUp.lines, ['HISTORY 0'], 'three tries, then nothing sent to the wrong group; only the catch-up');
	t.is(gaveUp.state.connection.status, 'online');
	t.is(gaveUp.state.restoring, undefined);
	t.regex(
		noticesHere(gaveUp.state).at(-1)!,
		/^Could not get back into group night: There is no group named "night"\. You are in lobby\.$/,
	);
	t.like(ownMessages(gaveUp.state, NIGHT)[0], {delivery: 'failed'});
	t.regex(ownMessages(gaveUp.state, NIGHT)[0]!.error!, /you are in lobby now/);
});

test('a connection lost while restoring restores the same group next time', (t) => {
	let state = written(apply(apply(inNight(), offline()), connected)).state;
	state = written(receive(state, WELCOME)).state;
	t.is(state.me.group, 'lobby');
	state = written(apply(apply(state, offline()), connected)).state;
	const again = written(receive(state, WELCOME));
	t.deepEqual(again.lines, ['LIST', 'LIST_GROUP', 'JOIN_GROUP night']);
});

test('DMs typed while offline are sent after reconnecting', (t) => {
	let state = type(apply(online(), offline()), '/dm bob call me');
	state = written(apply(state, connected)).state;
	t.deepEqual(written(receive(state, WELCOME)).lines, [
		'LIST',
		'LIST_GROUP',
		'@id=k-1;receipts DM bob call me',
		'HISTORY 0',
	]);
});

test('commands other than messages need a connection and say so', (t) => {
	const state = type(apply(online(), offline()), '/groups');
	t.deepEqual(state.outgoing, []);
	t.regex(noticesHere(state).at(-1)!, /^Not connected to the server/);
});

test('commands typed while still signing in say so', (t) => {
	const state = type(apply(apply(online(), offline()), connected), '/list');
	t.deepEqual(written(state).lines, ['SET_NAME alice'], 'only the registration goes out');
	t.is(noticesHere(state).at(-1), 'Still signing in to the server, so that cannot be done yet; try again in a moment.');
});

test('stopping fails what is in flight and stays stopped', (t) => {
	let state = written(type(online(), 'last words')).state;
	state = apply(state, {type: 'connection', event: {status: 'stopped'}});
	t.is(state.connection.status, 'stopped');
	t.like(ownMessages(state)[0], {delivery: 'failed'});
});
