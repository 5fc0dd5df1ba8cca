/**
 * The audit trail's tables (schema step "the audit trail"): appending an entry to the
 * hash chain, signing its head at a checkpoint, and audit retention. Every method runs
 * inside the store's open transaction (sqlite-store.ts calls them from its write()), so
 * an entry commits with the writes it records, or rolls back with them.
 *
 * The head (last sequence number and hash) is read from the database at the first entry
 * of a transaction, not kept across transactions: `chat user` appends from another
 * process between the server's turns, and the transaction's write lock is what makes the
 * read and the append one step.
 */
import type {Database, Statement} from 'better-sqlite3';
import type {KeyObject} from 'node:crypto';
import type {AuditEvent} from '../chat/audit.js';
import {entryHash} from '../audit/canonical.js';
import {signCheckpoint} from '../audit/signing-key.js';
import {RowBatch} from './row-batch.js';

export interface ChainHead {
	readonly seq: number;
	readonly hash: string;
}

interface OldEntry {
	readonly seq: number;
	readonly time: string;
	readonly hash: string;
}

export class AuditChain {
	private readonly statements: ReturnType<typeof prepare>;
	/** Entries appended and not inserted yet (row-batch.ts): the store inserts them before any read or other write. */
	readonly entries: RowBatch;

	/** `key` signs checkpoints; without one (`chat user`) the chain is appended to but never signed. */
	constructor(
		db: Database,
		private readonly key: KeyObject | undefined,
	) {
		this.statements = prepare(db);
		this.entries = new RowBatch(db, 'INSERT INTO audit (seq, time, kind, fields, prev, hash)', 6);
	}

	/** The last entry, or the retention horizon when none is kept (sequence 0 and the genesis hash at first). */
	head(): ChainHead {
		this.entries.insert();
		return (this.statements.last.get() as ChainHead | undefined) ?? (this.statements.horizon.get() as ChainHead);
	}

	append(head: ChainHead, event: AuditEvent, time: string): ChainHead {
		const {kind, ...fields} = event;
		const seq = head.seq + 1;
		const hash = entryHash({prev: head.hash, seq, time, kind, fields});
		// Held for a statement of many entries (every message has one); the head is what the chain reads, not the table.
		this.entries.add(seq, time, kind, JSON.stringify(fields), head.hash, hash);
		return {seq, hash};
	}

	/** Signs the head unless it is signed already (or there is nothing, or no key); whether it signed. */
	checkpoint(head: ChainHead, time: string): boolean {
		const signed = this.statements.lastCheckpoint.pluck().get() as number | undefined;
		if (!this.key || head.seq === 0 || signed === head.seq) {
			return false;
		}

		const signature = signCheckpoint(this.key, head.seq, head.hash, time);
		this.statements.insertCheckpoint.run({time, seq: head.seq, hash: head.hash, signature});
		return true;
	}

	/**
	 * Removes the oldest entries, in chain order, while they are older than `before`
	 * (at most `limit`): first an audit_retention entry naming the last one removed and
	 * its hash, then the horizon moves up to it, then the entries go (the delete trigger
	 * allows only entries at or below the horizon). An entry older than `before` behind a
	 * newer one (the clock went back) waits for the next sweep. Returns the new head and
	 * how many went.
	 */
	removeBefore(head: ChainHead, before: string, time: string, limit: number): {head: ChainHead; entries: number} {
		this.entries.insert();
		const oldest = this.statements.oldest.all({limit}) as OldEntry[];
		let entries = 0;
		while (entries < oldest.length && oldest[entries]!.time < before) {
			entries++;
		}

		if (entries === 0) {
			return {head, entries};
		}

		const through = oldest[entries - 1]!;
		const next = this.append(
			head,
			{kind: 'audit_retention', entries, through: through.seq, anchor: through.hash, before},
			time,
		);
		this.entries.insert();
		this.statements.setHorizon.run({through: through.seq, hash: through.hash});
		this.statements.removeThrough.run({through: through.seq});
		return {head: next, entries};
	}
}

function prepare(db: Database) {
	const statement = (sql: string): Statement => db.prepare(sql);
	return {
		last: statement('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1'),
		horizon: statement('SELECT through AS seq, hash FROM audit_horizon'),
		lastCheckpoint: statement('SELECT seq FROM audit_checkpoints ORDER BY id DESC LIMIT 1'),
		insertCheckpoint: statement(
			'INSERT INTO audit_checkpoints (time, seq, hash, signature) VALUES (@time, @seq, @hash, @signature)',
		),
		oldest: statement('SELECT seq, time, hash FROM audit ORDER BY seq LIMIT @limit'),
		setHorizon: statement('UPDATE audit_horizon SET through = @through, hash = @hash'),
		removeThrough: statement('DELETE FROM audit WHERE seq <= @through'),
	};
}
