/**
 * The Store over one SQLite connection (better-sqlite3: synchronous calls, which is
 * what lets a turn's writes share a transaction without interleaving with another
 * turn's). The connection arrives open and migrated (open-store.ts does that, with the
 * file handling); this class is the chat's reads and writes and the commit grouping.
 */
import type {KeyObject} from 'node:crypto';
import type {Database, Statement} from 'better-sqlite3';
import {nameKey, type DirectMessage, type GroupMessage, type Ok} from '../../protocol/index.js';
import type {AuditEvent} from '../chat/audit.js';
import {
	StoreFailure,
	type Account,
	type AccountKey,
	type DmSide,
	type MessagePage,
	type NewAccount,
	type RemovedMessages,
	type Store,
	type StoredGroup,
	type StoredMessage,
	type Viewer,
	runCommitCallbacks,
} from '../chat/store.js';
import {AuditChain, type ChainHead} from './audit-chain.js';
import {IndexPace} from './index-pace.js';
import {RowBatch} from './row-batch.js';
import {matchQuery} from './match-query.js';
import {SqlitePageStore} from './sqlite-page-store.js';

/** Client ids kept per user, at least: a client resends at most what it sent while disconnected. */
export const CLIENT_IDS_PER_USER = 1000;
/**
 * How far past CLIENT_IDS_PER_USER a user's ids may go before the oldest are deleted:
 * finding the cut costs a walk over the user's ids, so it is paid once per this many.
 */
export const CLIENT_IDS_SLACK = 100;
// Users whose count is cached; past it the cache starts again (counts are re-read on demand).
const MAX_COUNTED_USERS = 10_000;
/** Messages indexed for SEARCH per background batch: bounded, so a batch never holds up a turn for long. */
export const INDEX_BATCH = 2000;
/** How often the background indexer looks for messages to index. */
export const INDEX_INTERVAL_MS = 500;

export interface SqliteStoreOptions {
	/** How the commit is put off to the end of the turn; tests may hold it. */
	readonly schedule?: (commit: () => void) => void;
	/** When accounts are made. */
	readonly now?: () => Date;
	/** Called once the connection is closed (open-store.ts releases the data directory here). */
	readonly onClose?: () => void;
	/**
	 * Starts calling `tick` now and then to index new messages for SEARCH, and returns how
	 * to stop; by default every INDEX_INTERVAL_MS in which nothing was written, or with
	 * INDEX_BACKLOG messages waiting (index-pace.ts). Tests tick by hand.
	 */
	readonly indexTimer?: (tick: () => void) => () => void;
	/** Signs the audit chain's checkpoints (Ed25519); without it signAuditHead() does nothing. */
	readonly auditKey?: KeyObject;
}

type CommitCallback = (failure: StoreFailure | undefined) => void;

interface Transaction {
	/** The first write that failed; the rest of the turn is not attempted. */
	failure: StoreFailure | undefined;
	readonly callbacks: CommitCallback[];
	/** The audit chain's head as this transaction leaves it; read at its first audit entry. */
	auditHead?: ChainHead;
}

interface MessageRow {
	readonly id: number;
	readonly time: string;
	readonly sender: string;
	readonly group_name: string | null;
	readonly recipient: string | null;
	readonly text: string;
}

interface AccountRow {
	readonly name: string;
	readonly key: string;
	readonly password_hash: string;
	readonly group_name: string;
	readonly read_position: number;
	readonly created: string;
}

interface AccountKeyRow {
	readonly account: string;
	readonly fingerprint: string;
	readonly public_key: string;
	readonly added: string;
}

/** Bound parameters of every scoped read. */
interface Scope {
	readonly group: string;
	readonly account: number | null;
	readonly session: string | null;
}

const MESSAGE_COLUMNS = 'id, time, sender, group_name, recipient, text';

