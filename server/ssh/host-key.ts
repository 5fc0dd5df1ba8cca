/**
 * The server's SSH host key: what users' clients remember and check on every visit, so
 * it must stay the same across restarts. Generated once (ed25519, in OpenSSH format,
 * which ssh2 reads: it cannot read PKCS8 ed25519 keys) into the data directory with
 * mode 0600, or read from the file the operator names. A server that keeps nothing
 * (`:memory:`) gets a new key each start, and the log says so.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import ssh2 from 'ssh2';
import {fingerprintOf} from './public-key.js';

/** Beside chat.db, named as OpenSSH names its own. */
export const HOST_KEY_FILE = 'ssh_host_ed25519_key';

export interface HostKey {
	/** The private key, as ssh2's hostKeys take it. */
	readonly privateKey: string;
	/** SHA256:..., what `ssh` shows a user on the first visit. */
	readonly fingerprint: string;
	/** Where it is kept; undefined for a key that lives only as long as the process. */
	readonly file: string | undefined;
}

/** Why the host key cannot be used, as a sentence for the operator. */
export class HostKeyError extends Error {
	override readonly name = 'HostKeyError';
}

function parsed(privateKey: string, file: string | undefined): HostKey {
	const key = ssh2.utils.parseKey(privateKey);
	if (key instanceof Error || !key.isPrivateKey()) {
		const why = key instanceof Error ? key.message : 'it is a public key';
		throw new HostKeyError(`${file ?? 'the host key'} is not an unencrypted SSH private key ssh2 can read (${why}).`);
	}

	return {privateKey, fingerprint: fingerprintOf(key.getPublicSSH()), file};
}

/**
 * A new ed25519 key in OpenSSH format. ssh2 1.17 writes about one key in 200 with the
 * public key's leading zero byte dropped, which it then cannot read back: such a key is
 * thrown away and another made.
 */
export function generateOpenSshKey(): string {
	for (;;) {
		const key = ssh2.utils.generateKeyPairSync('ed25519').private;
		if (!(ssh2.utils.parseKey(key) instanceof Error)) {
			return key;
		}
	}
}

/** The operator's own key (--ssh-host-key). */
export function readHostKey(file: string): HostKey {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new HostKeyError(`cannot read the SSH host key ${file}: ${(error as Error).message}`);
	}

	return parsed(text, file);
}

/** The data directory's key, made on first use (the directory exists: the store made it). */
export function dataDirHostKey(dataDir: string): HostKey {
	const file = join(dataDir, HOST_KEY_FILE);
	try {
		// 'wx': never overwrite a key users have already learnt, even one made a moment ago by another start.
		writeFileSync(file, generateOpenSshKey(), {mode: 0o600, flag: 'wx'});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
			throw new HostKeyError(`cannot write the SSH host key ${file}: ${(error as Error).message}`);
		}
	}

	return readHostKey(file);
}

/** A key for this process only. */
export function ephemeralHostKey(): HostKey {
	return parsed(generateOpenSshKey(), undefined);
}
