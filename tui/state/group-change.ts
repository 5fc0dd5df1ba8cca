/**
 * Our own group changes. The server tells everyone else with LEFT/JOINED events but
 * tells us only through the OK, so the directory is updated here.
 */
import type {ChatState} from './chat-state.js';
import {groupConversation} from './conversation-key.js';
import {addNotice, switchTo} from './conversations.js';
import {groupCreated, userMoved} from './directory.js';

export function moveToGroup(
	state: ChatState,
	group: string,
	options: {created: boolean; show: boolean; notice: string},
): ChatState {
	const me = state.me.name ?? state.me.wantedName ?? '';
	const directory = options.created ? groupCreated(state.directory, group) : state.directory;
	const moved: ChatState = {
		...state,
		directory: userMoved(directory, me, state.me.group, group),
		me: {...state.me, group},
	};
	const key = groupConversation(group);
	const noticed = addNotice(moved, key, group, 'info', options.notice);
	return options.show ? switchTo(noticed, key, group) : noticed;
}
