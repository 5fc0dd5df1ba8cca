/**
 * What the chat keeps across a restart, as the chat sees it: accounts, groups, every
 * accepted message, read positions and the client ids (`@id=`) already answered. The
 * chat owns this interface; server/store/ implements it over SQLite (a file, or
 * `:memory:` for an ephemeral server and for tests), so the chat's rules are tested
 * without a disk and the database can change without the chat noticing.
 *
 * Names: every parameter called `name` takes a name as shown or its nameKey(); the
 * store compares by nameKey().
 *
 * Writes and commits. Writes are not committed one by one: the first write of a turn
 * of the event loop opens a transaction and the store commits it once the turn is over
 * (setImmediate), so a burst of messages costs one commit, not one each. Nothing may be
 * acknowledged or delivered before its commit: whatever depends on a write goes into
 * afterCommit(). A write never throws: if it fails (disk full, I/O error, read-only
 * file) the whole turn's transaction is rolled back and every afterCommit() callback of
 * that turn is told so. Reads see the turn's uncommitted writes; they throw StoreFailure
 * when the database cannot be read at all.
 */
import type {DirectMessage, GroupMessage, Ok} from '../../protocol/index.js';
import type {PageStore} from './page-store.js';
import type {AuditLog} from './audit.js';

/** A message as it was delivered: the MSG or DM line itself (id is the decimal string of an integer). */
export type StoredMessage = GroupMessage | DirectMessage;

/** Why a commit or a read failed, in one line (e.g. "database or disk is full"). */
export class StoreFailure extends Error {
	override readonly name = 'StoreFailure';
}

/**
 * Who a DM belongs to, on each side: an account, whoever logs in to it later; or a
 * guest's session, so a guest who takes the same name later never reads it.
 */
export type DmSide = {readonly account: string} | {readonly session: string};

/** Whose eyes a read is for: the messages of one group and the DMs of an account and/or a session. */
export interface Viewer {
	/** The group whose messages they see (name). */
	readonly group: string;
	/** The account the connection is logged in to (name): its DMs. */
	readonly account?: string;
	/** The connection's session token: DMs stored with this session (a guest's, or sent before SET_PASSWORD). */
	readonly session?: string;
}

export interface MessagePage {
	/** In the order the method says, at most the limit asked for. */
	readonly messages: readonly StoredMessage[];
	/** Whether more match beyond the last one returned. */
	readonly more: boolean;
}

export interface Account {
	/** As created: how every line shows it. */
	readonly name: string;
	/** nameKey(name). */
	readonly key: string;
	/** server/accounts/password.ts format: `scrypt$15$8$1$<salt>$<hash>`. */
	readonly passwordHash: string;
	/** The group the account was last in (name); the chat puts it back there at login. */
	readonly group: string;
	/** Id of the last message the account has read; unread counts from here. */
	readonly readPosition: number;
	/** ISO time the account was made. */
	readonly created: string;
}

export interface NewAccount {
	readonly name: string;
	readonly passwordHash: string;
	readonly group: string;
}

/** An SSH public key that logs in to an account (server/ssh/). */
export interface AccountKey {
	/** The account's name, as created. */
	readonly account: string;
	/** `SHA256:<base64>`, as `ssh-keygen -l` shows it. */
	readonly fingerprint: string;
	/** The authorized_keys form: `<type> <base64>`, no comment. */
	readonly publicKey: string;
	/** ISO time the key was added. */
	readonly added: string;
}

export interface StoredGroup {
	/** As created. */
	readonly name: string;
	readonly key: string;
}

/** What one retention step removed: `messages` of them, ids `first`..`last`. */
export interface RemovedMessages {
	readonly messages: number;
	readonly first: string;
	readonly last: string;
}

/** The store is also the audit trail (audit(), from AuditLog): entries share the turn's transaction. */
export interface Store extends AuditLog {
	// --- Commits ---

	/**
	 * Runs `callback` once every write made so far is committed (failure undefined) or has
	 * been rolled back (failure says why). Callbacks run in the order they were queued, so
	 * routing every reply and delivery of a turn through here keeps their order. With
	 * nothing pending it runs `callback` at once, synchronously.
	 */
	afterCommit(callback: (failure: StoreFailure | undefined) => void): void;
	/** Whether a transaction is open (writes waiting for the end of the turn). */
	readonly pending: boolean;
	/** Commits now instead of at the end of the turn (runs the callbacks); throws the StoreFailure if it fails. */
	flush(): void;
	/** Commits what is pending, then closes the database (and releases the data directory). */
	close(): void;

	// --- Messages ---