// What a viewer may see: one condition per index. Written as a UNION of one indexed,
// limited subquery each rather than one OR, so a page costs `limit` rows per branch
// however long the history is.
const VISIBLE_BY = [
	'group_key = @group',
	'from_account = @account',
	'to_account = @account',
	'from_session = @session',
	'to_session = @session',
];

function scopedPage(condition: string, order: 'ASC' | 'DESC'): string {
	const branches = VISIBLE_BY.map(
		(visible) =>
			`SELECT * FROM (SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${visible} AND ${condition} ORDER BY id ${order} LIMIT @limit)`,
	);
	return `${branches.join(' UNION ')} ORDER BY id ${order} LIMIT @limit`;
}

export class SqliteStore implements Store {
	readonly pages: SqlitePageStore;
	private transaction: Transaction | undefined;
	/** Client ids each user has stored, as far as this connection knows (an overestimate is harmless). */
	private readonly clientIdCounts = new Map<string, number>();
	private closed = false;
	private readonly schedule: (commit: () => void) => void;
	private readonly now: () => Date;
	private readonly onClose: (() => void) | undefined;
	private readonly statements: ReturnType<typeof prepare>;
	private readonly chain: AuditChain;
	/** Group messages stored and not inserted yet (row-batch.ts): inserted before any read or other write, and the commit. */
	private readonly groupMessages: RowBatch;
	private readonly stopIndexing: () => void;
	/** Whether the default index timer's interval was quiet. */
	private readonly pace = new IndexPace();
	/**
	 * Messages stored and not indexed yet, about (rolled-back ones still count: an
	 * overestimate). 1 at the start: a previous run may have left some, and the first
	 * quiet interval looks; a batch that finds fewer than it may take has caught up.
	 */
	private unindexed = 1;

	constructor(
		private readonly db: Database,
		options: SqliteStoreOptions = {},
	) {
		this.schedule = options.schedule ?? ((commit) => setImmediate(commit));
		this.now = options.now ?? (() => new Date());
		this.onClose = options.onClose;
		this.statements = prepare(db);
		this.pages = new SqlitePageStore(db, {
			write: (run) => this.write(run, undefined),
			read: (run) => this.read(run),
		});
		this.chain = new AuditChain(db, options.auditKey);
		this.groupMessages = new RowBatch(db, 'INSERT INTO messages (id, time, sender, group_name, group_key, text)', 6);
		this.stopIndexing = (options.indexTimer ?? ((tick) => this.whenIdle(tick)))(() => this.indexInBackground());
	}

	// --- Commits ---

	get pending(): boolean {
		return this.transaction !== undefined;
	}

	afterCommit(callback: CommitCallback): void {
		if (this.transaction) {
			this.transaction.callbacks.push(callback);
		} else {
			callback(undefined);
		}
	}

	flush(): void {
		const failure = this.commit();
		if (failure) {
			throw failure;
		}
	}

	close(): void {
		if (this.closed) {
			return;
		}

		// A failed last commit has told its callbacks; closing goes on regardless.
		this.commit();
		this.closed = true;
		this.stopIndexing();
		this.db.close();
		this.onClose?.();
	}

	/**
	 * The whole database as one image (what a file of it would hold), committed writes only:
	 * a cluster node's replica saved for an audit (`chat audit verify` reads it) or as a snapshot.
	 */
	serialize(): Buffer {
		return this.db.serialize();
	}

	// --- Messages ---

	lastMessageId(): number {
		return this.read(() => (this.statements.lastMessageId.pluck().get() as number | null) ?? 0);
	}

	appendGroupMessage(message: GroupMessage): void {
		this.unindexed++;
		this.write(
			() => {
				// Positional, only the columns a group message has, and many rows to a statement:
				// the hot path of a burst, where binding eleven named parameters from an object
				// cost more than the insert itself.
				this.groupMessages.add(
					Number(message.id),
					message.time,
					message.from,
					message.group,
					nameKey(message.group),
					message.text,
				);
			},
			undefined,
			'held',
		);
	}

