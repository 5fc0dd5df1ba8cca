/**
 * The database's schema, as the ordered list of steps that build it. `PRAGMA
 * user_version` is how many steps a database has had; opening it applies the rest, all
 * in one transaction, so a database is always at one version or the next, never
 * between. A database that has had more steps than this code knows was written by a
 * newer chat and is refused untouched: this code cannot know what those steps meant.
 *
 * Steps are never edited once released; a change is a new step at the end.
 */
import type {Database} from 'better-sqlite3';
import {GENESIS} from '../audit/canonical.js';
import {StoreOpenError} from './store-open-error.js';

export interface Migration {
	/** What the step does, for the reader. */
	readonly summary: string;
	readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
	{
		summary: 'accounts, groups, messages, client ids',
		sql: `
			-- AUTOINCREMENT: an id is never reused, so an account made later with a deleted
			-- account's name never owns the DMs stored for the deleted one.
			CREATE TABLE accounts (
				id INTEGER PRIMARY KEY AUTOINCREMENT,
				key TEXT NOT NULL UNIQUE,
				name TEXT NOT NULL,
				password_hash TEXT NOT NULL,
				group_name TEXT NOT NULL,
				read_position INTEGER NOT NULL DEFAULT 0,
				created TEXT NOT NULL
			);

			CREATE TABLE groups (
				id INTEGER PRIMARY KEY,
				key TEXT NOT NULL UNIQUE,
				name TEXT NOT NULL
			);

			-- id is the message id on the wire. A group message has group_*; a DM has
			-- recipient and one owner per side: an account id or a guest's session token.
			CREATE TABLE messages (
				id INTEGER PRIMARY KEY,
				time TEXT NOT NULL,
				sender TEXT NOT NULL,
				group_name TEXT,
				group_key TEXT,
				recipient TEXT,
				from_account INTEGER,
				from_session TEXT,
				to_account INTEGER,
				to_session TEXT,
				text TEXT NOT NULL
			);
			CREATE INDEX messages_by_group ON messages (group_key, id) WHERE group_key IS NOT NULL;
			CREATE INDEX messages_by_from_account ON messages (from_account, id) WHERE from_account IS NOT NULL;
			CREATE INDEX messages_by_to_account ON messages (to_account, id) WHERE to_account IS NOT NULL;
			CREATE INDEX messages_by_from_session ON messages (from_session, id) WHERE from_session IS NOT NULL;
			CREATE INDEX messages_by_to_session ON messages (to_session, id) WHERE to_session IS NOT NULL;

			-- seq orders a user's ids, oldest first, so the oldest past the bound go first.
			CREATE TABLE client_ids (
				seq INTEGER PRIMARY KEY,
				user_key TEXT NOT NULL,
				client_id TEXT NOT NULL,
				reply TEXT NOT NULL,
				UNIQUE (user_key, client_id)
			);
			CREATE INDEX client_ids_by_user ON client_ids (user_key, seq);
		`,
	},
	{
		summary: 'full-text index of message text (SEARCH)',
		sql: `
			-- External content: the text is stored once, in messages; the index holds only
			-- the terms. Messages are never edited, so inserts and deletes keep it in step.
			CREATE VIRTUAL TABLE messages_text USING fts5 (
				text,
				content = 'messages',
				content_rowid = 'id',
				tokenize = 'unicode61 remove_diacritics 2'
			);
			INSERT INTO messages_text (messages_text) VALUES ('rebuild');
			CREATE TRIGGER messages_text_insert AFTER INSERT ON messages BEGIN
				INSERT INTO messages_text (rowid, text) VALUES (new.id, new.text);
			END;
			CREATE TRIGGER messages_text_delete AFTER DELETE ON messages BEGIN
				INSERT INTO messages_text (messages_text, rowid, text) VALUES ('delete', old.id, old.text);
			END;
		`,
	},
	{
		summary: 'full-text index kept in batches, off the write path',
		sql: `
			-- Indexing a row costs about as much as storing it, so it leaves the delivery
			-- path: sqlite-store.ts indexes messages past indexed_up_to in batches when the
			-- store is idle, and catches up before every search. Message ids only increase,
			-- so "past the last indexed id" is exactly the messages not yet indexed.
			DROP TRIGGER messages_text_insert;
			CREATE TABLE messages_text_progress (
				only INTEGER PRIMARY KEY CHECK (only = 1),
				indexed_up_to INTEGER NOT NULL
			);
			-- Until now the trigger indexed every message as it was stored.
			INSERT INTO messages_text_progress (only, indexed_up_to) SELECT 1, coalesce(max(id), 0) FROM messages;
			-- Removing a row the index never had would corrupt an external-content index.
			DROP TRIGGER messages_text_delete;
			CREATE TRIGGER messages_text_delete AFTER DELETE ON messages
			WHEN old.id <= (SELECT indexed_up_to FROM messages_text_progress) BEGIN
				INSERT INTO messages_text (messages_text, rowid, text) VALUES ('delete', old.id, old.text);
			END;
		`,
	},
	{
		summary: 'urgent pages, their recipients and escalation, receipts',
		sql: `
			-- id is a message id (one sequence with messages). escalation_group is the group
			-- whose ESCALATION applies (a group page's; for a page to one user, the group that
			-- user was in when paged). due is the epoch ms of the
			-- page's next step (re-send, then escalate), NULL once nothing more will happen
			-- by itself: what lets escalation outlive a restart.
			CREATE TABLE pages (
				id INTEGER PRIMARY KEY,
				time TEXT NOT NULL,
				sender TEXT NOT NULL,
				group_name TEXT,
				escalation_group TEXT NOT NULL,
				text TEXT NOT NULL,
				timeout_ms INTEGER NOT NULL,
				due INTEGER,
				stage INTEGER NOT NULL DEFAULT 0
			);
			CREATE INDEX pages_open ON pages (due) WHERE due IS NOT NULL;

			-- seq keeps the order recipients were added in (paged first, then escalated to).
			CREATE TABLE page_recipients (
				seq INTEGER PRIMARY KEY,
				page_id INTEGER NOT NULL REFERENCES pages (id),
				user_key TEXT NOT NULL,
				name TEXT NOT NULL,
				escalated INTEGER NOT NULL,
				delivered TEXT,
				read TEXT,
				acked TEXT,
				UNIQUE (page_id, user_key)
			);
			CREATE INDEX page_recipients_unacked ON page_recipients (user_key, page_id) WHERE acked IS NULL;

			CREATE TABLE escalations (
				group_key TEXT PRIMARY KEY,
				group_name TEXT NOT NULL,
				target TEXT NOT NULL,
				seconds INTEGER NOT NULL
			);

			-- Only DMs whose sender asked for receipts (the @receipts tag) have a row.
			CREATE TABLE dm_receipts (
				message_id INTEGER PRIMARY KEY,
				sender TEXT NOT NULL,
				recipient_key TEXT NOT NULL,
				delivered TEXT,
				read TEXT
			);
			CREATE INDEX dm_receipts_undelivered ON dm_receipts (recipient_key, message_id) WHERE delivered IS NULL;

			-- Only users who turned read receipts off have a row.
			CREATE TABLE read_receipts_off (user_key TEXT PRIMARY KEY);
		`,
	},
	{
		summary: 'SSH public keys that log in to an account',
		sql: `
			-- A key belongs to one account at most: the key is the identity, so two accounts
			-- sharing one could not be told apart. The fingerprint (SHA256:<base64>, as
			-- ssh-keygen -l shows it) is what operators name a key by; public_key is the
			-- authorized_keys line (type and base64, no comment). Foreign keys are not
			-- enforced here, so deleting an account deletes its keys in the same
			-- transaction (sqlite-store.ts), and an account made later with the name never
			-- inherits them (account ids are never reused).
			CREATE TABLE account_keys (
				fingerprint TEXT PRIMARY KEY,
				account INTEGER NOT NULL REFERENCES accounts (id),
				public_key TEXT NOT NULL,
				added TEXT NOT NULL
			);
			CREATE INDEX account_keys_by_account ON account_keys (account);
		`,
	},
	{
		summary: 'the audit trail: an append-only hash chain, its retention horizon and signed checkpoints',
		sql: `
			-- One row per audited event (server/chat/audit.ts). fields is the event's fields
			-- as a JSON object, for reading; hash is SHA-256 over the canonical encoding of
			-- prev, seq, time, kind and those fields (server/audit/canonical.ts), never over
			-- this JSON text. seq is given by the writer: the previous entry's plus one.
			CREATE TABLE audit (
				seq INTEGER PRIMARY KEY,
				time TEXT NOT NULL,
				kind TEXT NOT NULL,
				fields TEXT NOT NULL,
				prev TEXT NOT NULL,
				hash TEXT NOT NULL
			);
			-- Entries up to through were removed by audit retention; hash is entry through's,
			-- the previous hash of the first entry kept. Only ever moves forward.
			CREATE TABLE audit_horizon (
				only INTEGER PRIMARY KEY CHECK (only = 1),
				through INTEGER NOT NULL,
				hash TEXT NOT NULL
			);
			INSERT INTO audit_horizon (only, through, hash) VALUES (1, 0, '${GENESIS}');
			-- The chain head signed now and then (Ed25519, audit-key.pem in the data directory).
			CREATE TABLE audit_checkpoints (
				id INTEGER PRIMARY KEY,
				time TEXT NOT NULL,
				seq INTEGER NOT NULL,
				hash TEXT NOT NULL,
				signature TEXT NOT NULL
			);
			-- The database refuses to change the record. Whoever can write the file can drop
			-- these; the chain and the signatures are what then tell (chat audit verify).
			CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
				SELECT RAISE(ABORT, 'the audit trail is append-only');
			END;
			CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
			WHEN old.seq > (SELECT through FROM audit_horizon) BEGIN
				SELECT RAISE(ABORT, 'the audit trail is append-only (only audit retention removes entries)');
			END;
			CREATE TRIGGER audit_horizon_forward BEFORE UPDATE ON audit_horizon
			WHEN new.through < old.through BEGIN
				SELECT RAISE(ABORT, 'the audit retention horizon only moves forward');
			END;
			CREATE TRIGGER audit_horizon_kept BEFORE DELETE ON audit_horizon BEGIN
				SELECT RAISE(ABORT, 'the audit retention horizon is kept');
			END;
			CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN
				SELECT RAISE(ABORT, 'audit checkpoints are append-only');
			END;
			CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints BEGIN
				SELECT RAISE(ABORT, 'audit checkpoints are append-only');
			END;
		`,
	},
];

