/**
 * The writes of the Store as data: what a chat node publishes to the cluster's log (the
 * CHAT_LOG stream) and what every node applies, in the stream's order, to its replica.
 * One entry per Store write method, with that method's arguments: the log replays into
 * exactly the calls the chat made, so the replica is the same SQLite store a single
 * server keeps, and every read the chat makes is answered by code that is already tested.
 */
import type {DirectMessage, GroupMessage, Ok} from '../../protocol/index.js';
import type {AuditEvent} from '../chat/audit.js';
import type {PageStore} from '../chat/page-store.js';
import type {DmSide, NewAccount, Store} from '../chat/store.js';

/** The PageStore methods that write: each is logged with its arguments and replayed as that call. */
export const PAGE_WRITES = [
	'addPage',
	'addRecipients',
	'setStage',
	'markPage',
	'setEscalation',
	'requestReceipts',
	'markDm',
	'setReadReceipts',
] as const satisfies ReadonlyArray<keyof PageStore>;
export type PageWrite = (typeof PAGE_WRITES)[number];

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
	| {readonly op: 'forgetClientIds'; readonly user: string}
	/** A guest's client id: not the replica's but each node's SentIds' (cluster-sent-ids.ts). */
	| {readonly op: 'guestClientId'; readonly user: string; readonly clientId: string; readonly reply: Ok}
	| {readonly op: 'addAccountKey'; readonly name: string; readonly fingerprint: string; readonly publicKey: string}
	| {readonly op: 'deleteAccountKey'; readonly name: string; readonly fingerprint: string}
	| {readonly op: 'audit'; readonly event: AuditEvent; readonly time: string}
	| {readonly op: 'signAuditHead'; readonly time: string}
	| {readonly op: 'removeMessagesBefore'; readonly before: string; readonly limit: number}
	| {readonly op: 'removeAuditBefore'; readonly before: string; readonly time: string; readonly limit: number}
	| {readonly op: 'page'; readonly method: PageWrite; readonly args: readonly unknown[]};

/** One publish: the ops of one turn of one node (or a slice of a very large turn: entryPayloads). */
export interface LogEntry {
	/** The node that wrote it: that node applied it already, as it wrote. */
	readonly node: string;
	readonly ops: readonly LogOp[];
}

/**
 * Most bytes of one log entry. NATS refuses a message above its max_payload (1 MB by
 * default), and a burst read in one turn (thousands of messages from pipelining
 * clients) is more than that, so a turn's ops go out as several entries, each under this.
 */
export const MAX_ENTRY_BYTES = 512 * 1024;

/**
 * A turn's ops as the JSON of one or more LogEntry, in order, each op serialized once
 * and each entry under `maxBytes` (but one op, however large, is an entry of its own).
 */
export function entryPayloads(node: string, ops: readonly LogOp[], maxBytes = MAX_ENTRY_BYTES): string[] {
	const head = `{"node":${JSON.stringify(node)},"ops":[`;
	const payloads: string[] = [];
	let parts: string[] = [];
	let bytes = head.length + 2;
	for (const op of ops) {
		const part = JSON.stringify(op);
		// String length, not UTF-8 bytes: a text of 4-byte characters counts half; the bound leaves room for that.
		if (parts.length > 0 && bytes + part.length + 1 > maxBytes) {
			payloads.push(`${head}${parts.join(',')}]}`);
			parts = [];
			bytes = head.length + 2;
		}

		parts.push(part);
		bytes += part.length + 1;
	}

	if (parts.length > 0) {
		payloads.push(`${head}${parts.join(',')}]}`);
	}

	return payloads;
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

		case 'guestClientId': {
			// Not a write of the Store: the node hands it to its SentIds.
			break;
		}

		case 'addAccountKey': {
			store.addAccountKey(entry.name, entry.fingerprint, entry.publicKey);
			break;
		}

		case 'deleteAccountKey': {
			store.deleteAccountKey(entry.name, entry.fingerprint);
			break;
		}

		case 'audit': {
			store.audit(entry.event, entry.time);
			break;
		}

		case 'signAuditHead': {
			store.signAuditHead(entry.time);
			break;
		}

		case 'removeMessagesBefore': {
			store.removeMessagesBefore(entry.before, entry.limit);
			break;
		}

		case 'removeAuditBefore': {
			store.removeAuditBefore(entry.before, entry.time, entry.limit);
			break;
		}

		case 'page': {
			applyPageWrite(store.pages, entry.method, entry.args);
			break;
		}
	}
}

/** Replays a logged PageStore write: the arguments are the ones the writing node passed. */
export function applyPageWrite(pages: PageStore, method: PageWrite, args: readonly unknown[]): unknown {
	return (pages[method] as (...args: unknown[]) => unknown).apply(pages, [...args]);
}
