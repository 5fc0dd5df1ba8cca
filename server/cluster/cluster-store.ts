/**
 * The Store of a chat node in a cluster. JetStream's CHAT_LOG stream is the truth: every
 * write of the chat is an op of the log (log-ops.ts), and each node keeps a replica, the
 * same SQLite store a single server keeps (in memory), holding the log applied in the
 * stream's order. Reads are the replica's, so they stay synchronous, as the chat needs.
 *
 * Commits. A turn's writes are applied to the replica at once (the turn reads what it
 * wrote, as with SQLite) and published as one log entry when the turn ends (several for
 * a turn too large for one NATS message: log-ops.ts, entryPayloads). The turn is
 * committed when JetStream acknowledges that entry (stored on a majority of a 3-member
 * cluster): only then do the afterCommit() callbacks run, so nothing is acknowledged or
 * delivered before the cluster holds it. Turns publish without waiting for the previous
 * one's ack, and their callbacks run in turn order.
 *
 * A publish that fails (NATS unreachable, no ack within the deadline) fails the turn:
 * its callbacks hear a StoreFailure, so the sender gets ERR STORE_FAILED, never an OK.
 * The replica then holds writes the log may not: the node refuses writes (failing every
 * turn at once) until it has rebuilt its replica from the log (`recover`), which it
 * does by itself once NATS answers again.
 */
import type {DirectMessage, GroupMessage, Ok} from '../../protocol/index.js';
import {
	runCommitCallbacks,
	StoreFailure,
	type Account,
	type DmSide,
	type MessagePage,
	type NewAccount,
	type Store,
	type StoredGroup,
	type Viewer,
} from '../chat/store.js';
import type {AuditEvent} from '../chat/audit.js';
import type {PageStore} from '../chat/page-store.js';
import type {AccountKey, RemovedMessages} from '../chat/store.js';
import {applyPageWrite, entryPayloads, PAGE_WRITES, type LogOp, type PageWrite} from './log-ops.js';

/** A node's replica: a Store that can also be saved whole (an audit's copy, a snapshot). */
export type Replica = Store & {serialize(): Buffer};

/** Where the log entries go: JetStream (jetstream-log.ts), or a test's fake. */
export interface ClusterLog {
	/** Resolves once the entry (a LogEntry's JSON) is stored (acknowledged); rejects with a StoreFailure if it may not be. */
	publish(payload: string, id: string): Promise<void>;
}

type CommitCallback = (failure: StoreFailure | undefined) => void;

interface Batch {
	readonly ops: LogOp[];
	readonly callbacks: CommitCallback[];
	/** Set once the publish has settled: undefined for stored. */
	outcome?: {failure: StoreFailure | undefined};
}

export interface ClusterStoreOptions {
	/** This node's id: it names its log entries, so it skips them when they come back. */
	readonly node: string;
	readonly log: ClusterLog;
	/** The replica, built from the log up to now. */
	readonly replica: Replica;
	/** How the publish is put off to the end of the turn; tests may hold it. */
	readonly schedule?: (publish: () => void) => void;
	/** Told when a turn could not be stored: the replica must be rebuilt. */
	readonly diverged?: () => void;
}

export class ClusterStore implements Store {
	private replica: Replica;
	private open: Batch | undefined;
	/** Published, in turn order, until their callbacks have run. */
	private readonly inFlight: Batch[] = [];
	private entries = 0;
	private closed = false;
	/** Why writes are refused: set from a failed turn until the replica is rebuilt. */
	private refusal: StoreFailure | undefined;
	private readonly schedule: (publish: () => void) => void;

	constructor(private readonly options: ClusterStoreOptions) {
		this.replica = options.replica;
		this.schedule = options.schedule ?? ((publish) => setImmediate(publish));
	}

	/** Whether writes are refused until the replica is rebuilt. */
	get refusing(): boolean {
		return this.refusal !== undefined;
	}

	/** Turns published and not yet settled (a rebuild waits for none). */
	get unsettled(): number {
		return this.inFlight.length;
	}

	/** An entry of another node, in the log's order: applied to the replica (not once closed). */
	applyRemote(apply: (replica: Store) => void): void {
		if (!this.closed) {
			apply(this.replica);
		}
	}

	/** Refuses every write until replaceReplica(): the replica is behind the log and being rebuilt. */
	refuseUntilRebuilt(reason: string): void {
		this.refusal ??= new StoreFailure(`this chat node is catching up with the cluster (${reason})`);
	}

	/** Puts a replica rebuilt from the log in place of the one that diverged; writes are taken again. */
	replaceReplica(replica: Replica): void {
		const old = this.replica;
		this.replica = replica;
		this.refusal = undefined;
		old.close();
	}

