/**
 * Presence and membership events: the directory follows them, and conversations the
 * user already has open get a quiet notice (they never count as unread).
 */
import type {GroupCreated, Joined, Left, Offline, Online} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {dmConversation, groupConversation} from './conversation-key.js';
import {addNoticeIfOpen} from './conversations.js';
import {groupCreated, userJoined, userLeft, userOffline, userOnline} from './directory.js';
import type {NoticeLevel} from './entries.js';

export type PresenceEvent = Online | Offline | Joined | Left | GroupCreated;

export function presenceReducer(state: ChatState, event: PresenceEvent): ChatState {
	switch (event.type) {
		case 'ONLINE': {
			const next = {...state, directory: userOnline(state.directory, event.user, event.group)};
			return noticeWhereUserIs(next, event, 'join', `${event.user} is online.`);
		}

		case 'OFFLINE': {
			const next = {...state, directory: userOffline(state.directory, event.user, event.group)};
			return noticeWhereUserIs(next, event, 'leave', `${event.user} went offline.`);
		}

		case 'JOINED': {
			const next = {...state, directory: userJoined(state.directory, event.user, event.group)};
			return addNoticeIfOpen(next, groupConversation(event.group), 'join', `${event.user} joined ${event.group}.`);
		}

		case 'LEFT': {
			const next = {...state, directory: userLeft(state.directory, event.group)};
			return addNoticeIfOpen(next, groupConversation(event.group), 'leave', `${event.user} left ${event.group}.`);
		}

		case 'GROUP_CREATED':
			return {...state, directory: groupCreated(state.directory, event.group)};
	}
}

/** A user coming or going is news in their group's conversation and in a DM with them, if open. */
function noticeWhereUserIs(
	state: ChatState,
	{user, group}: Online | Offline,
	level: NoticeLevel,
	text: string,
): ChatState {
	const inGroup = addNoticeIfOpen(state, groupConversation(group), level, text);
	return addNoticeIfOpen(inGroup, dmConversation(user), level, text);
}
