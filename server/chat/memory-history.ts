/**
 * The HistoryStore of a server without a database: the last N messages of every
 * conversation (a group, or a user's DMs), and no more than a byte budget in all, so a
 * flood of new groups or new names cannot grow memory without end. Past the budget the
 * oldest messages of the whole server go first.
 */
import {nameKey} from '../../protocol/index.js';
import {Deque} from './deque.js';
import type {HistoryPage, HistoryQuery, HistoryStore, StoredMessage} from './history-store.js';

export interface MemoryHistoryOptions {
	/** Messages kept per group and per user's DMs. */
	readonly perConversation: number;
	/** Estimated bytes kept in all. */
	readonly maxBytes: number;
}

export const DEFAULT_HISTORY: MemoryHistoryOptions = {
	perConversation: 1000,
	maxBytes: 64 * 1024 * 1024,
};

interface Entry {
	readonly message: StoredMessage;
	readonly id: number;
	readonly bytes: number;
	/** The conversations that hold it; a DM is in both users'. */
	readonly keys: readonly string[];
	/** How many of them still hold it; at 0 it no longer counts against the budget. */
	holders: number;
}

// Strings are UTF-16 in memory; the rest is the objects around them, roughly.
const OVERHEAD_BYTES = 200;

function estimate(message: StoredMessage): number {
	const fields = message.type === 'MSG' ? message.group : message.to;
	return (
		OVERHEAD_BYTES +
		2 * (message.text.length + message.id.length + message.time.length + message.from.length + fields.length)
	);
}

function keysOf(message: StoredMessage): string[] {
	if (message.type === 'MSG') {
		return [`g:${nameKey(message.group)}`];
	}

	return [`u:${nameKey(message.from)}`, `u:${nameKey(message.to)}`];
}

export class MemoryHistory implements HistoryStore {
	private readonly conversations = new Map<string, Deque<Entry>>();
	/** Every entry still held somewhere, oldest first; entries no longer held are skipped or swept out. */
	private readonly all = new Deque<Entry>();
	private released = 0;
	private bytes = 0;

	constructor(private readonly options: MemoryHistoryOptions = DEFAULT_HISTORY) {}

	/** Estimated bytes held, for tests and the log. */
	get heldBytes(): number {
		return this.bytes;
	}

	append(message: StoredMessage): void {
		const keys = keysOf(message);
		const entry: Entry = {message, id: Number(message.id), bytes: estimate(message), keys, holders: keys.length};
		for (const key of keys) {
			let conversation = this.conversations.get(key);
			if (!conversation) {
				conversation = new Deque();
				this.conversations.set(key, conversation);
			}

			conversation.push(entry);
			if (conversation.length > this.options.perConversation) {
				this.release(conversation.shift()!);
			}
		}

		this.all.push(entry);
		this.bytes += entry.bytes;
		this.enforceBudget();
	}

	after({user, group, afterId, limit}: HistoryQuery): HistoryPage {
		const mine = this.conversations.get(`u:${nameKey(user)}`);
		const ours = this.conversations.get(`g:${nameKey(group)}`);
		let i = firstAfter(mine, afterId);
		let j = firstAfter(ours, afterId);
		const messages: StoredMessage[] = [];
		// Both are in id order: merge them.
		while (messages.length < limit) {
			const a = mine?.at(i);
			const b = ours?.at(j);
			if (a && (!b || a.id < b.id)) {
				messages.push(a.message);
				i++;
			} else if (b) {
				messages.push(b.message);
				j++;
			} else {
				break;
			}
		}

		const more = (mine?.at(i) ?? ours?.at(j)) !== undefined;
		return {messages, more};
	}

	private release(entry: Entry): void {
		entry.holders--;
		if (entry.holders > 0) {
			return;
		}

		this.bytes -= entry.bytes;
		this.released++;
		// Released entries wait in `all` until they reach its front; sweep them out once
		// they are the majority, so one busy conversation cannot grow `all` without end.
		if (this.released > 1024 && this.released * 2 > this.all.length) {
			this.all.retain((held) => held.holders > 0);
			this.released = 0;
		}
	}

	private enforceBudget(): void {
		while (this.bytes > this.options.maxBytes) {
			const oldest = this.all.shift();
			if (!oldest) {
				return;
			}

			if (oldest.holders === 0) {
				this.released--;
				continue;
			}

			// The oldest of the server is the oldest of each conversation holding it.
			for (const key of oldest.keys) {
				const conversation = this.conversations.get(key);
				if (conversation?.front() === oldest) {
					conversation.shift();
					if (conversation.length === 0) {
						this.conversations.delete(key);
					}
				}
			}

			oldest.holders = 0;
			this.bytes -= oldest.bytes;
		}
	}
}

/** Index of the first entry with an id above `afterId` (the length when there is none). */
function firstAfter(entries: Deque<Entry> | undefined, afterId: number): number {
	if (!entries) {
		return 0;
	}

	let low = 0;
	let high = entries.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (entries.at(middle)!.id <= afterId) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	return low;
}