	/** The replica as a database image, with every write applied to it so far (committed first). */
	replicaImage(): Buffer {
		this.replica.flush();
		return this.replica.serialize();
	}

	/** Entries published so far: unchanged across a wait, nothing of this node's was written meanwhile. */
	get published(): number {
		return this.entries;
	}

	// --- Commits ---

	get pending(): boolean {
		return this.open !== undefined || this.inFlight.length > 0;
	}

	afterCommit(callback: CommitCallback): void {
		const batch = this.open ?? this.inFlight.at(-1);
		if (batch) {
			batch.callbacks.push(callback);
		} else {
			callback(undefined);
		}
	}

	/** A cluster commit waits for the network: it cannot complete synchronously. */
	flush(): void {
		throw new StoreFailure('a cluster store commits when JetStream acknowledges, never synchronously');
	}

	/** Publishes what is pending; the callbacks run when it is acknowledged (closed() waits for that). */
	close(): void {
		this.seal();
		this.closed = true;
		this.replica.close();
	}

	/** Resolves once every turn written so far (the open one too) has settled. */
	async settled(): Promise<void> {
		// The turn still open too: what was written before the call, not only what was published.
		const last = this.open ?? this.inFlight.at(-1);
		if (last) {
			await new Promise<void>((resolve) => last.callbacks.push(() => resolve()));
		}
	}

	// --- Messages ---

	lastMessageId(): number {
		return this.replica.lastMessageId();
	}

	appendGroupMessage(message: GroupMessage): void {
		this.write({op: 'group', message}, (replica) => replica.appendGroupMessage(message));
	}

	appendDirectMessage(message: DirectMessage, from: DmSide, to: DmSide): void {
		this.write({op: 'dm', message, from, to}, (replica) => replica.appendDirectMessage(message, from, to));
	}

	after(viewer: Viewer, afterId: number, limit: number): MessagePage {
		return this.replica.after(viewer, afterId, limit);
	}

	before(viewer: Viewer, beforeId: number, limit: number): MessagePage {
		return this.replica.before(viewer, beforeId, limit);
	}

	search(viewer: Viewer, words: readonly string[], limit: number): MessagePage {
		return this.replica.search(viewer, words, limit);
	}

	countAfter(viewer: Viewer, afterId: number): number {
		return this.replica.countAfter(viewer, afterId);
	}

	// --- Accounts ---

	account(name: string): Account | undefined {
		return this.replica.account(name);
	}

	accounts(): Account[] {
		return this.replica.accounts();
	}

	createAccount(account: NewAccount): boolean {
		return this.write({op: 'createAccount', account}, (replica) => replica.createAccount(account));
	}

	setPasswordHash(name: string, passwordHash: string): boolean {
		return this.write({op: 'setPasswordHash', name, passwordHash}, (replica) =>
			replica.setPasswordHash(name, passwordHash),
		);
	}

	deleteAccount(name: string): boolean {
		return this.write({op: 'deleteAccount', name}, (replica) => replica.deleteAccount(name));
	}

	setAccountGroup(name: string, group: string): void {
		this.write({op: 'setAccountGroup', name, group}, (replica) => replica.setAccountGroup(name, group));
	}

	advanceReadPosition(name: string, id: number): void {
		this.write({op: 'advanceReadPosition', name, id}, (replica) => replica.advanceReadPosition(name, id));
	}

	// --- Groups ---

	groups(): StoredGroup[] {
		return this.replica.groups();
	}

	saveGroup(name: string): void {
		this.write({op: 'saveGroup', name}, (replica) => replica.saveGroup(name));
	}

	deleteGroup(name: string): void {
		this.write({op: 'deleteGroup', name}, (replica) => replica.deleteGroup(name));
	}

	// --- Client ids ---

	recallClientId(user: string, clientId: string): Ok | undefined {
		return this.replica.recallClientId(user, clientId);
	}

	rememberClientId(user: string, clientId: string, reply: Ok): void {
		this.write({op: 'rememberClientId', user, clientId, reply}, (replica) =>
			replica.rememberClientId(user, clientId, reply),
		);
	}

	/** A guest's client id, logged with the turn's message; applied by each node to its SentIds, not to the replica. */
	rememberGuestClientId(user: string, clientId: string, reply: Ok): void {
		this.write({op: 'guestClientId', user, clientId, reply}, () => undefined);
	}

	forgetClientIds(user: string): void {
		this.write({op: 'forgetClientIds', user}, (replica) => replica.forgetClientIds(user));
	}

	// --- SSH keys ---

	accountKey(fingerprint: string): AccountKey | undefined {
		return this.replica.accountKey(fingerprint);
	}