	appendDirectMessage(message: DirectMessage, from: DmSide, to: DmSide): void {
		this.unindexed++;
		this.write(() => {
			this.statements.insertMessage.run({
				...messageColumns(message),
				groupName: null,
				groupKey: null,
				recipient: message.to,
				fromAccount: 'account' in from ? this.accountId(from.account) : null,
				fromSession: 'session' in from ? from.session : null,
				toAccount: 'account' in to ? this.accountId(to.account) : null,
				toSession: 'session' in to ? to.session : null,
			});
		}, undefined);
	}

	after(viewer: Viewer, afterId: number, limit: number): MessagePage {
		return this.read(() => {
			const rows = this.statements.after.all({...this.scope(viewer), after: afterId, limit: limit + 1});
			return page(rows as MessageRow[], limit);
		});
	}

	before(viewer: Viewer, beforeId: number, limit: number): MessagePage {
		return this.read(() => {
			const below = beforeId > 0 ? beforeId : Number.MAX_SAFE_INTEGER;
			const rows = this.statements.before.all({...this.scope(viewer), before: below, limit: limit + 1});
			const {messages, more} = page(rows as MessageRow[], limit);
			return {messages: [...messages].reverse(), more};
		});
	}

	search(viewer: Viewer, words: readonly string[], limit: number): MessagePage {
		if (words.length === 0) {
			return {messages: [], more: false};
		}

		return this.read(() => {
			this.catchUpIndex();
			const rows = this.statements.search.all({...this.scope(viewer), query: matchQuery(words), limit: limit + 1});
			return page(rows as MessageRow[], limit);
		});
	}

	countAfter(viewer: Viewer, afterId: number): number {
		return this.read(() => this.statements.countAfter.pluck().get({...this.scope(viewer), after: afterId}) as number);
	}

	// --- Accounts ---

	account(name: string): Account | undefined {
		return this.read(() => {
			const row = this.statements.account.get({key: nameKey(name)}) as AccountRow | undefined;
			return row && toAccount(row);
		});
	}

	accounts(): Account[] {
		return this.read(() => (this.statements.accounts.all() as AccountRow[]).map(toAccount));
	}

	createAccount(account: NewAccount): boolean {
		return this.write(() => {
			const {changes} = this.statements.insertAccount.run({
				key: nameKey(account.name),
				name: account.name,
				passwordHash: account.passwordHash,
				groupName: account.group,
				created: this.now().toISOString(),
			});
			return changes > 0;
		}, false);
	}

	setPasswordHash(name: string, passwordHash: string): boolean {
		return this.write(() => this.statements.setPasswordHash.run({key: nameKey(name), passwordHash}).changes > 0, false);
	}

	deleteAccount(name: string): boolean {
		return this.write(() => {
			const key = nameKey(name);
			this.statements.forgetClientIds.run({user: key});
			this.clientIdCounts.delete(key);
			this.statements.deleteAccountKeys.run({key});
			return this.statements.deleteAccount.run({key}).changes > 0;
		}, false);
	}

	setAccountGroup(name: string, group: string): void {
		this.write(() => {
			this.statements.setAccountGroup.run({key: nameKey(name), groupName: group});
		}, undefined);
	}

	advanceReadPosition(name: string, id: number): void {
		this.write(() => {
			this.statements.advanceReadPosition.run({key: nameKey(name), id});
		}, undefined);
	}

	// --- SSH keys of accounts ---

	accountKey(fingerprint: string): AccountKey | undefined {
		return this.read(() => {
			const row = this.statements.accountKey.get({fingerprint}) as AccountKeyRow | undefined;
			return row && toAccountKey(row);
		});
	}

	accountKeys(name: string): AccountKey[] {
		return this.read(() =>
			(this.statements.accountKeys.all({key: nameKey(name)}) as AccountKeyRow[]).map(toAccountKey),
		);
	}

