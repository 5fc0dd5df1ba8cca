/**
 * Creates a file empty with mode 0600 if it is missing, and leaves an existing one as it
 * is (not even opened: it may be unreadable, and saying so is the caller's job). Made
 * before SQLite opens it, because SQLite creates a database with the process umask
 * (often 0644) and gives its -wal, -shm and -journal files the database's mode.
 */
import {closeSync, openSync} from 'node:fs';

export function createPrivateFile(file: string): void {
	try {
		closeSync(openSync(file, 'wx', 0o600));
	} catch (error) {
		if ((error as {code?: string}).code !== 'EEXIST') {
			throw error;
		}
	}
}
