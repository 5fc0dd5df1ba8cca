/**
 * What the store keeps for urgent pages and receipts, as the chat sees it: every page
 * with its recipients and where each stands (delivered, read, acknowledged), where each
 * open page's escalation is (so a restart picks it up where it was), each group's
 * escalation setting, and the receipts asked for on DMs. Part of the Store (its
 * `pages`), so these writes share the turn's transaction with everything else.
 *
 * Users are stored by nameKey() with their name as shown; times are ISO strings, as on
 * the wire, except `due`, which is the epoch milliseconds the next step is due at.
 */

export interface StoredPage {
	/** A message id: one sequence with messages. */
	readonly id: number;
	readonly time: string;
	readonly from: string;
	/** A group page's group (name); undefined for a page to one user. */
	readonly group: string | undefined;
	/** The group whose escalation setting applies: a group page's, or the paged user's group when it was sent. */
	readonly escalationGroup: string;
	readonly text: string;
	/** How long each step waits for an acknowledgement: re-sent after it, escalated after twice it. */
	readonly timeoutMs: number;
	/** Epoch ms of the next step; undefined once answered or escalated (nothing more will happen by itself). */
	readonly due: number | undefined;
	readonly stage: PageStage;
}

/** 0: sent; 1: re-sent to whoever has not acknowledged; 2: escalated (or nowhere to escalate to). */
export type PageStage = 0 | 1 | 2;

export interface NewRecipient {
	readonly key: string;
	readonly name: string;
	/** Added by escalation rather than paged at first. */
	readonly escalated: boolean;
}

export interface PageRecipient extends NewRecipient {
	readonly delivered: string | undefined;
	readonly read: string | undefined;
	readonly acked: string | undefined;
}

/** A group's escalation setting. */
export interface Escalation {
	readonly group: string;
	/** A user's name, or `#` and a group's. */
	readonly to: string;
	readonly seconds: number;
}

/** Receipts a DM's sender asked for. */
export interface DmReceipt {
	readonly id: number;
	readonly from: string;
	readonly toKey: string;
	readonly delivered: string | undefined;
	readonly read: string | undefined;
}

export type ReceiptKind = 'delivered' | 'read';

export interface PageStore {
	// --- Pages ---

	addPage(page: StoredPage, recipients: readonly NewRecipient[]): void;
	page(id: number): StoredPage | undefined;
	/** In the order they were added: those paged first, then those escalated to. */
	recipients(id: number): PageRecipient[];
	addRecipients(id: number, recipients: readonly NewRecipient[]): void;
	/** Pages with a step still to come (due set), oldest first. */
	openPages(): StoredPage[];
	setStage(id: number, stage: PageStage, due: number | undefined): void;
	/** Records the time once: false when it was recorded already (or the user is no recipient). */
	markPage(id: number, key: string, what: ReceiptKind | 'acked', time: string): boolean;
	/** Pages to the user that the user has not acknowledged, oldest first. */
	unacknowledged(key: string): StoredPage[];

	// --- Escalation settings ---

	escalation(group: string): Escalation | undefined;
	setEscalation(escalation: Escalation): void;

	// --- Receipts of DMs and the setting ---

	requestReceipts(id: number, from: string, toKey: string): void;
	dmReceipt(id: number): DmReceipt | undefined;
	/** Records the time once: false when it was recorded already. */
	markDm(id: number, what: ReceiptKind, time: string): boolean;
	/** DMs to the user whose sender asked for receipts and that have not been delivered, oldest first. */
	undeliveredDms(toKey: string): DmReceipt[];
	/** Whether the user's SEEN sends read receipts (true unless turned off). */
	sendsReadReceipts(key: string): boolean;
	setReadReceipts(key: string, on: boolean): void;
}
