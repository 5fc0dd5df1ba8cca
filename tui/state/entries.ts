/**
 * What a conversation shows: messages and notices. Own messages carry a delivery
 * state, because on a ward "did it go out?" matters as much as the text.
 */
import type {MessageId} from '../../protocol/index.js';
import type {ConversationKey} from './conversation-key.js';
import type {PersistentList} from './persistent-list.js';

/**
 * Entries kept per conversation. Older ones are dropped so a long shift cannot grow
 * memory (or render time) without bound.
 */
export const MAX_ENTRIES = 5000;

/** pending: not yet confirmed by the server; sent: the server's OK carried its id; failed: see `error`. */
export type DeliveryState = 'pending' | 'sent' | 'failed';

export interface MessageEntry {
	readonly kind: 'message';
	/** Unique for the session: a stable React key, and how a reply finds its own message. */
	readonly key: number;
	readonly direction: 'own' | 'incoming';
	readonly from: string;
	readonly text: string;
	/** Server id, once known (incoming: always; own: from the OK). */
	readonly id: MessageId | undefined;
	/** Server time (ISO 8601, UTC), once known. */
	readonly time: string | undefined;
	/** Own messages only. */
	readonly delivery: DeliveryState | undefined;
	/** Why an own message failed, in the server's (or our) words. */
	readonly error: string | undefined;
	/** An incoming group message that names the user: the view highlights it. */
	readonly mentionsMe: boolean;
	/** What became of it, after the text: receipts of an own DM, a page's acknowledgements (tui/state/pages.ts). */
	readonly note?: string | undefined;
}

/**
 * info: replies and status; join/leave: presence and membership; error: refusals and
 * failures; unread: the line above the first message missed since the last login.
 */
export type NoticeLevel = 'info' | 'join' | 'leave' | 'error' | 'unread';

export interface NoticeEntry {
	readonly kind: 'notice';
	readonly key: number;
	readonly level: NoticeLevel;
	/** May hold several lines (help, lists), separated by LF. */
	readonly text: string;
}

export type Entry = MessageEntry | NoticeEntry;

/** A conversation's entries, oldest first: appended to without a copy (persistent-list.ts). */
export type EntryList = PersistentList<Entry>;

/** Appends and drops the oldest entries beyond MAX_ENTRIES. */
export function appendBounded(entries: EntryList, entry: Entry): EntryList {
	return entries.append(entry, MAX_ENTRIES);
}

/** Inserts at `index` (a message caught up on after a reconnect) and drops the oldest beyond MAX_ENTRIES. */
export function insertBounded(entries: EntryList, entry: Entry, index: number): EntryList {
	return entries.insert(index, entry, MAX_ENTRIES);
}

/** Where the own message a MESSAGE or DM was typed as lives. */
export interface EntryRef {
	readonly conversation: ConversationKey;
	readonly key: number;
}
