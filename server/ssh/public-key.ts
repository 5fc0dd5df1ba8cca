/**
 * SSH public keys as the operator and the store see them: parsed from an
 * authorized_keys line or a .pub file, named by their SHA256 fingerprint exactly as
 * `ssh-keygen -l` prints it, and stored as `<type> <base64>` (the comment is dropped:
 * it is the client's label, not part of the key).
 */
import {createHash} from 'node:crypto';
import ssh2 from 'ssh2';

export interface PublicKey {
	/** ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ... */
	readonly type: string;
	/** `SHA256:<base64, unpadded>`. */
	readonly fingerprint: string;
	/** `<type> <base64>`. */
	readonly authorized: string;
}

/** Why a text is not a public key, as a sentence. */
export class PublicKeyError extends Error {
	override readonly name = 'PublicKeyError';
}

/** The fingerprint of a key's wire form (the base64 part of an authorized_keys line, decoded). */
export function fingerprintOf(blob: Buffer): string {
	return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key on the first line of `text` that is neither blank nor a comment. */
export function parsePublicKey(text: string): PublicKey {
	if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
		throw new PublicKeyError('that is a private key: give the public one (the .pub file).');
	}

	const line = text
		.split(/\r?\n/)
		.map((row) => row.trim())
		.find((row) => row !== '' && !row.startsWith('#'));
	if (line === undefined) {
		throw new PublicKeyError('no public key there: give an OpenSSH public key (a .pub file).');
	}

	const parsed = ssh2.utils.parseKey(line);
	if (parsed instanceof Error) {
		throw new PublicKeyError(`not an OpenSSH public key (${parsed.message}): give the .pub file.`);
	}

	if (parsed.isPrivateKey()) {
		throw new PublicKeyError('that is a private key: give the public one (the .pub file).');
	}

	const blob = parsed.getPublicSSH();
	return {type: parsed.type, fingerprint: fingerprintOf(blob), authorized: `${parsed.type} ${blob.toString('base64')}`};
}
