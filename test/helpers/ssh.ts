/**
 * SSH for tests: throwaway keys made by the system ssh-keygen, and the system OpenSSH
 * client's command line for a pane (no config, no known_hosts, only the key given).
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import type {ExecutionContext} from 'ava';
import {runProcess} from './test-process.js';

const run = promisify(execFile);

export interface TestKey {
	/** The private key's file: `ssh -i`. */
	readonly file: string;
	/** Its .pub file: `chat user add-key NAME FILE`. */
	readonly publicFile: string;
	/** The .pub line. */
	readonly publicKey: string;
	/** SHA256:..., as ssh-keygen -l prints it. */
	readonly fingerprint: string;
}

/** A new ed25519 key with no passphrase, in a directory removed when the test ends. */
export async function makeKey(t: ExecutionContext, comment = 'test'): Promise<TestKey> {
	const dir = mkdtempSync(join(tmpdir(), 'chat-ssh-key-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	const file = join(dir, 'id_ed25519');
	await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
	const {stdout} = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`]);
	return {
		file,
		publicFile: `${file}.pub`,
		publicKey: readFileSync(`${file}.pub`, 'utf8'),
		fingerprint: stdout.split(' ')[1]!,
	};
}

/**
 * `ssh` to user@127.0.0.1 on `port` with only `key`: no config file, no known hosts
 * (the host key is new every test), no agent, no password prompts; `extra` goes before
 * the destination (-R, -W, ...), `command` after it.
 */
export function sshCommand(
	port: number,
	user: string,
	key: TestKey,
	extra: readonly string[] = [],
	command: readonly string[] = [],
): string[] {
	return [
		'ssh',
		'-F',
		'/dev/null',
		'-o',
		'StrictHostKeyChecking=no',
		'-o',
		'UserKnownHostsFile=/dev/null',
		'-o',
		'LogLevel=ERROR',
		'-o',
		'IdentitiesOnly=yes',
		'-o',
		'IdentityAgent=none',
		'-o',
		'BatchMode=yes',
		'-i',
		key.file,
		'-p',
		String(port),
		...extra,
		`${user}@127.0.0.1`,
		...command,
	];
}

/** `chat serve`'s line once SSH listens: `... event=ssh_started host=127.0.0.1 port=N fingerprint=SHA256:... host_key=...`. */
export const SSH_STARTED = /event=ssh_started host=127\.0\.0\.1 port=(\d+) fingerprint=(SHA256:\S+) host_key=(\S+)\n/;

/** Runs `ssh` to completion (no terminal: stdin closed), for what it prints and how it exits. */
export function runSsh(
	t: ExecutionContext,
	args: readonly string[],
): Promise<{code: number | null; stdout: string; stderr: string}> {
	const [command, ...rest] = args;
	return runProcess(t, command!, rest);
}