	/** The highest message id ever stored (0 for none): new ids start above it. */
	lastMessageId(): number;
	/** Stores a group message; `message.id` must be above every id stored. */
	appendGroupMessage(message: GroupMessage): void;
	/** Stores a DM; `message.id` must be above every id stored. */
	appendDirectMessage(message: DirectMessage, from: DmSide, to: DmSide): void;
	/** What the viewer may see with an id above `afterId`: oldest first. */
	after(viewer: Viewer, afterId: number, limit: number): MessagePage;
	/**
	 * The newest `limit` the viewer may see with an id below `beforeId` (0: below none,
	 * the newest of all), returned oldest first; `more` when older ones exist.
	 */
	before(viewer: Viewer, beforeId: number, limit: number): MessagePage;
	/**
	 * What the viewer may see whose text holds every word (full-text: whole words, any
	 * case; the words are plain terms, never query syntax): newest first.
	 */
	search(viewer: Viewer, words: readonly string[], limit: number): MessagePage;
	/** How many the viewer may see with an id above `afterId`. */
	countAfter(viewer: Viewer, afterId: number): number;

	// --- Accounts ---

	account(name: string): Account | undefined;
	/** Every account, by key. */
	accounts(): Account[];
	/** False when the name is an account already (nothing changed). */
	createAccount(account: NewAccount): boolean;
	/** False when there is no such account. */
	setPasswordHash(name: string, passwordHash: string): boolean;
	/**
	 * False when there is no such account. Its client ids and SSH keys go with it; its DMs stay in the
	 * other side's history, and an account made later with the same name never sees them.
	 */
	deleteAccount(name: string): boolean;
	/** Remembers the group the account is in (a no-op for a name that is no account). */
	setAccountGroup(name: string, group: string): void;
	/** Moves the read position forward to `id`, never back; a no-op for a name that is no account. */
	advanceReadPosition(name: string, id: number): void;

	// --- SSH keys of accounts ---

	/** The key of that fingerprint, with the account it logs in to. */
	accountKey(fingerprint: string): AccountKey | undefined;
	/** The account's keys, oldest first (none for a name that is no account). */
	accountKeys(name: string): AccountKey[];
	/**
	 * Binds the key to the account. False, changing nothing, when there is no such account
	 * or the fingerprint is bound already (to it or to another account).
	 */
	addAccountKey(name: string, fingerprint: string, publicKey: string): boolean;
	/** False when the account has no key of that fingerprint. */
	deleteAccountKey(name: string, fingerprint: string): boolean;

	// --- Groups (those worth keeping across a restart) ---

	/** Every stored group, in the order they were first saved. */
	groups(): StoredGroup[];
	/** Stores the group if no group of that name is stored. */
	saveGroup(name: string): void;
	deleteGroup(name: string): void;

	// --- Client ids (`@id=`) already answered ---

	/** The OK the message sent by `user` under `clientId` got, if remembered (including this turn's, not yet committed). */
	recallClientId(user: string, clientId: string): Ok | undefined;
	/** Remembers the OK; at least the last 1000 per user are kept (at most 1100). */
	rememberClientId(user: string, clientId: string, reply: Ok): void;
	forgetClientIds(user: string): void;

	// --- Urgent pages and receipts ---

	readonly pages: PageStore;
	// --- The audit trail's upkeep and retention ---

	/** Signs the audit chain's head at `time` (ISO), unless it is signed already; a write. */
	signAuditHead(time: string): void;
	/**
	 * Removes the oldest messages, in id order, while they are older than `before` (ISO),
	 * at most `limit`, from history and search alike; undefined when none is. A message
	 * older than `before` behind a newer one waits for a later call. The caller audits it.
	 */
	removeMessagesBefore(before: string, limit: number): RemovedMessages | undefined;
	/**
	 * Removes the oldest audit entries while they are older than `before` (ISO), at most
	 * `limit`, writing the audit_retention entry (at `time`) that anchors the chain
	 * after them; how many went.
	 */
	removeAuditBefore(before: string, time: string, limit: number): number;
}

/**
 * Tells every commit callback how the commit went. Each runs even if one throws, so no
 * sender is left without an answer; the first error is rethrown after.
 */
export function runCommitCallbacks(
	callbacks: Iterable<(failure: StoreFailure | undefined) => void>,
	failure: StoreFailure | undefined,
): void {
	let thrown: {error: unknown} | undefined;
	for (const callback of callbacks) {
		try {
			callback(failure);
		} catch (error) {
			thrown ??= {error};
		}
	}

	if (thrown) {
		throw thrown.error;
	}
}
