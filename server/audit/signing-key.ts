/**
 * The Ed25519 key that signs the audit chain's head at checkpoints: `audit-key.pem` in
 * the data directory (PKCS#8 PEM, mode 0600), made by the first `chat serve` on the
 * directory and read by `chat audit verify`. A signature proves the head was the one
 * the holder of this key saw; it does not hold against whoever can read this file too
 * (docs/CLINICAL.md says what that means and how to keep the fingerprint off the box).
 */
import {
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	sign,
	verify,
	type KeyObject,
} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {encodeCheckpoint} from './canonical.js';

export const AUDIT_KEY_FILE = 'audit-key.pem';

/** The private key of the directory, made (0600) if there is none yet. */
export function loadOrCreateAuditKey(dir: string): KeyObject {
	const file = join(dir, AUDIT_KEY_FILE);
	try {
		// wx: never overwrite a key, even one another process made a moment ago.
		writeFileSync(file, newKeyPem(), {mode: 0o600, flag: 'wx'});
	} catch (error) {
		if ((error as {code?: string}).code !== 'EEXIST') {
			throw error;
		}
	}

	return loadAuditKey(dir);
}

/** The private key of the directory; throws (ENOENT) when there is none. */
export function loadAuditKey(dir: string): KeyObject {
	return createPrivateKey(readFileSync(join(dir, AUDIT_KEY_FILE)));
}

/** A key for a database that lives no longer than the process (`:memory:`). */
export function ephemeralAuditKey(): KeyObject {
	return generateKeyPairSync('ed25519').privateKey;
}

/** The checkpoint's signature, base64. */
export function signCheckpoint(privateKey: KeyObject, seq: number, hash: string, time: string): string {
	return sign(null, encodeCheckpoint(seq, hash, time), privateKey).toString('base64');
}

export function checkpointSigned(
	publicKey: KeyObject,
	seq: number,
	hash: string,
	time: string,
	signature: string,
): boolean {
	try {
		return verify(null, encodeCheckpoint(seq, hash, time), publicKey, Buffer.from(signature, 'base64'));
	} catch {
		// Not even a signature's shape.
		return false;
	}
}

export function publicKeyOf(privateKey: KeyObject): KeyObject {
	return createPublicKey(privateKey);
}

/** SHA-256 of the public key (SPKI DER), hex: what an operator writes down off the box to recognise the key. */
export function keyFingerprint(publicKey: KeyObject): string {
	return createHash('sha256')
		.update(publicKey.export({type: 'spki', format: 'der'}))
		.digest('hex');
}

function newKeyPem(): string {
	return generateKeyPairSync('ed25519').privateKey.export({type: 'pkcs8', format: 'pem'}) as string;
}
