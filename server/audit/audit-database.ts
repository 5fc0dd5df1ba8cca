/**
 * The data directory's database opened read-only, for `chat audit verify` and `chat
 * audit export`: with the server running or stopped (WAL lets a reader in beside the
 * writer), never taking a write lock, never migrating, never making a file that is
 * not there.
 */
import {existsSync} from 'node:fs';
import {join, resolve} from 'node:path';
import Database from 'better-sqlite3';
import {defaultDataDir} from '../store/data-dir.js';
import {DATABASE_FILE} from '../store/open-store.js';
import {schemaVersion} from '../store/schema.js';

/** A refusal: one line for the operator. */
export class AuditOpenError extends Error {
	override readonly name = 'AuditOpenError';
}

export interface AuditDatabase {
	readonly dir: string;
	readonly db: Database.Database;
}

export function openAuditDatabase(dataDir: string | undefined): AuditDatabase {
	const dir = resolve(dataDir ?? defaultDataDir());
	const file = join(dir, DATABASE_FILE);
	if (!existsSync(file)) {
		throw new AuditOpenError(`there is no database in ${dir} (${DATABASE_FILE}): is it the server's --data-dir?`);
	}

	let db: Database.Database;
	try {
		db = new Database(file, {readonly: true, fileMustExist: true});
	} catch (error) {
		throw new AuditOpenError(`cannot open ${file} to read: ${error instanceof Error ? error.message : String(error)}.`);
	}

	const hasAudit = db
		.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit'")
		.pluck()
		.get();
	if (hasAudit === 0) {
		const version = schemaVersion(db);
		db.close();
		throw new AuditOpenError(
			`${file} has no audit trail yet (schema version ${version}): start this chat's server on it once to add one.`,
		);
	}

	return {dir, db};
}