	addAccountKey(name: string, fingerprint: string, publicKey: string): boolean {
		return this.write(() => {
			const {changes} = this.statements.insertAccountKey.run({
				key: nameKey(name),
				fingerprint,
				publicKey,
				added: this.now().toISOString(),
			});
			return changes > 0;
		}, false);
	}

	deleteAccountKey(name: string, fingerprint: string): boolean {
		return this.write(() => this.statements.deleteAccountKey.run({key: nameKey(name), fingerprint}).changes > 0, false);
	}

	// --- Groups ---

	groups(): StoredGroup[] {
		return this.read(() => this.statements.groups.all() as StoredGroup[]);
	}

	saveGroup(name: string): void {
		this.write(() => {
			this.statements.insertGroup.run({key: nameKey(name), name});
		}, undefined);
	}

	deleteGroup(name: string): void {
		this.write(() => {
			this.statements.deleteGroup.run({key: nameKey(name)});
		}, undefined);
	}

	// --- Client ids ---

	recallClientId(user: string, clientId: string): Ok | undefined {
		return this.read(() => {
			const reply = this.statements.recallClientId.pluck().get({user: nameKey(user), clientId}) as string | undefined;
			return reply === undefined ? undefined : (JSON.parse(reply) as Ok);
		});
	}

	rememberClientId(user: string, clientId: string, reply: Ok): void {
		this.write(() => {
			const key = nameKey(user);
			this.statements.rememberClientId.run({user: key, clientId, reply: JSON.stringify(reply)});
			const known = this.clientIdCounts.get(key);
			let count = known === undefined ? (this.statements.countClientIds.pluck().get({user: key}) as number) : known + 1;
			if (count > CLIENT_IDS_PER_USER + CLIENT_IDS_SLACK) {
				this.statements.pruneClientIds.run({user: key, keep: CLIENT_IDS_PER_USER});
				count = CLIENT_IDS_PER_USER;
			}

			if (known === undefined && this.clientIdCounts.size >= MAX_COUNTED_USERS) {
				this.clientIdCounts.clear();
			}

			this.clientIdCounts.set(key, count);
		}, undefined);
	}

	forgetClientIds(user: string): void {
		this.write(() => {
			const key = nameKey(user);
			this.statements.forgetClientIds.run({user: key});
			this.clientIdCounts.delete(key);
		}, undefined);
	}

	// --- The audit trail and retention ---

	audit(event: AuditEvent, time: string): void {
		this.write(
			() => {
				const transaction = this.transaction!;
				transaction.auditHead = this.chain.append(transaction.auditHead ?? this.chain.head(), event, time);
			},
			undefined,
			'held',
		);
	}

	signAuditHead(time: string): void {
		this.write(() => {
			this.chain.checkpoint(this.transaction!.auditHead ?? this.chain.head(), time);
		}, undefined);
	}

	removeMessagesBefore(before: string, limit: number): RemovedMessages | undefined {
		return this.write(() => {
			const oldest = this.statements.oldestMessages.all({limit}) as Array<{id: number; time: string}>;
			let messages = 0;
			while (messages < oldest.length && oldest[messages]!.time < before) {
				messages++;
			}

			if (messages === 0) {
				return undefined;
			}

			const last = oldest[messages - 1]!.id;
			// The delete trigger takes indexed rows out of the full-text index too.
			this.statements.removeMessagesThrough.run({last});
			return {messages, first: String(oldest[0]!.id), last: String(last)};
		}, undefined);
	}

	removeAuditBefore(before: string, time: string, limit: number): number {
		return this.write(() => {
			const transaction = this.transaction!;
			const removed = this.chain.removeBefore(transaction.auditHead ?? this.chain.head(), before, time, limit);
			transaction.auditHead = removed.head;
			return removed.entries;
		}, 0);
	}

	// --- The full-text index ---

	/**
	 * Indexes every message not yet indexed, so a search sees all of them: inside the
	 * turn's transaction if one is open (a rollback then undoes the indexing with the
	 * messages), else in a transaction of its own.
	 */
	private catchUpIndex(): void {
		const index = () => this.indexBatch(Number.MAX_SAFE_INTEGER);
		if (this.db.inTransaction) {
			index();
		} else {
			this.db.transaction(index).immediate();
		}
	}

