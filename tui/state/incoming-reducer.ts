/**
 * MSG and DM lines, live or caught up on after a reconnect (HISTORY): each goes into its
 * conversation once, in id order, is counted as unread where the user is not looking,
 * and rings the bell when it is for the user. HISTORY also returns the user's own
 * messages; those already shown (sent from here) are recognised by id and skipped.
 */
import type {DirectMessage, GroupMessage} from '../../protocol/index.js';
import {nameKey} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {dmConversation, groupConversation, type ConversationKey} from './conversation-key.js';
import {insertEntry} from './conversations.js';
import {dmNoticeShown} from './dm-notice.js';
import {mentions} from './mention.js';
import {compareMessageIds, newerId} from './message-order.js';
import {placeMessage} from './message-placement.js';
import {enqueue} from './in-flight.js';
import {PersistentList} from './persistent-list.js';

type ServerMessage = GroupMessage | DirectMessage;

function entryFor(line: ServerMessage, fromMe: boolean, mentionsMe: boolean) {
	return {
		kind: 'message',
		direction: fromMe ? 'own' : 'incoming',
		from: line.from,
		text: line.text,
		id: line.id,
		time: line.time,
		// Ours, and the server has it: it was sent (from here on an earlier connection).
		delivery: fromMe ? 'sent' : undefined,
		error: undefined,
		mentionsMe,
	} as const;
}

function isFrom(line: ServerMessage, me: string | undefined): boolean {
	return me !== undefined && nameKey(line.from) === nameKey(me);
}

/** The conversation a message belongs to: its group, or the other party of a DM, whichever side `me` is on. */
export function conversationOf(
	line: ServerMessage,
	me: string | undefined,
): {readonly key: ConversationKey; readonly title: string} {
	if (line.type === 'MSG') {
		return {key: groupConversation(line.group), title: line.group};
	}

	const partner = isFrom(line, me) ? line.to : line.from;
	return {key: dmConversation(partner), title: partner};
}

/**
 * How a message arrives: live (or caught up on after a reconnect: news, counted as
 * unread where the user is not looking, ringing for a DM or a mention); unread (missed
 * while logged out: counted, but the bell is for what happens now); history (the
 * conversation so far, or around a search result: neither counted nor rung).
 */
export type Arrival = 'live' | 'unread' | 'history';

export function messageReceived(state: ChatState, line: ServerMessage, arrival: Arrival = 'live'): ChatState {
	const me = state.me.name;
	const fromMe = isFrom(line, me);
	const {key, title} = conversationOf(line, me);
	const newest = state.lastMessageId === undefined || compareMessageIds(line.id, state.lastMessageId) > 0;
	const placement = placeMessage(state.conversations.get(key)?.entries ?? PersistentList.of(), line.id, newest);
	if (placement === 'shown') {
		return state;
	}

	const mentionsMe = line.type === 'MSG' && !fromMe && me !== undefined && mentions(line.text, me);
	const rings = arrival === 'live' && !fromMe && (line.type === 'DM' || mentionsMe);
	const {state: inserted} = insertEntry(state, key, title, entryFor(line, fromMe, mentionsMe), () => placement, {
		countsUnread: arrival !== 'history',
	});
	// A DM for the user while they look elsewhere: said on the status line too (dm-notice.ts).
	const next =
		line.type === 'DM' && rings && key !== inserted.current
			? dmNoticeShown(inserted, {conversation: key, from: line.from, text: line.text})
			: inserted;
	const arrived = {
		...next,
		lastMessageId: newerId(next.lastMessageId, line.id),
		bell: rings ? next.bell + 1 : next.bell,
	};
	// A DM that arrives in the open conversation is shown: its sender may be told it was read.
	const shown = arrival === 'live' && line.type === 'DM' && !fromMe && key === next.current;
	return shown && next.connection.status === 'online' ? enqueue(arrived, {name: 'SEEN', id: line.id}, 'read') : arrived;
}