	accountKeys(name: string): AccountKey[] {
		return this.replica.accountKeys(name);
	}

	addAccountKey(name: string, fingerprint: string, publicKey: string): boolean {
		return this.write({op: 'addAccountKey', name, fingerprint, publicKey}, (replica) =>
			replica.addAccountKey(name, fingerprint, publicKey),
		);
	}

	deleteAccountKey(name: string, fingerprint: string): boolean {
		return this.write({op: 'deleteAccountKey', name, fingerprint}, (replica) =>
			replica.deleteAccountKey(name, fingerprint),
		);
	}

	// --- Pages and receipts: reads from the replica, every write logged as its call ---

	/** Made once: the replica may be replaced (a rebuild), so each call finds the current one. */
	readonly pages: PageStore = this.pageStore();

	private pageStore(): PageStore {
		const reads = (replica: () => Store): Partial<PageStore> => ({
			page: (id) => replica().pages.page(id),
			recipients: (id) => replica().pages.recipients(id),
			openPages: () => replica().pages.openPages(),
			unacknowledged: (key) => replica().pages.unacknowledged(key),
			escalation: (group) => replica().pages.escalation(group),
			dmReceipt: (id) => replica().pages.dmReceipt(id),
			undeliveredDms: (key) => replica().pages.undeliveredDms(key),
			sendsReadReceipts: (key) => replica().pages.sendsReadReceipts(key),
		});
		const writes = Object.fromEntries(
			PAGE_WRITES.map((method: PageWrite) => [
				method,
				(...args: unknown[]) =>
					this.write({op: 'page', method, args}, (replica) => applyPageWrite(replica.pages, method, args)),
			]),
		);
		return {...reads(() => this.replica), ...writes} as PageStore;
	}

	// --- The audit trail: each node's replica holds the same chain, built in the log's order ---

	audit(event: AuditEvent, time: string): void {
		this.write({op: 'audit', event, time}, (replica) => replica.audit(event, time));
	}

	signAuditHead(time: string): void {
		this.write({op: 'signAuditHead', time}, (replica) => replica.signAuditHead(time));
	}

	removeMessagesBefore(before: string, limit: number): RemovedMessages | undefined {
		return this.write({op: 'removeMessagesBefore', before, limit}, (replica) =>
			replica.removeMessagesBefore(before, limit),
		);
	}

	removeAuditBefore(before: string, time: string, limit: number): number {
		return this.write({op: 'removeAuditBefore', before, time, limit}, (replica) =>
			replica.removeAuditBefore(before, time, limit),
		);
	}

	// --- The log ---

	/**
	 * A write that changes nothing in the replica (a false answer: no such account, a name
	 * taken) is not logged: the replica of every node would answer the same.
	 */
	private write<T>(op: LogOp, apply: (replica: Store) => T): T {
		if (!this.open) {
			this.open = {ops: [], callbacks: []};
			const opened = this.open;
			this.schedule(() => {
				if (this.open === opened) {
					this.seal();
				}
			});
		}

		const result = apply(this.replica);
		if (result !== false) {
			this.open.ops.push(op);
		}

		return result;
	}

	private seal(): void {
		const batch = this.open;
		if (!batch) {
			return;
		}

		this.open = undefined;
		this.inFlight.push(batch);
		const settle = (failure: StoreFailure | undefined) => {
			if (failure && !this.refusal) {
				this.refusal = new StoreFailure(
					`this chat node is catching up with the cluster after a failed write (${failure.message})`,
				);
				this.options.diverged?.();
			}

			batch.outcome = {failure};
			this.runSettled();
		};

		if (this.refusal) {
			settle(this.refusal);
			return;
		}

		if (batch.ops.length === 0) {
			settle(undefined);
			return;
		}

		// All the turn's entries are sent now, in order (one connection keeps it), and the turn
		// is stored once every one is: a turn too large for one NATS message is several.
		const published = entryPayloads(this.options.node, batch.ops).map((payload) =>
			this.options.log.publish(payload, `${this.options.node}.${++this.entries}`),
		);
		// Settled once every entry is (none still retrying when the node starts a rebuild).
		void Promise.allSettled(published).then((outcomes) => {
			const failed = outcomes.find((outcome) => outcome.status === 'rejected');
			const error: unknown = failed?.reason;
			settle(failed ? (error instanceof StoreFailure ? error : new StoreFailure(String(error))) : undefined);
		});
	}

	/** Runs the callbacks of every settled turn at the head of the queue, in turn order. */
	private runSettled(): void {
		while (this.inFlight[0]?.outcome) {
			const batch = this.inFlight.shift()!;
			const {failure} = batch.outcome!;
			runCommitCallbacks(batch.callbacks, failure);
		}
	}
}
