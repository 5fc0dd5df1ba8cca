/**
 * `chat serve` on storage it cannot use: a corrupt database, a directory it may not use,
 * and a data directory another `chat serve` holds. Each is one line saying what and
 * where, exit 1, nothing listening, and the files as they were. (The store's own tests
 * cover every refusal in-process; these are the operator's view of three of them.)
 */
import {chmodSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {DATABASE_FILE} from '../../server/store/open-store.js';
import {spawnChat} from '../helpers/chat-process.js';
import {NOBODY, runChat} from '../helpers/run-chat.js';
import {tempDir} from '../helpers/store.js';

const ROOT = process.getuid?.() === 0;

test('a corrupt database: one line saying what and where, exit 1, the file untouched', async (t) => {
	const dir = tempDir(t);
	const file = join(dir, DATABASE_FILE);
	writeFileSync(file, 'this is not a database, it is a note someone saved here\n', {mode: 0o600});
	const before = readFileSync(file);
	const run = await runChat(t, ['serve', '--port', '0', '--data-dir', dir]);
	t.is(run.code, 1);
	t.is(run.stdout, '');
	t.regex(run.stderr, new RegExp(`^chat: [^\\n]*${file.replaceAll('/', '\\/')}[^\\n]*\\n$`));
	t.notRegex(run.stderr, /event=started/);
	t.deepEqual(readFileSync(file), before);
});

test('a data directory the server may not use: one line, exit 1', async (t) => {
	const parent = tempDir(t);
	chmodSync(parent, 0o755);
	const dir = join(parent, 'data');
	const made = await runChat(t, ['user', 'add', 'alice', '--data-dir', dir], {input: 'a good password\n'});
	t.is(made.code, 0);
	chmodSync(dir, 0o000);
	t.teardown(() => chmodSync(dir, 0o700));
	// Root may use any directory: the refusal is checked as nobody.
	const run = await runChat(t, ['serve', '--port', '0', '--data-dir', dir], ROOT ? {uid: NOBODY, gid: NOBODY} : {});
	t.deepEqual(run, {
		code: 1,
		stdout: '',
		stderr: `chat: cannot use the data directory ${dir} (it needs read, write and search): permission denied.\n`,
	});
});

test('a data directory another chat serve holds: the second is refused in one line, the first serves on', async (t) => {
	const dir = tempDir(t);
	const first = spawnChat(t, ['serve', '--port', '0', '--data-dir', dir]);
	await first.waitForStderr(/event=store data_dir=/);
	const second = await runChat(t, ['serve', '--port', '0', '--data-dir', dir]);
	t.is(second.code, 1);
	t.is(second.stdout, '');
	t.regex(second.stderr, /^chat: [^\n]*in use by another chat serve[^\n]*\n$/);
	t.is(first.child.exitCode, null, 'the first server is still running');
});