	/** The default index timer: ticks every INDEX_INTERVAL_MS in which nothing was written, or with a large backlog. */
	private whenIdle(tick: () => void): () => void {
		const timer = setInterval(() => {
			if (this.pace.due(this.unindexed)) {
				tick();
			}
		}, INDEX_INTERVAL_MS);
		// The indexer never keeps a process alive: `chat user` exits when done, and a
		// server's message is indexed by the next search anyway.
		timer.unref();
		return () => clearInterval(timer);
	}

	/**
	 * One bounded batch of background indexing, between turns: never while a turn is
	 * writing, so it never joins (or holds up) a transaction whose callbacks deliver.
	 * A full batch means more may wait; the next batch follows once I/O has had its turn.
	 */
	private indexInBackground(): void {
		if (this.closed || this.transaction) {
			return;
		}

		let indexed: number;
		try {
			indexed = this.db.transaction(() => this.indexBatch(INDEX_BATCH)).immediate();
		} catch {
			// Busy (an operator's `chat user` holds the lock) or failing: the next tick,
			// or the next search, tries again; a search reports a failure that lasts.
			return;
		}

		if (indexed === INDEX_BATCH) {
			setImmediate(() => this.indexInBackground());
		}
	}

	/** Indexes up to `limit` messages past the last indexed id; returns how many. */
	private indexBatch(limit: number): number {
		const last = this.statements.indexedUpTo.pluck().get() as number;
		const upTo = this.statements.indexBatchEnd.pluck().get({last, limit}) as number | null;
		if (upTo === null) {
			this.unindexed = 0;
			return 0;
		}

		const {changes} = this.statements.indexRange.run({last, upTo});
		this.statements.setIndexedUpTo.run({upTo});
		this.unindexed = changes < limit ? 0 : Math.max(0, this.unindexed - changes);
		return changes;
	}

	// --- The machinery ---

	/**
	 * Runs one write inside the turn's transaction, opening it (and scheduling its commit)
	 * on the turn's first write. A failure is kept for the commit to report, not thrown:
	 * the caller has queued, or will queue, what depends on it with afterCommit(). Rows
	 * held for a batch are inserted first unless this write only holds one more ('held'):
	 * any other write may read or depend on them.
	 */
	private write<T>(run: () => T, otherwise: T, rows: 'held' | 'inserted' = 'inserted'): T {
		this.assertOpen();
		let transaction = this.transaction;
		if (!transaction) {
			transaction = {failure: undefined, callbacks: []};
			this.transaction = transaction;
			this.pace.wrote();
			const opened = transaction;
			this.schedule(() => {
				if (this.transaction === opened) {
					this.commit();
				}
			});
			try {
				// IMMEDIATE: take the write lock now, so an operator's `chat user` waits for
				// this turn instead of failing our commit at the end of it.
				this.db.exec('BEGIN IMMEDIATE');
			} catch (error) {
				transaction.failure = failureOf(error);
			}
		}

		if (transaction.failure) {
			return otherwise;
		}

		try {
			if (rows === 'inserted') {
				this.insertHeldRows();
			}

			return run();
		} catch (error) {
			transaction.failure = failureOf(error);
			return otherwise;
		}
	}

	/** Commits (or, after a failed write, rolls back) the open transaction and runs its callbacks. */
	private commit(): StoreFailure | undefined {
		const transaction = this.transaction;
		if (!transaction) {
			return undefined;
		}

		this.transaction = undefined;
		let failure = transaction.failure;
		if (!failure) {
			try {
				this.insertHeldRows();
				this.db.exec('COMMIT');
			} catch (error) {
				failure = failureOf(error);
			}
		}

		if (failure) {
			this.groupMessages.drop();
			this.chain.entries.drop();
			// SQLite rolls some failures back by itself (SQLITE_FULL may); roll back the rest.
			if (this.db.inTransaction) {
				try {
					this.db.exec('ROLLBACK');
				} catch {
					// Nothing more to undo: the connection has abandoned the transaction.
				}
			}

			// The counts included the rolled-back ids.
			this.clientIdCounts.clear();
			// Indexing done in the turn was undone with it: the next quiet interval looks again.
			this.unindexed = Math.max(this.unindexed, 1);
		}

		runCommitCallbacks(transaction.callbacks, failure);

		return failure;
	}

