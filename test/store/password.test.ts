/**
 * Password hashing: scrypt with a random salt, the cost kept in the hash, a constant-time
 * compare, and the same work for a name that is no account.
 */
import test from 'ava';
import {DEFAULT_COST, hashPassword, verifyPassword} from '../../server/accounts/password.js';

// Cheap enough for tests; the default is checked once on its own.
const CHEAP = {log2N: 10, r: 8, p: 1};

test('a hash verifies its password and no other; the format carries the cost and a fresh salt', async (t) => {
	const hash = await hashPassword('correct horse', CHEAP);
	t.regex(hash, /^scrypt\$10\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
	t.true(await verifyPassword('correct horse', hash));
	t.false(await verifyPassword('correct horsE', hash));
	t.false(await verifyPassword('', hash));
	t.not(await hashPassword('correct horse', CHEAP), hash, 'salted: the same password hashes differently');
});

test('the default cost is scrypt N=2^15, r=8, p=1', async (t) => {
	t.deepEqual(DEFAULT_COST, {log2N: 15, r: 8, p: 1});
	const hash = await hashPassword('correct horse');
	t.true(hash.startsWith('scrypt$15$8$1$'));
	t.true(await verifyPassword('correct horse', hash));
});

test('composed and decomposed forms of a password are the same password', async (t) => {
	const hash = await hashPassword('caf\u00e9-latte', CHEAP);
	t.true(await verifyPassword('cafe\u0301-latte', hash));
});

test('no account, or a malformed hash: refused, after the same work as a real check', async (t) => {
	t.false(await verifyPassword('correct horse', undefined));
	for (const stored of ['', 'plain', 'scrypt$99$8$1$c2FsdA==$a2V5', 'scrypt$10$8$1$$', 'bcrypt$10$8$1$c2FsdA==$a2V5']) {
		t.false(await verifyPassword('correct horse', stored), stored);
	}
});
