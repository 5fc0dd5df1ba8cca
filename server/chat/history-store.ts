/**
 * Where the recent messages HISTORY serves from are kept: each group's messages and
 * each user's DMs (to or from them, keyed by name, so they outlive a reconnect). An
 * interface because keeping them in memory is today's answer; a database can be
 * tomorrow's without the chat or the command noticing.
 */
import type {DirectMessage, GroupMessage} from '../../protocol/index.js';

/** A message as it was delivered: the MSG or DM line itself. */
export type StoredMessage = GroupMessage | DirectMessage;

export interface HistoryQuery {
	/** Whose DMs, to or from them, by name. */
	readonly user: string;
	/** Which group's messages, by name. */
	readonly group: string;
	/** Only messages with a greater id; 0 for every message kept. */
	readonly afterId: number;
	/** At most this many messages. */
	readonly limit: number;
}

export interface HistoryPage {
	/** Oldest first (increasing ids), at most the query's limit. */
	readonly messages: readonly StoredMessage[];
	/** Whether more are kept after the last one returned. */
	readonly more: boolean;
}

export interface HistoryStore {
	/** Called once per message accepted, in the order of their ids. */
	append(message: StoredMessage): void;
	after(query: HistoryQuery): HistoryPage;
}
