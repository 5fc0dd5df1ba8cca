/**
 * Opening the store for `--data-dir`: the directory, the lock, the database file, its
 * checks and migrations, each failure turned into one line that says what and where.
 * Nothing is written to a database until it has passed every check, so a file that is
 * refused is left exactly as it was.
 *
 * Durability: WAL with synchronous=NORMAL. A commit is in the WAL (in the kernel's
 * page cache) before it returns, so killing the server, even with -9, loses nothing it
 * acknowledged; a power cut or kernel crash may lose the last commits before the WAL
 * is synced at a checkpoint. FULL would sync every commit, costing every grouped commit
 * an fsync; docs/STORAGE.md states the choice.
 */
import {accessSync, constants, existsSync, mkdirSync, statSync} from 'node:fs';
import {join, resolve} from 'node:path';
import Database from 'better-sqlite3';
import {ephemeralAuditKey, loadOrCreateAuditKey} from '../audit/signing-key.js';
import {defaultDataDir, MEMORY} from './data-dir.js';
import {lockDataDir} from './data-dir-lock.js';
import {migrate, newerSchema, SCHEMA_VERSION, schemaVersion} from './schema.js';
import {createPrivateFile} from './private-file.js';
import {SqliteStore, type SqliteStoreOptions} from './sqlite-store.js';
import {StoreOpenError} from './store-open-error.js';

/** `--data-dir :memory:`: SQLite's own in-memory database, gone when the server stops. */
export const DATABASE_FILE = 'chat.db';

/**
 * Who is opening: `serve` holds the data directory for its whole life (a second serve
 * is refused); `operator` (`chat user ...`) shares it with a running server.
 */
export type StoreRole = 'serve' | 'operator';

/** How long a write waits for another process's write (an operator's, or the server's turn) to end. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the store for a `--data-dir` value (undefined: the default directory;
 * `:memory:` an ephemeral database). Throws StoreOpenError whose message is the one
 * line to print.
 */
export function openStore(
	dataDir: string | undefined,
	role: StoreRole,
	options: Omit<SqliteStoreOptions, 'onClose'> = {},
): SqliteStore {
	if (dataDir === MEMORY) {
		const db = new Database(MEMORY);
		migrate(db, MEMORY);
		// Nothing outlives the process, so neither does the key that signs its audit trail.
		return new SqliteStore(db, {auditKey: ephemeralAuditKey(), ...options});
	}

	const dir = resolve(dataDir ?? defaultDataDir());
	prepareDirectory(dir);
	const lock = role === 'serve' ? lockOrExplain(dir) : undefined;
	try {
		// The server signs the audit trail's checkpoints; an operator's command only appends to it.
		const auditKey = role === 'serve' ? auditKeyOrExplain(dir) : undefined;
		const db = openDatabase(join(dir, DATABASE_FILE));
		return new SqliteStore(db, {auditKey, ...options, onClose: () => lock?.release()});
	} catch (error) {
		lock?.release();
		throw error;
	}
}

/** A database image (SqliteStore.serialize) opened in memory: a cluster node's replica loaded from a snapshot. */
export function openImage(image: Buffer, options: Omit<SqliteStoreOptions, 'onClose'> = {}): SqliteStore {
	const db = new Database(image);
	migrate(db, MEMORY);
	return new SqliteStore(db, {auditKey: ephemeralAuditKey(), ...options});
}

function lockOrExplain(dir: string) {
	try {
		return lockDataDir(dir);
	} catch (error) {
		if (error instanceof StoreOpenError) {
			throw error;
		}

		throw new StoreOpenError(`cannot lock the data directory ${dir}: ${reason(error)}.`);
	}
}

function auditKeyOrExplain(dir: string) {
	try {
		return loadOrCreateAuditKey(dir);
	} catch (error) {
		throw new StoreOpenError(`cannot read or make the audit key in ${dir}: ${reason(error)}.`);
	}
}

