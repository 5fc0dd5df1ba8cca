/** Messages from others: into their conversation, counted, and ringing the bell when they are for the user. */
import type {DirectMessage, GroupMessage} from '../../protocol/index.js';
import {nameKey} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {dmConversation, groupConversation} from './conversation-key.js';
import {appendEntry} from './conversations.js';
import {mentions} from './mention.js';

function incoming(line: GroupMessage | DirectMessage, mentionsMe: boolean) {
	return {
		kind: 'message',
		direction: 'incoming',
		from: line.from,
		text: line.text,
		id: line.id,
		time: line.time,
		delivery: undefined,
		error: undefined,
		mentionsMe,
	} as const;
}

export function groupMessageReceived(state: ChatState, line: GroupMessage): ChatState {
	const named = state.me.name !== undefined && mentions(line.text, state.me.name);
	const {state: next} = appendEntry(state, groupConversation(line.group), line.group, incoming(line, named));
	return named ? {...next, bell: next.bell + 1} : next;
}

export function directMessageReceived(state: ChatState, line: DirectMessage): ChatState {
	// The conversation is with the other party, whichever side of the DM we are on.
	const fromMe = state.me.name !== undefined && nameKey(line.from) === nameKey(state.me.name);
	const partner = fromMe ? line.to : line.from;
	const {state: next} = appendEntry(state, dmConversation(partner), partner, incoming(line, false));
	return fromMe ? next : {...next, bell: next.bell + 1};
}
