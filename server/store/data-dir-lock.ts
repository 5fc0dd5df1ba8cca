/**
 * One `chat serve` per data directory. Two servers on one database would each hand
 * out the same message ids and each believe it knows who is online. The lock is an
 * exclusive lock on a small SQLite file, held by an open connection for the life of
 * the server: the kernel drops it when the process dies however it dies, so a server
 * killed with -9 leaves no stale lock behind. The pid next to it only names the holder
 * in the refusal. The database itself stays shared, so `chat user` works meanwhile.
 */
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import Database from 'better-sqlite3';
import {createPrivateFile} from './private-file.js';
import {StoreOpenError} from './store-open-error.js';

export const LOCK_FILE = 'serve.lock';
export const PID_FILE = 'serve.pid';

export interface DataDirLock {
	release(): void;
}

export function lockDataDir(dir: string): DataDirLock {
	const file = join(dir, LOCK_FILE);
	createPrivateFile(file);
	// timeout 0: another holder means refuse now, not wait for it.
	const db = new Database(file, {timeout: 0});
	try {
		// In exclusive locking mode the lock taken by the first transaction is kept
		// after it ends, until the connection closes.
		db.pragma('locking_mode = EXCLUSIVE');
		db.exec('BEGIN EXCLUSIVE; COMMIT');
	} catch (error) {
		db.close();
		if ((error as {code?: string}).code === 'SQLITE_BUSY') {
			throw new StoreOpenError(
				`${dir} is in use by another chat serve (${holder(dir)}); stop it or use another --data-dir.`,
			);
		}

		throw error;
	}

	const pidFile = join(dir, PID_FILE);
	writeFileSync(pidFile, `${process.pid}\n`, {mode: 0o600});
	return {
		release() {
			rmSync(pidFile, {force: true});
			db.close();
		},
	};
}

function holder(dir: string): string {
	try {
		const pid = readFileSync(join(dir, PID_FILE), 'utf8').trim();
		return /^\d+$/.test(pid) ? `pid ${pid}` : 'pid unknown';
	} catch {
		return 'pid unknown';
	}
}
