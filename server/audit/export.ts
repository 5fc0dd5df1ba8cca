/**
 * `chat audit export`: the audit trail as JSON lines, oldest first, for the hospital's
 * records: one object per entry with its sequence number, time, kind, its fields, and
 * the previous and own hash, so a copy can be checked against the chain later.
 */
import type {Database} from 'better-sqlite3';
import {nameKey} from '../../protocol/index.js';
import {PERSON_FIELDS, type AuditFields} from '../chat/audit.js';
import type {AuditRow} from './verify.js';

export interface ExportFilter {
	/** Entries at or after this time (ISO 8601). */
	readonly since?: string;
	/** Entries naming this person as user, sender or recipient (any case). */
	readonly user?: string;
}

export function* exportAudit(db: Database, filter: ExportFilter = {}): Generator<string> {
	const rows = db
		.prepare('SELECT seq, time, kind, fields, prev, hash FROM audit WHERE time >= @since ORDER BY seq')
		.iterate({since: filter.since ?? ''}) as Iterable<AuditRow>;
	const user = filter.user === undefined ? undefined : nameKey(filter.user);
	for (const row of rows) {
		const fields = JSON.parse(row.fields) as AuditFields;
		if (
			user !== undefined &&
			!PERSON_FIELDS.some((name) => typeof fields[name] === 'string' && nameKey(fields[name]) === user)
		) {
			continue;
		}

		yield JSON.stringify({seq: row.seq, time: row.time, kind: row.kind, ...fields, prev: row.prev, hash: row.hash});
	}
}
