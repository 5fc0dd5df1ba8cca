/**
 * Telling the server what the account has read (`READ <id>`), so the next login counts
 * as unread only what was not seen. The server keeps one position per account, an id
 * it only moves forward: everything up to it counts as read. So the position sent is
 * the newest id below the oldest message not seen yet: one still counted unread in
 * another conversation stops it there. Nothing is due while the reader is scrolled up
 * (what is below was not seen) or while the missed messages are still being fetched.
 *
 * Coalesced: the session asks (`mark-read`) a moment after something became due, and
 * one READ is sent for everything read meanwhile; /quit sends what is due first.
 */
import type {MessageId} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import type {Conversation} from './conversation.js';
import {enqueue} from './in-flight.js';
import {compareMessageIds} from './message-order.js';
import {isScrolled} from './scroll.js';

/** How long the session waits, after something became read, before it says so: one READ for a burst. */
export const READ_DELAY_MS = 1500;

export interface ReadState {
	/** The newest position sent (or given by the server's UNREAD line). */
	readonly sent: MessageId | undefined;
}

/** The oldest of a conversation's unread messages: its `unread` newest incoming ones. */
function oldestUnread(conversation: Conversation): MessageId | undefined {
	let left = conversation.unread;
	for (let index = conversation.entries.length - 1; index >= 0 && left > 0; index--) {
		const entry = conversation.entries.at(index)!;
		if (entry.kind === 'message' && entry.direction === 'incoming') {
			left--;
			if (left === 0) {
				return entry.id;
			}
		}
	}

	return undefined;
}

/** The id just before another: the newest that can count as read when `id` has not been seen. */
function justBefore(id: MessageId): MessageId {
	return String(BigInt(id) - 1n);
}

/** The position READ would send now, or undefined when there is nothing new to say. */
export function readPositionDue(state: ChatState): MessageId | undefined {
	const {me, scroll, lastMessageId} = state;
	const viewing = !isScrolled(scroll);
	if (!me.account || !me.registered || state.connection.status !== 'online' || state.unread || !viewing) {
		return undefined;
	}

	if (lastMessageId === undefined || state.inFlight.some((item) => item.command.name === 'READ')) {
		return undefined;
	}

	let position = lastMessageId;
	for (const conversation of state.conversations.values()) {
		const unseen = conversation.key === state.current ? undefined : oldestUnread(conversation);
		if (unseen !== undefined && compareMessageIds(justBefore(unseen), position) < 0) {
			position = justBefore(unseen);
		}
	}

	return state.read.sent === undefined || compareMessageIds(position, state.read.sent) > 0 ? position : undefined;
}

/** Sends READ if something new was read. */
export function markRead(state: ChatState): ChatState {
	const position = readPositionDue(state);
	return position === undefined
		? state
		: enqueue({...state, read: {sent: position}}, {name: 'READ', id: position}, 'read');
}
