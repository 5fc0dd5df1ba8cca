/**
 * `chat user add|passwd|del|list` as an operator runs them: the real command on a real
 * data directory, the password from stdin, with the server's lock held or not; every
 * refusal one line on stderr and exit 1. Permission refusals run as `nobody` when the
 * tests run as root (root may read anything).
 */
import {spawn} from 'node:child_process';
import {chmodSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import test, {type ExecutionContext} from 'ava';
import {verifyPassword} from '../../server/accounts/password.js';
import {DATABASE_FILE, openStore} from '../../server/store/open-store.js';
import {NOBODY, runChat, type ChatRun} from '../helpers/run-chat.js';
import {tempDir} from '../helpers/store.js';

const HOLD_STORE = fileURLToPath(new URL('../helpers/fixtures/hold-store.ts', import.meta.url));
const ROOT = process.getuid?.() === 0;

function user(t: ExecutionContext, dir: string, args: readonly string[], input?: string): Promise<ChatRun> {
	return runChat(t, ['user', ...args, '--data-dir', dir], {input});
}

function passwordHashOf(dir: string, name: string): string | undefined {
	const store = openStore(dir, 'operator');
	try {
		return store.account(name)?.passwordHash;
	} finally {
		store.close();
	}
}

/** Refused: exit 1, nothing on stdout, exactly one line on stderr. */
function refusal(t: ExecutionContext, run: ChatRun, line: string): void {
	t.deepEqual(run, {code: 1, stdout: '', stderr: `chat: ${line}\n`});
}

test('add, list, passwd and del an account, the password read from stdin', async (t) => {
	const dir = tempDir(t);
	t.deepEqual(await user(t, dir, ['list']), {code: 0, stdout: 'No accounts.\n', stderr: ''});
	t.deepEqual(await user(t, dir, ['add', 'Alice'], 'first password\n'), {
		code: 0,
		stdout: 'Alice is an account now: log in with SET_NAME Alice <password>.\n',
		stderr: '',
	});
	await user(t, dir, ['add', 'bob'], 'bobs password');
	const first = passwordHashOf(dir, 'alice');
	t.true(await verifyPassword('first password', first));

	const list = await user(t, dir, ['list']);
	t.is(list.code, 0);
	t.regex(
		list.stdout,
		/^NAME {3}GROUP {2}CREATED\nAlice {2}lobby {2}\d{4}-\d\d-\d\dT[\d:.]+Z\nbob {4}lobby {2}\d{4}-.+Z\n$/,
	);

	t.deepEqual(await user(t, dir, ['passwd', 'ALICE'], 'second password\r\n'), {
		code: 0,
		stdout: 'The password of Alice is changed; it counts from the next login.\n',
		stderr: '',
	});
	const second = passwordHashOf(dir, 'alice');
	t.false(await verifyPassword('first password', second));
	t.true(await verifyPassword('second password', second));

	t.deepEqual(await user(t, dir, ['del', 'alice']), {
		code: 0,
		stdout: "Alice is no longer an account; its messages stay in the others' history.\n",
		stderr: '',
	});
	t.regex((await user(t, dir, ['list'])).stdout, /^NAME {2}GROUP {2}CREATED\nbob {3}lobby/);
});

test('refusals: one line, exit 1, nothing changed', async (t) => {
	const dir = tempDir(t);
	await user(t, dir, ['add', 'alice'], 'a good password\n');
	const before = readFileSync(join(dir, DATABASE_FILE));
	refusal(
		t,
		await user(t, dir, ['add', 'ALICE'], 'another password\n'),
		'ALICE is an account already (chat user passwd ALICE changes its password).',
	);
	refusal(t, await user(t, dir, ['passwd', 'bob'], 'a good password\n'), 'there is no account named bob.');
	refusal(t, await user(t, dir, ['del', 'bob']), 'there is no account named bob.');
	refusal(t, await user(t, dir, ['add', 'bob'], 'short\n'), 'A password is 8 to 1024 characters; that one has 5.');
	refusal(
		t,
		await user(t, dir, ['add', 'bob'], 'tab\tinside it\n'),
		'A password cannot contain control characters (tabs, escapes).',
	);
	refusal(t, await user(t, dir, ['add', 'bob']), 'the input ended before the password; nothing was changed.');
	refusal(
		t,
		await user(t, dir, ['add', 'bob!'], 'a good password\n'),
		`Names may contain only letters, digits, '-', '_' and '.': "bob!".`,
	);
	refusal(t, await user(t, ':memory:', ['list']), 'chat user needs a data directory: :memory: keeps nothing.');
	t.deepEqual(readFileSync(join(dir, DATABASE_FILE)), before);
	t.is((await runChat(t, ['user'])).code, 1, 'a user command must be named');
});

test('works while a chat serve holds the data directory', async (t) => {
	const dir = tempDir(t);
	const holder = spawn(process.execPath, ['--import=tsx', HOLD_STORE, dir], {stdio: ['pipe', 'pipe', 'inherit']});
	const exited = new Promise((resolve) => holder.once('exit', resolve));
	t.teardown(() => {
		if (holder.exitCode === null && holder.signalCode === null) {
			holder.kill('SIGKILL');
		}
	});
	await new Promise<void>((resolve) => {
		holder.stdout.setEncoding('utf8').on('data', (text: string) => {
			if (text.includes('held')) {
				resolve();
			}
		});
	});

	t.is((await user(t, dir, ['add', 'alice'], 'a good password\n')).code, 0);
	t.regex((await user(t, dir, ['list'])).stdout, /^alice /m);
	t.is((await user(t, dir, ['del', 'alice'])).code, 0);
	holder.stdin.end();
	await exited;
	t.is(holder.exitCode, 0);
});

/** A path the test's user cannot use: mode 000, and as nobody when the test runs as root. */
async function asStranger(t: ExecutionContext, dir: string, args: readonly string[]): Promise<ChatRun> {
	return runChat(t, ['user', ...args, '--data-dir', dir], ROOT ? {uid: NOBODY, gid: NOBODY} : {});
}

test('a data directory without permission: one line saying what and where', async (t) => {
	const parent = tempDir(t);
	chmodSync(parent, 0o755);
	const dir = join(parent, 'data');
	await user(t, dir, ['add', 'alice'], 'a good password\n');
	chmodSync(dir, 0o000);
	t.teardown(() => chmodSync(dir, 0o700));
	refusal(
		t,
		await asStranger(t, dir, ['list']),
		`cannot use the data directory ${dir} (it needs read, write and search): permission denied.`,
	);
});

test('a database file that cannot be read: one line saying what and where, the file untouched', async (t) => {
	const parent = tempDir(t);
	chmodSync(parent, 0o755);
	const dir = join(parent, 'data');
	await user(t, dir, ['add', 'alice'], 'a good password\n');
	chmodSync(dir, 0o777);
	const file = join(dir, DATABASE_FILE);
	const before = readFileSync(file);
	chmodSync(file, 0o000);
	refusal(t, await asStranger(t, dir, ['list']), `cannot read and write the database ${file}: permission denied.`);
	chmodSync(file, 0o600);
	t.deepEqual(readFileSync(file), before);
});

test('a data directory that cannot be made: one line', async (t) => {
	const parent = tempDir(t);
	chmodSync(parent, 0o555);
	const dir = join(parent, 'data');
	refusal(t, await asStranger(t, dir, ['list']), `cannot create the data directory ${dir}: permission denied.`);
});