/** The version this code writes: the number of steps it knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database): number {
	return db.pragma('user_version', {simple: true}) as number;
}

/**
 * Brings the database up to `target` (by default this code's version), in one
 * transaction. Throws StoreOpenError, changing nothing, when it is newer than this code.
 */
export function migrate(db: Database, where: string, target: number = SCHEMA_VERSION): void {
	// IMMEDIATE: take the write lock before reading the version, so two processes
	// opening the same new database cannot both apply the same step.
	db.exec('BEGIN IMMEDIATE');
	try {
		const version = schemaVersion(db);
		if (version > SCHEMA_VERSION) {
			throw newerSchema(where, version);
		}

		for (let step = version; step < target; step++) {
			db.exec(MIGRATIONS[step]!.sql);
		}

		if (target > version) {
			// A pragma takes no bound parameters; target is a number we computed.
			db.pragma(`user_version = ${target}`);
		}

		db.exec('COMMIT');
	} catch (error) {
		if (db.inTransaction) {
			db.exec('ROLLBACK');
		}

		throw error;
	}
}

/** The refusal of a database written by a newer chat. */
export function newerSchema(where: string, version: number): StoreOpenError {
	return new StoreOpenError(
		`${where} was written by a newer chat (schema version ${version}; this chat knows up to ${SCHEMA_VERSION}): ` +
			'upgrade chat, or use another --data-dir.',
	);
}
