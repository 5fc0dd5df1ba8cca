/**
 * `chat audit verify`: walks the audit chain from the retention horizon to the head,
 * recomputing every hash from the stored columns (canonical.ts), then checks every
 * checkpoint's signature and that the entry it signed is still the one it signed. The
 * answer is OK with the count and the head, or the first place the record breaks and
 * the likeliest reason, in words an auditor can act on:
 *
 * - a gap in the sequence numbers: entries were deleted;
 * - an entry whose previous hash is another entry's hash: entries were re-ordered;
 * - an entry whose previous hash is no entry's hash: the entry before it was changed
 *   and given a new hash, or entries were removed and the rest renumbered;
 * - an entry whose hash is not that of its content: it was edited;
 * - a checkpoint whose signature is not by the directory's key: it was forged;
 * - a checkpoint whose entry now has another hash: the chain was rewritten from there
 *   on (every hash recomputed), which only the signature can tell;
 * - a horizon that no audit_retention entry vouches for: entries were removed from
 *   the start of the chain.
 *
 * Entries after the last checkpoint are held only by the chain: whoever can write the
 * file can cut or rewrite them undetected until the next checkpoint signs the head.
 */
import type {KeyObject} from 'node:crypto';
import type {Database} from 'better-sqlite3';
import type {AuditFields} from '../chat/audit.js';
import {entryHash, GENESIS} from './canonical.js';
import {checkpointSigned} from './signing-key.js';

export interface AuditRow {
	readonly seq: number;
	readonly time: string;
	readonly kind: string;
	readonly fields: string;
	readonly prev: string;
	readonly hash: string;
}

interface CheckpointRow {
	readonly id: number;
	readonly time: string;
	readonly seq: number;
	readonly hash: string;
	readonly signature: string;
}

export type Verdict =
	| {
			readonly ok: true;
			readonly entries: number;
			/** The first entry kept (1 unless audit retention removed some). */
			readonly first: number;
			readonly head: {readonly seq: number; readonly hash: string};
			/** The newest checkpoint, if any. */
			readonly signed: {readonly seq: number; readonly time: string} | undefined;
	  }
	| {readonly ok: false; readonly entry: number; readonly problem: string};

export function verifyAudit(db: Database, publicKey: KeyObject): Verdict {
	const horizon = db.prepare('SELECT through, hash FROM audit_horizon').get() as
		{through: number; hash: string} | undefined;
	const start = horizon ?? {through: 0, hash: GENESIS};
	const byHash = db.prepare('SELECT seq FROM audit WHERE hash = ? ORDER BY seq LIMIT 1').pluck();

	let previous = {seq: start.through, hash: start.hash};
	let entries = 0;
	let anchor: {through: number; hash: string} | undefined;
	for (const row of db
		.prepare('SELECT seq, time, kind, fields, prev, hash FROM audit ORDER BY seq')
		.iterate() as Iterable<AuditRow>) {
		const expected = previous.seq + 1;
		if (row.seq > expected) {
			const missing = row.seq - 1 === expected ? `entry ${expected} is` : `entries ${expected} to ${row.seq - 1} are`;
			return broken(expected, `${missing} missing: deleted.`);
		}

		if (row.prev !== previous.hash) {
			const follows = byHash.get(row.prev) as number | undefined;
			if (follows !== undefined) {
				return broken(
					row.seq,
					`it was written after what is now entry ${follows}, not after entry ${previous.seq}: the entries were re-ordered.`,
				);
			}

			if (previous.seq === start.through && start.through > 0) {
				return broken(row.seq, `it does not follow the audit retention horizon (entry ${start.through}).`);
			}

			return broken(
				row.seq,
				`it does not follow entry ${previous.seq} (it holds no entry's hash): entry ${previous.seq} was changed and given a new hash, or entries before this one were removed and the rest renumbered.`,
			);
		}

		const fields = parseFields(row.fields);
		if (!fields || entryHash({prev: row.prev, seq: row.seq, time: row.time, kind: row.kind, fields}) !== row.hash) {
			return broken(row.seq, 'it was edited: its content does not match its hash.');
		}

		if (row.kind === 'audit_retention') {
			anchor = {through: Number(fields['through']), hash: String(fields['anchor'])};
		}

		previous = {seq: row.seq, hash: row.hash};
		entries++;
	}

	if (start.through > 0 && (anchor?.through !== start.through || anchor.hash !== start.hash)) {
		return broken(
			start.through,
			`entries up to ${start.through} are gone, and no audit retention entry says it removed them: deleted.`,
		);
	}

	let signed: {seq: number; time: string} | undefined;
	const hashAt = db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck();
	for (const checkpoint of db
		.prepare('SELECT id, time, seq, hash, signature FROM audit_checkpoints ORDER BY id')
		.iterate() as Iterable<CheckpointRow>) {
		if (!checkpointSigned(publicKey, checkpoint.seq, checkpoint.hash, checkpoint.time, checkpoint.signature)) {
			return broken(
				checkpoint.seq,
				`checkpoint ${checkpoint.id} (${checkpoint.time}) is forged: its signature is not by this data directory's audit key.`,
			);
		}

		if (checkpoint.seq > previous.seq) {
			return broken(
				checkpoint.seq,
				`checkpoint ${checkpoint.id} (${checkpoint.time}) signed entry ${checkpoint.seq}, but the trail ends at ${previous.seq}: entries were cut off the end.`,
			);
		}

		// Entries at or below the horizon were removed by retention; their checkpoints still verify as signatures.
		if (checkpoint.seq > start.through && hashAt.get(checkpoint.seq) !== checkpoint.hash) {
			return broken(
				checkpoint.seq,
				`it is not the entry checkpoint ${checkpoint.id} (${checkpoint.time}) signed: the trail was rewritten at or before it, every hash recomputed.`,
			);
		}

		signed = {seq: checkpoint.seq, time: checkpoint.time};
	}

	return {ok: true, entries, first: start.through + 1, head: previous, signed};
}

/** The verdict as `chat audit verify` prints it. */
export function describeVerdict(verdict: Verdict, fingerprint: string): string {
	if (!verdict.ok) {
		return `BROKEN at entry ${verdict.entry}: ${verdict.problem}`;
	}

	const {entries, first, head, signed} = verdict;
	const range =
		entries === 0 ? 'no entries' : `${entries} ${entries === 1 ? 'entry' : 'entries'} (${first} to ${head.seq})`;
	const checkpoint = signed
		? `last signed at entry ${signed.seq} (${signed.time})${signed.seq < head.seq ? `; entries after ${signed.seq} are not signed yet` : ''}`
		: 'no checkpoint signed yet';
	return `OK: ${range}, head ${head.seq} ${head.hash}; ${checkpoint}; key ${fingerprint}`;
}

function parseFields(text: string): AuditFields | undefined {
	try {
		const value: unknown = JSON.parse(text);
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			return undefined;
		}

		for (const field of Object.values(value as Record<string, unknown>)) {
			if (typeof field !== 'string' && !Number.isSafeInteger(field)) {
				return undefined;
			}
		}

		return value as AuditFields;
	} catch {
		return undefined;
	}
}

function broken(entry: number, problem: string): Verdict {
	return {ok: false, entry, problem};
}
