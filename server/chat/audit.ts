/**
 * The audit trail as the chat sees it: one typed event per thing that happened and
 * must be provable afterwards (who said what to whom and when, who logged in or failed
 * to, what became of accounts and groups, what retention removed). The chat owns this
 * seam; server/store/ implements it as a hash chain in the same database, written in
 * the turn's transaction, so nothing is acknowledged that is not also audited: if the
 * commit fails, the message and its audit entry are gone together.
 *
 * Every field is a string or a safe integer, nothing nested: the canonical encoding
 * the chain hashes (server/audit/canonical.ts) needs nothing more, and a reader of an
 * export needs nothing more either. Names are as shown; `user`, `from` and `to` are
 * the fields that name a person (what `chat audit export --user` matches).
 *
 * The text of a message is here: the audit trail is the record of what was said. It is
 * never written to the operational log.
 */

/** Who changed an account: its owner over the protocol, or the operator with `chat user`. */
export type AuditActor = 'self' | 'operator';

export type AuditEvent =
	/** A group message accepted (its OK sent once committed). */
	| {
			readonly kind: 'message';
			readonly id: string;
			readonly group: string;
			readonly from: string;
			readonly text: string;
	  }
	/** A DM accepted. */
	| {readonly kind: 'dm'; readonly id: string; readonly from: string; readonly to: string; readonly text: string}
	/** A login that put a connection online as the account: by password (tls, plain) or by SSH key (ssh). */
	| {
			readonly kind: 'login';
			readonly user: string;
			readonly address: string;
			readonly transport: 'tls' | 'plain' | 'ssh';
			/** The key's fingerprint, for an SSH key login. */
			readonly key?: string;
	  }
	/** A guest took a name that is no account, for as long as the connection lasts. */
	| {readonly kind: 'guest_login'; readonly user: string; readonly address: string; readonly transport: 'tls' | 'plain'}
	/** A password login refused; `code` is the ERR code the client got (LOGIN_FAILED, LOGIN_THROTTLED, NEEDS_TLS). */
	| {readonly kind: 'login_failed'; readonly user: string; readonly address: string; readonly code: string}
	| {readonly kind: 'account_created'; readonly user: string; readonly by: AuditActor}
	| {readonly kind: 'password_changed'; readonly user: string; readonly by: AuditActor}
	| {readonly kind: 'account_deleted'; readonly user: string; readonly by: AuditActor}
	/** An SSH key now logs in to the account (`chat user add-key`, or trust on first use: self). */
	| {readonly kind: 'key_added'; readonly user: string; readonly key: string; readonly by: AuditActor}
	| {readonly kind: 'key_deleted'; readonly user: string; readonly key: string; readonly by: AuditActor}
	| {readonly kind: 'group_created'; readonly group: string; readonly user: string}
	| {readonly kind: 'group_joined'; readonly group: string; readonly user: string}
	| {readonly kind: 'group_left'; readonly group: string; readonly user: string}
	/** Retention removed the messages with ids `first`..`last` (`messages` of them), all older than `before`. */
	| {
			readonly kind: 'retention';
			readonly messages: number;
			readonly first: string;
			readonly last: string;
			readonly before: string;
	  }
	/**
	 * Audit retention removed the entries up to `through` (older than `before`); `anchor`
	 * is the removed entry `through`'s hash, which the first entry kept holds as its
	 * previous hash: where `chat audit verify` starts the chain from. Written by the
	 * store, which alone knows the chain.
	 */
	| {
			readonly kind: 'audit_retention';
			readonly entries: number;
			readonly through: number;
			readonly anchor: string;
			readonly before: string;
	  }
	// Urgent pages (issue 14, built beside this): declared here so the page rules record
	// into the same chain; `to` is a user or `#group`.
	| {readonly kind: 'page'; readonly id: string; readonly from: string; readonly to: string; readonly text: string}
	| {readonly kind: 'ack'; readonly id: string; readonly user: string}
	/** A page not acknowledged in time, sent to `to`; `unanswered` lists who had not acknowledged (comma-separated). */
	| {readonly kind: 'escalation'; readonly id: string; readonly to: string; readonly unanswered: string}
	| {readonly kind: 'receipt'; readonly id: string; readonly user: string; readonly receipt: 'delivered' | 'read'};

export type AuditKind = AuditEvent['kind'];

/**
 * The fields of an event besides its kind. No event has a field named seq, time, kind,
 * prev or hash: those are the entry's own (an export puts them beside the fields).
 */
export type AuditFields = Readonly<Record<string, string | number>>;

export interface AuditLog {
	/**
	 * Appends the event, at `time` (ISO 8601, the chat's clock), to the audit trail, in
	 * the turn's transaction: committed with the writes it records or not at all. Never
	 * throws (a failure fails the turn's commit, as any write's does).
	 */
	audit(event: AuditEvent, time: string): void;
}

/** The fields of an event that name a person, for matching an export to a user. */
export const PERSON_FIELDS = ['user', 'from', 'to'] as const;
