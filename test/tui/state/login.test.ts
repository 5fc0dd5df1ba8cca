/**
 * Logging in to an account: the sign-in screen asks for the password when the name is
 * one, says why a password was refused, and the password logs in again by itself after
 * a reconnect. Passwords go to the server and nowhere else.
 */
import test from 'ava';
import {createInitialState, groupConversation, isPasswordInput, isSigningIn} from '../../../tui/state/index.js';
import {parseInput} from '../../../tui/input/index.js';
import {apply, CLIENT_ID_PREFIX, connected, initial, offline, receive, type, written} from './fixtures.js';

const PROTECTED = 'ERR ACCOUNT_PROTECTED SET_NAME "alice" is an account: log in with SET_NAME alice <password>.';
const FAILED = 'ERR LOGIN_FAILED SET_NAME That name and password do not match an account.';
const WELCOME = 'OK SET_NAME alice lobby Welcome back, alice. You are in group lobby.';

/** --name alice, the server's answer that it is an account: the password prompt. */
function askedForPassword() {
	return receive(written(apply(initial('alice'), connected)).state, PROTECTED);
}

test('ERR ACCOUNT_PROTECTED asks for the password on the sign-in screen; what is typed logs in', (t) => {
	let state = askedForPassword();
	t.true(isSigningIn(state));
	t.true(isPasswordInput(state));
	t.false(state.me.askingName);
	t.deepEqual(state.passwordPrompt, {purpose: 'login', problem: undefined, checking: false});
	t.deepEqual(state.inFlight, []);
	// Typed at the prompt: a password, whatever it looks like, never a message or a command.
	t.deepEqual(parseInput('hello there', state), {kind: 'password', password: 'hello there'});

	state = type(state, 'correct horse');
	t.like(state.passwordPrompt, {purpose: 'login', checking: true});
	const sent = written(state);
	t.deepEqual(sent.lines, ['SET_NAME alice correct horse']);

	state = receive(sent.state, WELCOME);
	t.is(state.passwordPrompt, undefined);
	t.false(isSigningIn(state));
	t.like(state.me, {name: 'alice', registered: true, account: true, password: 'correct horse'});
	t.is(state.connection.status, 'online');
});

for (const [line, problem] of [
	[FAILED, 'That name and password do not match an account.'],
	[
		'ERR LOGIN_THROTTLED SET_NAME Too many failed logins; try again in 30 s.',
		'Too many failed logins; try again in 30 s.',
	],
	[
		'ERR NEEDS_TLS SET_NAME Passwords are accepted over TLS only.',
		'Passwords are accepted over TLS only. Start chat tui with --tls (and --ca) to log in.',
	],
] as const) {
	test(`${line.split(' ')[1]} asks again, saying why, and forgets the refused password`, (t) => {
		let state = written(type(askedForPassword(), 'wrong password')).state;
		state = receive(state, line);
		t.deepEqual(state.passwordPrompt, {purpose: 'login', problem, checking: false});
		t.is(state.me.password, undefined);
		t.false(state.me.registered);
		t.deepEqual(written(type(state, 'second try')).lines, ['SET_NAME alice second try']);
	});
}

test('a password that cannot be anyone’s is refused at the prompt, without a try counted against the name', (t) => {
	const state = type(askedForPassword(), 'short');
	t.deepEqual(state.outgoing, []);
	t.regex(state.passwordPrompt?.purpose === 'login' ? (state.passwordPrompt.problem ?? '') : '', /8 to 1024/);
});

test('/name leaves the sign-in screen for the name prompt; /quit quits', (t) => {
	let state = type(askedForPassword(), '/name');
	t.is(state.passwordPrompt, undefined);
	t.true(state.me.askingName);
	t.deepEqual(written(type(state, 'alice2')).lines, ['SET_NAME alice2']);

	state = type(askedForPassword(), '/quit');
	t.is(state.quit, 'requested');
	t.deepEqual(written(state).lines, ['CLOSE']);
});

test('a name typed at the prompt that is an account leads into the password prompt', (t) => {
	let state = type(apply(initial(undefined), connected), 'alice');
	state = receive(written(state).state, PROTECTED);
	t.false(state.me.askingName);
	t.like(state.passwordPrompt, {purpose: 'login'});
	t.is(state.me.wantedName, 'alice');
	t.deepEqual(written(type(state, 'correct horse')).lines, ['SET_NAME alice correct horse']);
});

test('a password given for scripts logs in with the first SET_NAME, with no prompt', (t) => {
	const state = apply(
		createInitialState({
			host: '127.0.0.1',
			port: 8090,
			name: 'alice',
			password: 'correct horse',
			clientIdPrefix: CLIENT_ID_PREFIX,
		}),
		connected,
	);
	t.deepEqual(written(state).lines, ['SET_NAME alice correct horse']);
	t.false(isSigningIn(state));
});

test('a script’s password that is refused asks on the sign-in screen instead', (t) => {
	const state = receive(
		apply(
			createInitialState({host: 'h', port: 1, name: 'alice', password: 'stale password', clientIdPrefix: 'k'}),
			connected,
		),
		FAILED,
	);
	t.like(state.passwordPrompt, {purpose: 'login', problem: 'That name and password do not match an account.'});
	t.is(state.me.password, undefined);
});

test('after a reconnect the client logs in again by itself, with the password it kept', (t) => {
	let state = receive(written(type(askedForPassword(), 'correct horse')).state, WELCOME);
	state = written(state).state;
	state = apply(state, offline(), connected);
	t.deepEqual(written(state).lines, ['SET_NAME alice correct horse']);
	t.false(isSigningIn(state));
});

test('a password being checked when the connection drops is sent again once it is back', (t) => {
	let state = written(type(askedForPassword(), 'correct horse')).state;
	state = apply(state, offline(), connected);
	t.deepEqual(written(state).lines, ['SET_NAME alice correct horse']);
});

test('a guest whose name became an account is asked for its password on the reconnect, and told why', (t) => {
	let state = receive(written(apply(initial('alice'), connected)).state, 'OK SET_NAME alice lobby Welcome, alice.');
	state = apply(written(state).state, offline(), connected);
	state = receive(written(state).state, PROTECTED);
	t.like(state.passwordPrompt, {purpose: 'login'});
	t.regex(
		state.passwordPrompt?.purpose === 'login' ? (state.passwordPrompt.problem ?? '') : '',
		/alice is an account now: log in with its password, or type \/name/,
	);
});

test('an account starts where it was last time: the conversation of its remembered group', (t) => {
	let state = written(type(askedForPassword(), 'correct horse')).state;
	state = receive(state, 'OK SET_NAME alice ward Welcome back, alice. You are in group ward.');
	t.is(state.current, groupConversation('ward'));
	t.is(state.me.group, 'ward');
});

test('a guest is no account: SET_NAME without a password, and nothing about accounts changes', (t) => {
	const state = receive(written(apply(initial('bob'), connected)).state, 'OK SET_NAME bob lobby Welcome, bob.');
	t.like(state.me, {account: false, password: undefined});
});
