/** Moving between conversations and scrolling within one. */
import type {ConversationTarget} from './actions.js';
import type {ChatState} from './chat-state.js';
import {conversationKind, conversationNameKey, type ConversationKey} from './conversation-key.js';
import {switchTo} from './conversations.js';
import {sidebarOrder} from './selectors.js';

/** A conversation not open yet takes its title from the directory, which spells names as registered. */
function titleFor(state: ChatState, key: ConversationKey): string {
	const name = conversationNameKey(key);
	const known =
		conversationKind(key) === 'group' ? state.directory.groups.get(name)?.name : state.directory.users.get(name)?.name;
	return state.conversations.get(key)?.title ?? known ?? name;
}

export function switchConversation(state: ChatState, to: ConversationTarget): ChatState {
	if (to !== 'next' && to !== 'previous') {
		return switchTo(state, to, titleFor(state, to));
	}

	// The sidebar's order, so the key goes where the eye expects; never empty, as it holds the current one.
	const keys = sidebarOrder(state);
	const step = to === 'next' ? 1 : -1;
	const index = (keys.indexOf(state.current) + step + keys.length) % keys.length;
	const key = keys[index]!;
	return switchTo(state, key, titleFor(state, key));
}
