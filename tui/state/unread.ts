/**
 * What the account missed while logged out. After `OK SET_NAME` of a login the server
 * may say `UNREAD <count> <after-id>`: the client fetches them (`HISTORY <after-id>`,
 * page by page while the server says there are more), then marks each conversation
 * that has any with a "new since you last read" line above the first of them, and
 * counts them as unread in the sidebar. Only at the first login of a run: after a
 * reconnect the catch-up (history-reducer.ts) brings what was missed, as news.
 */
import type {MessageId, Ok, Unread} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import type {Conversation} from './conversation.js';
import {insertEntry} from './conversations.js';
import type {Entry} from './entries.js';
import type {InFlightCommand} from './in-flight-command.js';
import {enqueue} from './in-flight.js';
import {compareMessageIds, newerId} from './message-order.js';
import {applyLines, splitRun} from './older-history.js';
import {UNREAD_MARKER} from './unread-marker.js';

export {UNREAD_MARKER} from './unread-marker.js';

/** 20 pages of up to 500 messages each: then the newest missed ones are left for the user to scroll to. */
export const MAX_UNREAD_PAGES = 20;

export interface UnreadFetch {
	/** The read position the server gave: everything after it is new. */
	readonly after: MessageId;
	/** HISTORY requests sent for it so far. */
	readonly pages: number;
}

export function unreadAnnounced(state: ChatState, line: Unread): ChatState {
	// A reconnect's catch-up is under way (resume), or the marker is being placed already.
	if (state.resume !== undefined || state.unread !== undefined || line.count === 0) {
		return state;
	}

	return enqueue(
		// The server's read position: READ need not say it again.
		{...state, unread: {after: line.after, pages: 1}, read: {sent: newerId(state.read.sent, line.after)}},
		{name: 'HISTORY', after: line.after},
		'unread',
	);
}

/** A page of what was missed: more pages, or the marker. */
export function unreadReplied(
	state: ChatState,
	request: InFlightCommand,
	ok: Extract<Ok, {command: 'HISTORY'}>,
): ChatState {
	const {live, run} = splitRun(request, ok.count);
	const next = applyLines(applyLines(state, live, 'live'), run, 'unread');
	const {unread} = next;
	if (!unread) {
		return next;
	}

	const last = run.at(-1);
	const more = ok.more === 1 && (last?.type === 'MSG' || last?.type === 'DM');
	if (more && unread.pages < MAX_UNREAD_PAGES) {
		return enqueue(
			{...next, unread: {...unread, pages: unread.pages + 1}},
			{name: 'HISTORY', after: last.id},
			'unread',
		);
	}

	return markUnread({...next, unread: undefined}, unread.after);
}

/** The fetch failed: what did arrive is marked all the same. */
export function unreadRefused(state: ChatState, request: InFlightCommand): ChatState {
	const next = applyLines(state, request.collected, 'unread');
	return next.unread ? markUnread({...next, unread: undefined}, next.unread.after) : next;
}

function isNew(entry: Entry, after: MessageId): boolean {
	return (
		entry.kind === 'message' &&
		entry.direction === 'incoming' &&
		entry.id !== undefined &&
		compareMessageIds(entry.id, after) > 0
	);
}

/** The marker above the first message after `after` in each conversation, and the unread counts from it. */
function markUnread(state: ChatState, after: MessageId): ChatState {
	let next = state;
	for (const conversation of state.conversations.values()) {
		const first = conversation.entries.findIndex((entry) => isNew(entry, after));
		if (first === -1) {
			continue;
		}

		next = insertEntry(
			next,
			conversation.key,
			conversation.title,
			{kind: 'notice', level: 'unread', text: UNREAD_MARKER},
			() => first,
		).state;
		const marked: Conversation = next.conversations.get(conversation.key)!;
		const count = marked.entries.filter((entry) => isNew(entry, after)).length;
		const conversations = new Map(next.conversations);
		conversations.set(conversation.key, {...marked, unread: next.current === conversation.key ? 0 : count});
		next = {...next, conversations};
	}

	return next;
}
