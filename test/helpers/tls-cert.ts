/**
 * Throwaway self-signed certificates (for localhost and 127.0.0.1 unless told), made
 * with openssl in a temporary directory that is removed when the test ends.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {ExecutionContext} from 'ava';

export interface TestCertificate {
	readonly dir: string;
	readonly certFile: string;
	readonly keyFile: string;
	readonly cert: Buffer;
	readonly key: Buffer;
}

function openssl(args: readonly string[], cwd: string): void {
	const result = spawnSync('openssl', args, {cwd, timeout: 30_000, encoding: 'utf8'});
	if (result.status !== 0) {
		throw new Error(`openssl ${args.join(' ')} failed: ${result.error?.message ?? result.stderr}`);
	}
}

/**
 * A self-signed certificate valid for a day, for `commonName` and the given
 * subjectAltName entries (`DNS:localhost,IP:127.0.0.1` unless told), each in its own directory.
 */
export function makeCertificate(
	t: ExecutionContext,
	{commonName = 'localhost', altNames = 'DNS:localhost,IP:127.0.0.1'}: {commonName?: string; altNames?: string} = {},
): TestCertificate {
	const dir = mkdtempSync(path.join(tmpdir(), 'chat-tls-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	const certFile = path.join(dir, 'c.pem');
	const keyFile = path.join(dir, 'c-key.pem');
	openssl(
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			keyFile,
			'-out',
			certFile,
			'-days',
			'1',
			'-subj',
			`/CN=${commonName}`,
			'-addext',
			`subjectAltName=${altNames}`,
		],
		dir,
	);
	return {dir, certFile, keyFile, cert: readFileSync(certFile), key: readFileSync(keyFile)};
}
