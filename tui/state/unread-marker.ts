/**
 * The "new since you last read" line: above the first message missed while logged out
 * (unread.ts), and above the first of the messages that arrived while the user looked
 * elsewhere, when they open that conversation (conversations.ts switchTo). One per
 * conversation: placing it again moves it.
 */
import type {Conversation} from './conversation.js';
import {insertBounded, type Entry} from './entries.js';
import {PersistentList} from './persistent-list.js';

/** The words of the marker line. */
export const UNREAD_MARKER = 'new since you last read';

function isMarker(entry: Entry): boolean {
	return entry.kind === 'notice' && entry.level === 'unread';
}

/**
 * The conversation with its marker, keyed `key`, above the oldest of its `unread`
 * newest incoming messages; as it was when none is unread (or they are no longer held).
 */
export function withUnreadMarker(conversation: Conversation, key: number): Conversation {
	if (conversation.unread === 0) {
		return conversation;
	}

	const entries = PersistentList.of(conversation.entries.filter((entry) => !isMarker(entry)));
	let left = conversation.unread;
	let first = entries.length;
	while (left > 0 && first > 0) {
		first--;
		const entry = entries.at(first)!;
		if (entry.kind === 'message' && entry.direction === 'incoming') {
			left--;
		}
	}

	if (left > 0) {
		return conversation;
	}

	const marker: Entry = {kind: 'notice', key, level: 'unread', text: UNREAD_MARKER};
	return {...conversation, entries: insertBounded(entries, marker, first)};
}
