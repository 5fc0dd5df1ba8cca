/**
 * Account passwords: how they are kept (what a password may be is protocol/passwords.ts). Hashed with scrypt,
 * node's built-in memory-hard KDF: each guess costs 32 MiB and tens of milliseconds,
 * so a stolen database is slow to attack even with GPUs, and it needs no native add-on.
 * It runs on libuv's thread pool (crypto.scrypt is async), so a login never blocks the
 * event loop. Stored as `scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>`: the cost
 * travels with the hash, so it can be raised later without breaking old accounts.
 */
import {randomBytes, scrypt, timingSafeEqual, type ScryptOptions} from 'node:crypto';

export interface ScryptCost {
	/** N = 2^log2N: time and memory. */
	readonly log2N: number;
	/** Block size: memory is 128 * N * r bytes. */
	readonly r: number;
	/** Parallelism. */
	readonly p: number;
}

/** 2^15 * 8 * 128 bytes = 32 MiB and about 50-100 ms a hash: OWASP's minimum for scrypt. */
export const DEFAULT_COST: ScryptCost = {log2N: 15, r: 8, p: 1};

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// A stored hash comes from our own database, but bound what it can make us allocate anyway.
const MAX_LOG2N = 20;

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await derive(password, salt, cost);
	return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * Whether `password` matches `stored`. With no stored hash (no such account) it still
 * runs one scrypt of the default cost, so the time a refusal takes does not tell a
 * name that is an account from one that is not. A malformed stored hash matches nothing.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
	const parsed = stored === undefined ? undefined : parseHash(stored);
	if (!parsed) {
		await derive(password, dummySalt, DEFAULT_COST);
		return false;
	}

	const key = await derive(password, parsed.salt, parsed.cost);
	return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

const dummySalt = randomBytes(SALT_BYTES);

interface ParsedHash {
	readonly cost: ScryptCost;
	readonly salt: Buffer;
	readonly key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
	const fields = stored.split('$');
	if (fields.length !== 6 || fields[0] !== 'scrypt') {
		return undefined;
	}

	const [log2N, r, p] = fields.slice(1, 4).map(Number) as [number, number, number];
	const whole = (value: number, most: number) => Number.isInteger(value) && value >= 1 && value <= most;
	if (!whole(log2N, MAX_LOG2N) || !whole(r, 32) || !whole(p, 16)) {
		return undefined;
	}

	const salt = Buffer.from(fields[4]!, 'base64');
	const key = Buffer.from(fields[5]!, 'base64');
	if (salt.length === 0 || key.length === 0) {
		return undefined;
	}

	return {cost: {log2N, r, p}, salt, key};
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
	const N = 2 ** cost.log2N;
	const options: ScryptOptions = {N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r + 1024 * 1024};
	return new Promise((resolve, reject) => {
		// NFC: the same password typed on two keyboards may arrive composed differently.
		scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => {
			if (error) {
				reject(error);
			} else {
				resolve(key);
			}
		});
	});
}
