/**
 * Conversation keys: one conversation per group and one per DM partner. Keys use the
 * protocol's name key, so "Night" and "night" are the same conversation, as they are
 * the same group on the server.
 */
import {nameKey} from '../../protocol/index.js';

export type ConversationKey = `group:${string}` | `dm:${string}`;

export type ConversationKind = 'group' | 'dm';

export function groupConversation(group: string): ConversationKey {
	return `group:${nameKey(group)}`;
}

export function dmConversation(user: string): ConversationKey {
	return `dm:${nameKey(user)}`;
}

export function conversationKind(key: ConversationKey): ConversationKind {
	return key.startsWith('group:') ? 'group' : 'dm';
}

/** The name key a conversation key was made from (group or user). */
export function conversationNameKey(key: ConversationKey): string {
	return key.slice(key.indexOf(':') + 1);
}
