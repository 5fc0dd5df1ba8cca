/**
 * Stores for tests of the chat without sockets: SQLite's own in-memory database, the
 * same implementation the server runs on.
 */
import type {Store} from '../../server/chat/store.js';
import {MEMORY, openStore} from '../../server/store/open-store.js';

export function memoryStore(): Store {
	return openStore(MEMORY, 'serve');
}

const WRITES: ReadonlySet<PropertyKey> = new Set([
	'appendGroupMessage',
	'appendDirectMessage',
	'createAccount',
	'setPasswordHash',
	'deleteAccount',
	'setAccountGroup',
	'advanceReadPosition',
	'saveGroup',
	'deleteGroup',
	'rememberClientId',
	'forgetClientIds',
]);

/**
 * An in-memory store that commits each write at once instead of at the end of the turn:
 * for tests of rules that look at what peers were sent right after an action. The
 * grouping of a turn's writes into one commit has tests of its own, over sockets.
 */
export function eagerStore(): Store {
	const store = memoryStore();
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
