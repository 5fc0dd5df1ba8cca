/**
 * /register: the name we have becomes an account. The new password is asked twice, at
 * a prompt that shows nothing of it, and sent once both agree.
 */
import test from 'ava';
import {isPasswordInput} from '../../../tui/state/index.js';
import {apply, connected, noticesHere, offline, online, receive, type, written} from './fixtures.js';

test('/register asks for a password twice, then sends SET_PASSWORD; the password logs in after a reconnect', (t) => {
	let state = type(online(), '/register');
	t.deepEqual(state.passwordPrompt, {purpose: 'register', first: undefined});
	t.true(isPasswordInput(state));
	t.regex(noticesHere(state).at(-1)!, /Choose a password for alice/);
	t.deepEqual(state.outgoing, []);

	state = type(state, 'correct horse');
	t.deepEqual(state.passwordPrompt, {purpose: 'register', first: 'correct horse'});
	t.is(noticesHere(state).at(-1), 'Type the same password again, to be sure of it.');
	t.deepEqual(state.outgoing, []);

	state = type(state, 'correct horse');
	t.is(state.passwordPrompt, undefined);
	const sent = written(state);
	t.deepEqual(sent.lines, ['SET_PASSWORD correct horse']);

	state = receive(sent.state, 'OK SET_PASSWORD alice alice is an account now.');
	t.like(state.me, {account: true, password: 'correct horse'});
	t.is(noticesHere(state).at(-1), 'alice is an account now.');
	t.false(
		noticesHere(state).some((text) => text.includes('correct horse')),
		'the password is never shown',
	);

	state = apply(state, offline(), connected);
	t.deepEqual(written(state).lines, ['SET_NAME alice correct horse']);
});

test('two passwords that differ send nothing and ask again from the first', (t) => {
	let state = type(type(type(online(), '/register'), 'correct horse'), 'correct house');
	t.deepEqual(state.passwordPrompt, {purpose: 'register', first: undefined});
	t.regex(noticesHere(state).at(-1)!, /The two passwords differ; nothing was sent/);
	t.deepEqual(state.outgoing, []);
	state = type(type(state, 'battery staple'), 'battery staple');
	t.deepEqual(written(state).lines, ['SET_PASSWORD battery staple']);
});

test('a password the server would refuse is refused at once, and the prompt stays', (t) => {
	const state = type(type(online(), '/register'), 'short');
	t.deepEqual(state.passwordPrompt, {purpose: 'register', first: undefined});
	t.regex(
		noticesHere(state).at(-1)!,
		/A password is 8 to 1024 characters; that one has 5\. Type another one, or \/cancel\./,
	);
});

test('/cancel leaves the prompt; what is typed next is a message again', (t) => {
	let state = type(type(type(online(), '/register'), 'correct horse'), '/cancel');
	t.is(state.passwordPrompt, undefined);
	t.is(noticesHere(state).at(-1), 'Registration cancelled; nothing was sent.');
	state = type(state, 'hello');
	t.deepEqual(written(state).lines, ['@id=k-1 MESSAGE hello']);
});

test('a refusal (registration closed) is said where the user is, and nothing changes', (t) => {
	let state = written(type(type(type(online(), '/register'), 'correct horse'), 'correct horse')).state;
	state = receive(state, 'ERR REGISTRATION_CLOSED SET_PASSWORD Accounts are made by the operator on this server.');
	t.is(noticesHere(state).at(-1), 'Accounts are made by the operator on this server.');
	t.like(state.me, {account: false, password: undefined});
});

test('/register while logged in to an account says so; offline it cannot be done', (t) => {
	let state = receive(
		written(type(type(type(online(), '/register'), 'correct horse'), 'correct horse')).state,
		'OK SET_PASSWORD alice done.',
	);
	state = type(state, '/register');
	t.is(state.passwordPrompt, undefined);
	t.is(noticesHere(state).at(-1), 'alice is an account already: it is yours alone.');

	state = type(apply(online(), offline()), '/register');
	t.is(state.passwordPrompt, undefined);
	t.regex(noticesHere(state).at(-1)!, /Not connected to the server/);
});
