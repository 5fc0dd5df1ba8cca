/**
 * The store's SSH keys of accounts: several per account, one account per key, gone with
 * the account and never inherited by an account made later under the same name.
 */
import test from 'ava';
import {memoryStore} from '../helpers/store.js';

const KEY_A = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA';
const KEY_B = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB';

test('an account has several keys; a key belongs to one account; deleting one leaves the rest', (t) => {
	const store = memoryStore(t);
	store.createAccount({name: 'Bob', passwordHash: 'h', group: 'lobby'});
	store.createAccount({name: 'carol', passwordHash: 'h', group: 'lobby'});
	t.true(store.addAccountKey('bob', 'SHA256:a', KEY_A));
	t.true(store.addAccountKey('BOB', 'SHA256:b', KEY_B));
	// The same key again, for the same account or another: refused, nothing changed.
	t.false(store.addAccountKey('bob', 'SHA256:a', KEY_A));
	t.false(store.addAccountKey('carol', 'SHA256:a', KEY_A));
	// No such account.
	t.false(store.addAccountKey('dave', 'SHA256:c', KEY_A));
	store.flush();

	t.like(store.accountKey('SHA256:a'), {account: 'Bob', fingerprint: 'SHA256:a', publicKey: KEY_A});
	t.is(store.accountKey('SHA256:c'), undefined);
	t.deepEqual(
		store.accountKeys('bob').map((key) => key.fingerprint),
		['SHA256:a', 'SHA256:b'],
	);
	t.deepEqual(store.accountKeys('carol'), []);
	t.regex(store.accountKeys('bob')[0]!.added, /^\d{4}-\d\d-\d\dT/);

	t.false(store.deleteAccountKey('carol', 'SHA256:a'));
	t.true(store.deleteAccountKey('bob', 'SHA256:a'));
	t.false(store.deleteAccountKey('bob', 'SHA256:a'));
	t.deepEqual(
		store.accountKeys('bob').map((key) => key.fingerprint),
		['SHA256:b'],
	);
});

test("an account's keys go with it; a new account of the same name starts with none", (t) => {
	const store = memoryStore(t);
	store.createAccount({name: 'bob', passwordHash: 'h', group: 'lobby'});
	store.addAccountKey('bob', 'SHA256:a', KEY_A);
	store.flush();
	t.true(store.deleteAccount('bob'));
	store.createAccount({name: 'bob', passwordHash: 'h', group: 'lobby'});
	store.flush();
	t.is(store.accountKey('SHA256:a'), undefined);
	t.deepEqual(store.accountKeys('bob'), []);
	// Free again: the key can be bound anew.
	t.true(store.addAccountKey('bob', 'SHA256:a', KEY_A));
});
