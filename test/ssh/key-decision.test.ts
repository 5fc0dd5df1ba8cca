/**
 * What a proven SSH key gets, every case: its account whatever the user name, a new
 * account on first use, or a refusal that says why and what to do.
 */
import test from 'ava';
import {decideKey, type KeyFacts} from '../../server/ssh/key-decision.js';

const FACTS: KeyFacts = {
	fingerprint: 'SHA256:abc',
	boundTo: undefined,
	username: 'bob',
	registration: 'open',
	isAccount: false,
	guestOnline: false,
};

test('a bound key logs in to its account whatever user name was sent, even with admin registration', (t) => {
	t.deepEqual(decideKey({...FACTS, boundTo: 'Carol', username: 'root', isAccount: false}), {
		kind: 'account',
		account: 'Carol',
	});
	t.deepEqual(decideKey({...FACTS, boundTo: 'Carol', registration: 'admin'}), {kind: 'account', account: 'Carol'});
});

test('an unknown key for a free, valid name with open registration makes the account (trust on first use)', (t) => {
	t.deepEqual(decideKey(FACTS), {kind: 'register', name: 'bob'});
});

test('an unknown key for an existing account is refused, saying how the key gets added', (t) => {
	t.deepEqual(decideKey({...FACTS, isAccount: true}), {
		kind: 'refuse',
		reason:
			'bob is an account, and your key SHA256:abc is not one of its keys. The operator can add it: chat user add-key bob <file>.',
	});
});

test('with admin registration every unknown key is refused', (t) => {
	const decision = decideKey({...FACTS, registration: 'admin'});
	t.is(decision.kind, 'refuse');
	t.regex((decision as {reason: string}).reason, /SHA256:abc belongs to no account.+the operator makes accounts/);
});

test('a user name that cannot be a chat name, or one a guest holds online, is refused', (t) => {
	const invalid = decideKey({...FACTS, username: 'bad\u0007name'});
	t.is(invalid.kind, 'refuse');
	t.regex(
		(invalid as {reason: string}).reason,
		/^Your SSH user name cannot be a chat name: .+ Connect as ssh <name>@host\.$/,
	);
	t.deepEqual(decideKey({...FACTS, guestOnline: true}), {
		kind: 'refuse',
		reason:
			'Your key SHA256:abc belongs to no account, and a guest is using the name bob right now: connect as another name, or later.',
	});
});
