/**
 * Audit trails for tests: written into a real data directory through the store, read
 * back the way `chat audit` reads them (read-only), and tampered with the way an
 * attacker with the file would: the triggers dropped first.
 */
import {join} from 'node:path';
import Database from 'better-sqlite3';
import type {ExecutionContext} from 'ava';
import {openAuditDatabase} from '../../server/audit/audit-database.js';
import {exportAudit, type ExportFilter} from '../../server/audit/export.js';
import {loadAuditKey, publicKeyOf} from '../../server/audit/signing-key.js';
import {verifyAudit, type Verdict} from '../../server/audit/verify.js';
import {DATABASE_FILE} from '../../server/store/open-store.js';

/** The trail as `chat audit export` gives it, each line parsed. */
export function exported(dir: string, filter: ExportFilter = {}): Array<Record<string, string | number>> {
	const {db} = openAuditDatabase(dir);
	try {
		return [...exportAudit(db, filter)].map((line) => JSON.parse(line) as Record<string, string | number>);
	} finally {
		db.close();
	}
}

/** What `chat audit verify` concludes. */
export function verified(dir: string): Verdict {
	const {db} = openAuditDatabase(dir);
	try {
		return verifyAudit(db, publicKeyOf(loadAuditKey(dir)));
	} finally {
		db.close();
	}
}

/** The database opened for writing with every audit trigger dropped, closed when the test ends. */
export function tamper(t: ExecutionContext, dir: string): Database.Database {
	const db = new Database(join(dir, DATABASE_FILE));
	t.teardown(() => db.close());
	const triggers = db
		.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name LIKE 'audit%'")
		.pluck()
		.all() as string[];
	for (const name of triggers) {
		db.exec(`DROP TRIGGER ${name}`);
	}

	return db;
}

/** The entry kinds in order, for tests that check what was recorded more than how. */
export function kinds(entries: ReadonlyArray<Record<string, unknown>>): unknown[] {
	return entries.map((entry) => entry['kind']);
}
