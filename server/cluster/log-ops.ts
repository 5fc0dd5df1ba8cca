/**
 * The writes of the Store as data: what a chat node publishes to the cluster's log (the
 * CHAT_LOG stream) and what every node applies, in the stream's order, to its replica.
 * One entry per Store write method, with that method's arguments: the log replays into
 * exactly the calls the chat made, so the replica is the same SQLite store a single
 * server keeps, and every read the chat makes is answered by code that is already tested.
 */
import type {DirectMessage, GroupMessage, Ok} from '../../protocol/index.js';
import type {DmSide, NewAccount, Store} from '../chat/store.js';

export type LogOp =
	| {readonly op: 'group'; readonly message: GroupMessage}
	| {readonly op: 'dm'; readonly message: DirectMessage; readonly from: DmSide; readonly to: DmSide}
	| {readonly op: 'createAccount'; readonly account: NewAccount}
	| {readonly op: 'setPasswordHash'; readonly name: string; readonly passwordHash: string}
	| {readonly op: 'deleteAccount'; readonly name: string}
	| {readonly op: 'setAccountGroup'; readonly name: string; readonly group: string}
	| {readonly op: 'advanceReadPosition'; readonly name: string; readonly id: number}
	| {readonly op: 'saveGroup'; readonly name: string}
	| {readonly op: 'deleteGroup'; readonly name: string}
	| {readonly op: 'rememberClientId'; readonly user: string; readonly clientId: string; readonly reply: Ok}
	| {readonly op: 'forgetClientIds'; readonly user: string};

/** One publish: the ops of one turn of one node (or a slice of a very large turn). */
export interface LogEntry {
	/** The node that wrote it: that node applied it already, as it wrote. */
	readonly node: string;
	readonly ops: readonly LogOp[];
}

/** Makes the call the op stands for. */
export function applyOp(store: Store, entry: LogOp): void {
	switch (entry.op) {
		case 'group': {
			store.appendGroupMessage(entry.message);
			break;
		}

		case 'dm': {
			store.appendDirectMessage(entry.message, entry.from, entry.to);
			break;
		}

		case 'createAccount': {
			store.createAccount(entry.account);
			break;
		}

		case 'setPasswordHash': {
			store.setPasswordHash(entry.name, entry.passwordHash);
			break;
		}

		case 'deleteAccount': {
			store.deleteAccount(entry.name);
			break;
		}

		case 'setAccountGroup': {
			store.setAccountGroup(entry.name, entry.group);
			break;
		}

		case 'advanceReadPosition': {
			store.advanceReadPosition(entry.name, entry.id);
			break;
		}

		case 'saveGroup': {
			store.saveGroup(entry.name);
			break;
		}

		case 'deleteGroup': {
			store.deleteGroup(entry.name);
			break;
		}

		case 'rememberClientId': {
			store.rememberClientId(entry.user, entry.clientId, entry.reply);
			break;
		}

		case 'forgetClientIds': {
			store.forgetClientIds(entry.user);
			break;
		}
	}
}
