/** Read-only views of the state that the components need, so they do not re-derive them. */
import {nameKey} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import type {Conversation} from './conversation.js';
import {groupConversation, type ConversationKey} from './conversation-key.js';
import type {DirectoryGroup, DirectoryUser} from './directory.js';
import type {EntryList} from './entries.js';

export function currentConversation(state: ChatState): Conversation {
	// The reducer only ever makes an open conversation current.
	return state.conversations.get(state.current)!;
}

/** Open conversations in the order they opened. */
export function conversationList(state: ChatState): readonly Conversation[] {
	return [...state.conversations.values()];
}

/**
 * Conversations in the sidebar's order, which next and previous (Ctrl-N / Ctrl-P) follow
 * too: every group the server has, joined or not, in the server's order; then any group
 * conversation open that the directory does not know (yet); then the direct
 * conversations in the order they opened. A group not open yet opens when reached.
 */
export function sidebarOrder(state: {
	readonly directory: ChatState['directory'];
	readonly conversations: ReadonlyMap<ConversationKey, Pick<Conversation, 'key' | 'kind'>>;
}): readonly ConversationKey[] {
	const groups = [...state.directory.groups.values()].map((group) => groupConversation(group.name));
	const listed = new Set(groups);
	const open = [...state.conversations.values()];
	const otherGroups = open.filter((conversation) => conversation.kind === 'group' && !listed.has(conversation.key));
	const direct = open.filter((conversation) => conversation.kind === 'dm');
	return [...groups, ...[...otherGroups, ...direct].map((conversation) => conversation.key)];
}

/**
 * The current conversation's entries the view lays out from the bottom: while
 * scrolled up, the ones that arrived since are left out so the screen holds still.
 */
export function entriesAboveFold(state: ChatState): EntryList {
	const {entries} = currentConversation(state);
	const hidden = Math.min(state.scroll.entriesBelow, entries.length);
	return hidden === 0 ? entries : entries.slice(0, entries.length - hidden);
}

/** Online users sorted by name, for the sidebar. */
export function onlineUsers(state: ChatState): readonly DirectoryUser[] {
	return [...state.directory.users.values()].sort((a, b) => compareNames(a.name, b.name));
}

/** Groups in the server's order (lobby first, then by creation). */
export function groupList(state: ChatState): readonly DirectoryGroup[] {
	return [...state.directory.groups.values()];
}

/** Orders names as the server sorts them: by name key. */
export function compareNames(a: string, b: string): number {
	const keyA = nameKey(a);
	const keyB = nameKey(b);
	return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}
