/**
 * `chat user add-key|keys|del-key` as an operator runs them: real keys from ssh-keygen,
 * from a file and from stdin, fingerprints exactly as ssh-keygen prints them, and every
 * refusal one line on stderr and exit 1.
 */
import test, {type ExecutionContext} from 'ava';
import {exported} from '../helpers/audit.js';
import {runChat, type ChatRun} from '../helpers/run-chat.js';
import {makeKey} from '../helpers/ssh.js';
import {tempDir} from '../helpers/store.js';

function user(t: ExecutionContext, dir: string, args: readonly string[], input?: string): Promise<ChatRun> {
	return runChat(t, ['user', ...args, '--data-dir', dir], {input});
}

function refusal(t: ExecutionContext, run: ChatRun, line: string | RegExp): void {
	t.is(run.code, 1);
	t.is(run.stdout, '');
	if (typeof line === 'string') {
		t.is(run.stderr, `chat: ${line}\n`);
	} else {
		t.regex(run.stderr, line);
	}
}

test('add-key from a file and from stdin, keys lists both, del-key removes one', async (t) => {
	const dir = tempDir(t);
	const [first, second] = await Promise.all([makeKey(t, 'laptop'), makeKey(t, 'desktop')]);
	await user(t, dir, ['add', 'bob'], 'bobs password\n');
	t.deepEqual(await user(t, dir, ['keys', 'bob']), {
		code: 0,
		stdout: 'bob has no SSH keys (chat user add-key bob FILE adds one).\n',
		stderr: '',
	});

	t.deepEqual(await user(t, dir, ['add-key', 'BOB', first.publicFile]), {
		code: 0,
		stdout: `The ssh-ed25519 key ${first.fingerprint} now logs in to bob over SSH.\n`,
		stderr: '',
	});
	t.deepEqual(await user(t, dir, ['add-key', 'bob', '-'], second.publicKey), {
		code: 0,
		stdout: `The ssh-ed25519 key ${second.fingerprint} now logs in to bob over SSH.\n`,
		stderr: '',
	});

	const listed = await user(t, dir, ['keys', 'bob']);
	t.is(listed.code, 0);
	const rows = listed.stdout.trimEnd().split('\n');
	t.is(rows.length, 2);
	t.deepEqual(new Set(rows.map((row) => row.split('  ')[0])), new Set([first.fingerprint, second.fingerprint]));
	for (const row of rows) {
		t.regex(row, /^SHA256:[A-Za-z0-9+/]{43} {2}ssh-ed25519 {2}\d{4}-\d\d-\d\dT[\d:.]+Z$/);
	}

	t.deepEqual(await user(t, dir, ['del-key', 'bob', first.fingerprint]), {
		code: 0,
		stdout: `The key ${first.fingerprint} no longer logs in to bob; SSH sessions it opened go on until they end.\n`,
		stderr: '',
	});
	t.is((await user(t, dir, ['keys', 'bob'])).stdout.split('  ')[0], second.fingerprint);

	// Each change of the account's keys is in the audit trail, as the operator's.
	t.deepEqual(
		exported(dir)
			.filter((entry) => String(entry['kind']).startsWith('key_'))
			.map(({kind, user, key, by}) => ({kind, user, key, by})),
		[
			{kind: 'key_added', user: 'bob', key: first.fingerprint, by: 'operator'},
			{kind: 'key_added', user: 'bob', key: second.fingerprint, by: 'operator'},
			{kind: 'key_deleted', user: 'bob', key: first.fingerprint, by: 'operator'},
		],
	);
});

test('refusals: no such account, a key held already, a private key, not a key, an unknown fingerprint', async (t) => {
	const dir = tempDir(t);
	const key = await makeKey(t);
	await user(t, dir, ['add', 'bob'], 'bobs password\n');
	await user(t, dir, ['add', 'carol'], 'carols password\n');

	refusal(t, await user(t, dir, ['add-key', 'dave', key.publicFile]), 'there is no account named dave.');
	refusal(t, await user(t, dir, ['keys', 'dave']), 'there is no account named dave.');
	refusal(
		t,
		await user(t, dir, ['add-key', 'bob', key.file]),
		`${key.file}: that is a private key: give the public one (the .pub file).`,
	);
	refusal(
		t,
		await user(t, dir, ['add-key', 'bob', '-'], 'not a key at all\n'),
		/^chat: -: not an OpenSSH public key \(.+\): give the \.pub file\.\n$/,
	);
	refusal(
		t,
		await user(t, dir, ['add-key', 'bob', '-'], '\n# only a comment\n'),
		'-: no public key there: give an OpenSSH public key (a .pub file).',
	);
	refusal(t, await user(t, dir, ['add-key', 'bob', `${key.file}.missing`]), /^chat: cannot read .+\.missing: ENOENT/);

	t.is((await user(t, dir, ['add-key', 'bob', key.publicFile])).code, 0);
	refusal(
		t,
		await user(t, dir, ['add-key', 'bob', key.publicFile]),
		`the key ${key.fingerprint} already logs in to bob.`,
	);
	refusal(
		t,
		await user(t, dir, ['add-key', 'carol', key.publicFile]),
		`the key ${key.fingerprint} already logs in to bob (chat user del-key bob ${key.fingerprint} frees it).`,
	);
	refusal(
		t,
		await user(t, dir, ['del-key', 'carol', key.fingerprint]),
		`carol has no key ${key.fingerprint} (chat user keys carol lists them).`,
	);
	// Deleting the account frees its keys.
	t.is((await user(t, dir, ['del', 'bob'])).code, 0);
	t.is((await user(t, dir, ['add-key', 'carol', key.publicFile])).code, 0);
});
