/**
 * Stores for tests: SQLite's in-memory database (the same code as a server's file,
 * without the disk), closed when the test ends; and temporary data directories.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ExecutionContext} from 'ava';
import type {Store} from '../../server/chat/store.js';
import {MEMORY, openStore} from '../../server/store/open-store.js';
import type {SqliteStore, SqliteStoreOptions} from '../../server/store/sqlite-store.js';

/** A fresh, migrated in-memory store; commits at the end of the turn unless `schedule` says otherwise. */
export function memoryStore(t: ExecutionContext, options: Omit<SqliteStoreOptions, 'onClose'> = {}): SqliteStore {
	const store = openStore(MEMORY, 'serve', options);
	t.teardown(() => store.close());
	return store;
}

/** An empty temporary directory, removed (with whatever the test left in it) when the test ends. */
export function tempDir(t: ExecutionContext): string {
	const dir = mkdtempSync(join(tmpdir(), 'chat-store-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	return dir;
}

/**
 * Commits the test runs by hand: the store's end-of-turn commit is queued here instead
 * of on setImmediate, so a test can look at the state between a write and its commit.
 */
export class ManualCommits {
	private readonly queued: Array<() => void> = [];

	readonly schedule = (commit: () => void): void => {
		this.queued.push(commit);
	};

	/** Runs the commits queued so far, as the end of the turn would. */
	run(): void {
		for (const commit of this.queued.splice(0)) {
			commit();
		}
	}
}

const WRITES: ReadonlySet<PropertyKey> = new Set([
	'appendGroupMessage',
	'appendDirectMessage',
	'createAccount',
	'setPasswordHash',
	'deleteAccount',
	'setAccountGroup',
	'advanceReadPosition',
	'addAccountKey',
	'deleteAccountKey',
	'saveGroup',
	'deleteGroup',
	'rememberClientId',
	'forgetClientIds',
	'audit',
	'signAuditHead',
	'removeMessagesBefore',
	'removeAuditBefore',
]);

/**
 * An in-memory store that commits each write at once instead of at the end of the turn:
 * for tests of rules that look at what peers were sent right after an action. The
 * grouping of a turn's writes into one commit has tests of its own, over sockets.
 */
export function eagerStore(): Store {
	const store = openStore(MEMORY, 'serve');
	return new Proxy(store, {
		get(target, key) {
			const value: unknown = Reflect.get(target, key, target);
			if (typeof value !== 'function') {
				return value;
			}

			return (...parameters: unknown[]) => {
				const result: unknown = (value as (...args: unknown[]) => unknown).apply(target, parameters);
				if (WRITES.has(key)) {
					target.flush();
				}

				return result;
			};
		},
	});
}