	private read<T>(run: () => T): T {
		this.assertOpen();
		// Reads see the turn's writes: rows held for a batch go in first.
		if (this.transaction && !this.transaction.failure) {
			try {
				this.insertHeldRows();
			} catch (error) {
				this.transaction.failure = failureOf(error);
			}
		}

		try {
			return run();
		} catch (error) {
			throw failureOf(error);
		}
	}

	/** Inserts the group messages and audit entries held for a batch (row-batch.ts); throws if that fails. */
	private insertHeldRows(): void {
		this.groupMessages.insert();
		this.chain.entries.insert();
	}

	private assertOpen(): void {
		if (this.closed) {
			throw new StoreFailure('the store is closed');
		}
	}

	private accountId(name: string): number | null {
		return (this.statements.accountId.pluck().get({key: nameKey(name)}) as number | undefined) ?? null;
	}

	private scope(viewer: Viewer): Scope {
		return {
			group: nameKey(viewer.group),
			account: viewer.account === undefined ? null : this.accountId(viewer.account),
			session: viewer.session ?? null,
		};
	}
}

function prepare(db: Database) {
	const statement = (sql: string): Statement => db.prepare(sql);
	return {
		// Pages take their ids from the same sequence.
		lastMessageId: statement(
			'SELECT max(coalesce((SELECT max(id) FROM messages), 0), coalesce((SELECT max(id) FROM pages), 0))',
		),
		insertMessage: statement(
			`INSERT INTO messages (id, time, sender, group_name, group_key, recipient, from_account, from_session, to_account, to_session, text)
			VALUES (@id, @time, @sender, @groupName, @groupKey, @recipient, @fromAccount, @fromSession, @toAccount, @toSession, @text)`,
		),
		after: statement(scopedPage('id > @after', 'ASC')),
		before: statement(scopedPage('id < @before', 'DESC')),
		countAfter: statement(
			`SELECT count(*) FROM (${VISIBLE_BY.map((visible) => `SELECT id FROM messages WHERE ${visible} AND id > @after`).join(' UNION ')})`,
		),
		search: statement(
			`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id IN (SELECT rowid FROM messages_text WHERE messages_text MATCH @query)
			AND (${VISIBLE_BY.join(' OR ')}) ORDER BY id DESC LIMIT @limit`,
		),
		account: statement(
			'SELECT name, key, password_hash, group_name, read_position, created FROM accounts WHERE key = @key',
		),
		accountId: statement('SELECT id FROM accounts WHERE key = @key'),
		accounts: statement(
			'SELECT name, key, password_hash, group_name, read_position, created FROM accounts ORDER BY key',
		),
		insertAccount: statement(
			`INSERT OR IGNORE INTO accounts (key, name, password_hash, group_name, created)
			VALUES (@key, @name, @passwordHash, @groupName, @created)`,
		),
		setPasswordHash: statement('UPDATE accounts SET password_hash = @passwordHash WHERE key = @key'),
		deleteAccount: statement('DELETE FROM accounts WHERE key = @key'),
		accountKey: statement(
			`SELECT accounts.name AS account, fingerprint, public_key, added FROM account_keys
			JOIN accounts ON accounts.id = account_keys.account WHERE fingerprint = @fingerprint`,
		),
		accountKeys: statement(
			`SELECT accounts.name AS account, fingerprint, public_key, added FROM account_keys
			JOIN accounts ON accounts.id = account_keys.account WHERE accounts.key = @key ORDER BY added, fingerprint`,
		),
		// Nothing when there is no such account (the SELECT is empty) or the key is bound already (IGNORE).
		insertAccountKey: statement(
			`INSERT OR IGNORE INTO account_keys (fingerprint, account, public_key, added)
			SELECT @fingerprint, id, @publicKey, @added FROM accounts WHERE key = @key`,
		),
		deleteAccountKey: statement(
			`DELETE FROM account_keys WHERE fingerprint = @fingerprint
			AND account = (SELECT id FROM accounts WHERE key = @key)`,
		),
		deleteAccountKeys: statement('DELETE FROM account_keys WHERE account = (SELECT id FROM accounts WHERE key = @key)'),
		setAccountGroup: statement('UPDATE accounts SET group_name = @groupName WHERE key = @key'),
		advanceReadPosition: statement('UPDATE accounts SET read_position = @id WHERE key = @key AND read_position < @id'),
		groups: statement('SELECT name, key FROM groups ORDER BY id'),
		insertGroup: statement('INSERT OR IGNORE INTO groups (key, name) VALUES (@key, @name)'),
		deleteGroup: statement('DELETE FROM groups WHERE key = @key'),
		recallClientId: statement('SELECT reply FROM client_ids WHERE user_key = @user AND client_id = @clientId'),
		rememberClientId: statement(
			'INSERT OR REPLACE INTO client_ids (user_key, client_id, reply) VALUES (@user, @clientId, @reply)',
		),
		// Everything older than the user's `keep` newest (the subquery is NULL, deleting
		// nothing, while they have no more than that).
		pruneClientIds: statement(
			`DELETE FROM client_ids WHERE user_key = @user AND seq <=
			(SELECT seq FROM client_ids WHERE user_key = @user ORDER BY seq DESC LIMIT 1 OFFSET @keep)`,
		),
		forgetClientIds: statement('DELETE FROM client_ids WHERE user_key = @user'),
		countClientIds: statement('SELECT count(*) FROM client_ids WHERE user_key = @user'),
		indexedUpTo: statement('SELECT indexed_up_to FROM messages_text_progress'),
		indexBatchEnd: statement('SELECT max(id) FROM (SELECT id FROM messages WHERE id > @last ORDER BY id LIMIT @limit)'),
		indexRange: statement(
			'INSERT INTO messages_text (rowid, text) SELECT id, text FROM messages WHERE id > @last AND id <= @upTo',
		),
		setIndexedUpTo: statement('UPDATE messages_text_progress SET indexed_up_to = @upTo'),
		oldestMessages: statement('SELECT id, time FROM messages ORDER BY id LIMIT @limit'),
		removeMessagesThrough: statement('DELETE FROM messages WHERE id <= @last'),
	};
}

function messageColumns(message: StoredMessage) {
	return {id: Number(message.id), time: message.time, sender: message.from, text: message.text};
}

function toMessage(row: MessageRow): StoredMessage {
	const common = {id: String(row.id), time: row.time, from: row.sender, text: row.text};
	return row.group_name === null
		? {type: 'DM', ...common, to: row.recipient ?? ''}
		: {type: 'MSG', ...common, group: row.group_name};
}

function page(rows: readonly MessageRow[], limit: number): MessagePage {
	return {messages: rows.slice(0, limit).map(toMessage), more: rows.length > limit};
}

function toAccountKey(row: AccountKeyRow): AccountKey {
	return {account: row.account, fingerprint: row.fingerprint, publicKey: row.public_key, added: row.added};
}

function toAccount(row: AccountRow): Account {
	return {
		name: row.name,
		key: row.key,
		passwordHash: row.password_hash,
		group: row.group_name,
		readPosition: row.read_position,
		created: row.created,
	};
}

function failureOf(error: unknown): StoreFailure {
	if (error instanceof StoreFailure) {
		return error;
	}

	return new StoreFailure(error instanceof Error ? error.message : String(error));
}
