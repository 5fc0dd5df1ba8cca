/**
 * The name prompt stays up until the server accepts the name (MeState.checkingName):
 * SET_NAME goes out once, and what is typed meanwhile is still a name.
 */
import test from 'ava';
import {NAME_TAKEN_HINT} from '../../../tui/state/err-reducer.js';
import {apply, connected, initial, offline, receive, type, written} from './fixtures.js';

test("a name taken at the prompt says it may be the user's own lost session, and what to do", (t) => {
	const state = receive(
		written(type(apply(initial(undefined), connected), 'alice')).state,
		'ERR NAME_TAKEN SET_NAME The name "alice" is taken (names ignore case); choose another.',
	);
	t.regex(
		state.me.nameProblem!,
		/is taken .* If it is yours from a connection that was lost, .* try it again then\. An account \(\/register\) can always log in again\.$/,
	);
});

test('Enter again while the name is being checked sends nothing more, and says why', (t) => {
	let state = written(type(apply(initial(undefined), connected), 'bob')).state;
	state = type(state, 'carol');
	t.deepEqual(state.outgoing, [], 'one SET_NAME at a time');
	t.like(state.me, {askingName: true, checkingName: true, wantedName: 'bob'});
	t.is(state.me.nameProblem, 'Still checking “bob” with the server; press Enter again once it answers.');

	state = receive(state, 'ERR NAME_TAKEN SET_NAME The name "bob" is taken (names ignore case); choose another.');
	t.like(state.me, {
		askingName: true,
		checkingName: false,
		nameProblem: `The name "bob" is taken (names ignore case); choose another. ${NAME_TAKEN_HINT}`,
	});
	t.deepEqual(written(type(state, 'carol')).lines, ['SET_NAME carol']);
});

test('a name typed before the connection opens waits at the prompt; another typed meanwhile replaces it', (t) => {
	let state = apply(initial(undefined), {type: 'name-entered', name: 'bob'});
	t.like(state.me, {askingName: true, checkingName: true, wantedName: 'bob'});
	state = apply(state, {type: 'name-entered', name: 'carol'});
	t.like(state.me, {checkingName: true, wantedName: 'carol', nameProblem: undefined});
	t.deepEqual(written(apply(state, connected)).lines, ['SET_NAME carol']);
});

test('an invalid name typed while one waits for the connection stops that one: the prompt shows what to correct', (t) => {
	let state = apply(initial(undefined), {type: 'name-entered', name: 'bob'});
	state = apply(state, {type: 'name-entered', name: 'b@d'});
	t.like(state.me, {askingName: true, checkingName: false});
	t.deepEqual(apply(state, connected).outgoing, []);
});

test('a connection lost while checking checks again on the next, still at the prompt', (t) => {
	let state = written(type(apply(initial(undefined), connected), 'bob')).state;
	state = apply(state, offline());
	t.like(state.me, {askingName: true, checkingName: true});
	t.deepEqual(written(apply(state, connected)).lines, ['SET_NAME bob']);
});

test('with --name there is no prompt to keep: the main layout signs in', (t) => {
	const state = apply(initial('alice'), connected);
	t.like(state.me, {askingName: false, checkingName: false});
});