function prepareDirectory(dir: string): void {
	if (existsSync(dir) && !statSync(dir).isDirectory()) {
		throw new StoreOpenError(`the data directory ${dir} is not a directory.`);
	}

	try {
		// 0700: messages and password hashes are for the operator's eyes only.
		mkdirSync(dir, {recursive: true, mode: 0o700});
	} catch (error) {
		throw new StoreOpenError(`cannot create the data directory ${dir}: ${reason(error)}.`);
	}

	try {
		// SQLite creates the -wal and -shm files next to the database.
		accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
	} catch (error) {
		throw new StoreOpenError(
			`cannot use the data directory ${dir} (it needs read, write and search): ${reason(error)}.`,
		);
	}
}

function openDatabase(file: string): Database.Database {
	try {
		createPrivateFile(file);
	} catch (error) {
		throw new StoreOpenError(`cannot create the database ${file}: ${reason(error)}.`);
	}

	try {
		accessSync(file, constants.R_OK | constants.W_OK);
	} catch (error) {
		// SQLite would open a read-only file read-only without a word, and fail at the first write.
		throw new StoreOpenError(`cannot read and write the database ${file}: ${reason(error)}.`);
	}

	let db: Database.Database;
	try {
		db = new Database(file, {timeout: BUSY_TIMEOUT_MS});
	} catch (error) {
		throw new StoreOpenError(`cannot open the database ${file}: ${reason(error)}.`);
	}

	try {
		check(db, file);
		// The first writes: only now that the file is known to be ours.
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		migrate(db, file);
		return db;
	} catch (error) {
		db.close();
		if (error instanceof StoreOpenError) {
			throw error;
		}

		throw new StoreOpenError(`cannot use the database ${file}: ${reason(error)}.`);
	}
}

/** Refuses a file that is not a database, is damaged, or is some other program's. Reads only. */
function check(db: Database.Database, file: string): void {
	let version: number;
	let problems: string[];
	let tables: number;
	try {
		version = schemaVersion(db);
		problems = (db.pragma('quick_check') as Array<{quick_check: string}>).map((row) => row.quick_check);
		tables = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() as number;
	} catch (error) {
		const code = (error as {code?: string}).code;
		if (code === 'SQLITE_NOTADB') {
			throw new StoreOpenError(
				`${file} is not a SQLite database; it was left as it is: move it away, or use another --data-dir.`,
			);
		}

		if (code === 'SQLITE_CORRUPT') {
			throw new StoreOpenError(
				`${file} is damaged (${reason(error)}); it was left as it is: restore it from a backup.`,
			);
		}

		throw error;
	}

	if (problems.length !== 1 || problems[0] !== 'ok') {
		throw new StoreOpenError(
			`${file} is damaged (quick_check: ${problems[0] ?? 'no answer'}); it was left as it is: restore it from a backup.`,
		);
	}

	if (version === 0 && tables > 0) {
		throw new StoreOpenError(`${file} is a database of some other program (it has tables but no chat schema version).`);
	}

	if (version > SCHEMA_VERSION) {
		// migrate() checks too; here the refusal comes before the first write (journal_mode).
		throw newerSchema(file, version);
	}
}

/** An error as the end of a sentence: "permission denied", "file is not a database". */
function reason(error: unknown): string {
	const code = (error as {code?: string}).code;
	if (code === 'EACCES' || code === 'EPERM') {
		return 'permission denied';
	}

	if (code === 'ENOTDIR') {
		return 'a part of the path is not a directory';
	}

	if (code === 'EROFS') {
		return 'the file system is read-only';
	}

	if (code === 'ENOSPC') {
		return 'no space left on the device';
	}

	const message = error instanceof Error ? error.message : String(error);
	// Node's fs messages repeat the code and path ("EACCES: permission denied, open '/x'"): keep the words.
	return message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
}

export {defaultDataDir, MEMORY};
