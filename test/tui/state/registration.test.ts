import test from 'ava';
import {NAME_TAKEN_HINT} from '../../../tui/state/err-reducer.js';
import {apply, connected, initial, noticesHere, online, receive, type, written} from './fixtures.js';

test('a --name is registered as soon as the socket opens', (t) => {
	const state = apply(initial('alice'), connected);
	t.is(state.connection.status, 'registering');
	t.false(state.me.askingName);
	t.deepEqual(written(state).lines, ['SET_NAME alice']);
});

test('without a name nothing is sent and the view asks for one', (t) => {
	const state = apply(initial(undefined), connected);
	t.true(state.me.askingName);
	t.deepEqual(state.outgoing, []);
});

test('a --name the server would refuse is refused locally with its sentence', (t) => {
	const state = initial('not valid');
	t.true(state.me.askingName);
	t.is(state.me.nameProblem, 'Names cannot contain spaces: "not valid".');
	t.deepEqual(apply(state, connected).outgoing, []);
});

test('a name typed at the prompt is registered when connected; the prompt stays until the server accepts it', (t) => {
	let state = apply(initial(undefined), connected);
	state = type(state, '  bob ');
	t.like(state.me, {askingName: true, checkingName: true, wantedName: 'bob', nameProblem: undefined});
	const sent = written(state);
	t.deepEqual(sent.lines, ['SET_NAME bob']);
	state = receive(sent.state, 'OK SET_NAME bob lobby Welcome, bob. You are in group lobby.');
	t.like(state.me, {askingName: false, checkingName: false, name: 'bob', registered: true});
});

test('a name typed before the connection opens is registered once it does', (t) => {
	let state = apply(initial(undefined), {type: 'name-entered', name: 'bob'});
	t.deepEqual(state.outgoing, []);
	state = apply(state, connected);
	t.deepEqual(written(state).lines, ['SET_NAME bob']);
});

test('an invalid typed name keeps the prompt with the reason and sends nothing', (t) => {
	let state = apply(initial(undefined), connected);
	state = apply(state, {type: 'name-entered', name: 'b@d'});
	t.true(state.me.askingName);
	t.is(state.me.nameProblem, "Names may contain only letters, digits, '-', '_' and '.': \"b@d\".");
	t.deepEqual(state.outgoing, []);
});

test('OK SET_NAME registers, says welcome, fills the sidebar and goes online', (t) => {
	let state = written(apply(initial('alice'), connected)).state;
	state = receive(state, 'OK SET_NAME Alice lobby Welcome, Alice. You are in group lobby.');
	t.is(state.me.name, 'Alice');
	t.true(state.me.registered);
	t.is(state.me.group, 'lobby');
	t.is(state.connection.status, 'online');
	t.deepEqual(noticesHere(state), ['Welcome, Alice. You are in group lobby.']);
	// Then the conversation so far, from the server's store.
	t.deepEqual(written(state).lines, ['LIST', 'LIST_GROUP', 'HISTORY_BEFORE 0 100']);
	t.deepEqual([...state.directory.users.values()], [{name: 'Alice', group: 'lobby'}]);
});

for (const code of ['NAME_TAKEN', 'NAME_INVALID', 'NAME_TOO_LONG']) {
	test(`ERR ${code} asks for another name, showing the server's sentence`, (t) => {
		let state = written(apply(initial('alice'), connected)).state;
		state = receive(state, `ERR ${code} SET_NAME The name "alice" is refused.`);
		t.true(state.me.askingName);
		// NAME_TAKEN adds what to do when the holder may be the user's own lost session.
		t.is(state.me.nameProblem, `The name "alice" is refused.${code === 'NAME_TAKEN' ? ` ${NAME_TAKEN_HINT}` : ''}`);
		t.is(state.connection.status, 'registering');
		t.deepEqual(state.inFlight, []);

		state = type(state, 'alice2');
		t.deepEqual(written(state).lines, ['SET_NAME alice2']);
		t.is(state.me.nameProblem, undefined);
	});
}

test('at the name prompt /quit quits instead of becoming the name', (t) => {
	const state = type(apply(initial(undefined), connected), '/quit');
	t.is(state.quit, 'requested');
	t.deepEqual(written(state).lines, ['CLOSE']);
});

test('a name entered when not asked for is ignored: there is no renaming', (t) => {
	const state = online();
	t.is(apply(state, {type: 'name-entered', name: 'mallory'}), state);
});

test('HELLO of our version changes nothing; another version is pointed out', (t) => {
	const state = online();
	t.is(receive(state, 'HELLO 1 Welcome to chat.'), state);
	t.regex(noticesHere(receive(state, 'HELLO 2 Welcome to chat.')).at(-1)!, /protocol version 2; this client speaks 1/);
});
