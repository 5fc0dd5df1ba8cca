import test from 'ava';
import {MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem} from '../../protocol/index.js';

test('a password is 8 to 1024 characters, counted as code points, without control characters', (t) => {
	t.is(passwordProblem('x'.repeat(MIN_PASSWORD_LENGTH)), undefined);
	t.is(passwordProblem('x'.repeat(MAX_PASSWORD_LENGTH)), undefined);
	t.is(passwordProblem('🔑'.repeat(MIN_PASSWORD_LENGTH)), undefined, 'eight emoji are eight characters');
	t.is(passwordProblem('with spaces inside '), undefined);
	t.regex(passwordProblem('x'.repeat(MIN_PASSWORD_LENGTH - 1)) ?? '', /has 7\.$/);
	t.regex(passwordProblem('x'.repeat(MAX_PASSWORD_LENGTH + 1)) ?? '', /has 1025\.$/);
	t.regex(passwordProblem('tab\there-long') ?? '', /control characters/);
	t.is(passwordProblem('é'.repeat(MAX_PASSWORD_LENGTH)), undefined, 'two bytes each, one character each');
	t.is(passwordProblem('escape\u001b[2J'), 'A password cannot contain control characters (tabs, escapes).');
});

test('a refusal never repeats the password', (t) => {
	for (const password of ['short', 'secret\u0007secret']) {
		t.false(passwordProblem(password)?.includes(password) ?? true);
	}
});
