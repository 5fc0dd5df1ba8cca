/** The password for scripts: --password-file (yours alone) or CHAT_PASSWORD; sentences that never hold it. */
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {readPasswordSource} from '../../../tui/session/password-source.js';

function tempFile(t: import('ava').ExecutionContext, text: string, mode: number): string {
	const directory = mkdtempSync(join(tmpdir(), 'chat-password-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	const file = join(directory, 'password');
	writeFileSync(file, text);
	chmodSync(file, mode);
	return file;
}

test('the first line of a file only you can read; it wins over the environment', (t) => {
	const file = tempFile(t, 'correct horse\nignored\n', 0o600);
	t.deepEqual(readPasswordSource(file, {CHAT_PASSWORD: 'from the env'}), {password: 'correct horse'});
});

test('a file others can read is refused, saying how to fix it and not what it holds', (t) => {
	const file = tempFile(t, 'correct horse\n', 0o644);
	const source = readPasswordSource(file, {});
	t.deepEqual(source, {
		problem: `--password-file ${file} can be read by others (mode 0644); make it yours alone with chmod 600 ${file}.`,
	});
});

test('a missing file, or a password that cannot be one, is one sentence without the password', (t) => {
	t.deepEqual(readPasswordSource('/nonexistent/chat-password', {}), {
		problem: '--password-file /nonexistent/chat-password cannot be read (ENOENT).',
	});
	const source = readPasswordSource(undefined, {CHAT_PASSWORD: 'short'});
	t.deepEqual(source, {problem: 'CHAT_PASSWORD: A password is 8 to 1024 characters; that one has 5.'});
});

test('CHAT_PASSWORD when there is no file; nothing when neither is set', (t) => {
	t.deepEqual(readPasswordSource(undefined, {CHAT_PASSWORD: 'correct horse'}), {password: 'correct horse'});
	t.deepEqual(readPasswordSource(undefined, {}), {password: undefined});
	t.deepEqual(readPasswordSource(undefined, {CHAT_PASSWORD: ''}), {password: undefined});
});
