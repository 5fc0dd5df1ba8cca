/**
 * From "socket open" to "online": register, fill the sidebar, get back into the
 * group the user was in before a reconnect (recreating it if the server lost it),
 * and only then send what was typed meanwhile, so it reaches the group it was
 * written to and in the order it was typed.
 */
import type {Err, Ok} from '../../protocol/index.js';
import {nameKey} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {conversationNameKey} from './conversation-key.js';
import {addNoticeHere, updateMessage} from './conversations.js';
import {EMPTY_DIRECTORY, userOnline} from './directory.js';
import {moveToGroup} from './group-change.js';
import {enqueue} from './in-flight.js';

/** JOIN_GROUP, then NEW_GROUP if it is gone, then JOIN_GROUP again if someone recreated it first: then give up. */
const MAX_RESTORE_COMMANDS = 3;

/** Sends the outbox in order; a group message whose group we are no longer in fails rather than reach the wrong group. */
function flushOutbox(state: ChatState): ChatState {
	let next: ChatState = {...state, outbox: []};
	const here = next.me.group === undefined ? undefined : nameKey(next.me.group);
	for (const item of state.outbox) {
		const writtenTo = conversationNameKey(item.entry.conversation);
		if (item.command.name === 'MESSAGE' && writtenTo !== here) {
			next = updateMessage(next, item.entry, {
				delivery: 'failed',
				error: `Not sent: you are in ${next.me.group ?? 'no group'} now, not in the group this was written to.`,
			});
		} else {
			next = enqueue(next, item.command, 'user', item.entry);
		}
	}

	return next;
}

function goOnline(state: ChatState): ChatState {
	return flushOutbox({
		...state,
		connection: {...state.connection, status: 'online'},
		restoring: undefined,
	});
}

export function registered(state: ChatState, ok: Extract<Ok, {command: 'SET_NAME'}>): ChatState {
	const previousGroup = state.restoring?.group ?? state.me.group;
	let next: ChatState = {
		...state,
		me: {
			...state.me,
			name: ok.user,
			wantedName: ok.user,
			registered: true,
			askingName: false,
			nameProblem: undefined,
			group: ok.group,
		},
		// The server's view starts afresh with this registration; LIST and LIST_GROUP fill it in.
		directory: userOnline(EMPTY_DIRECTORY, ok.user, ok.group),
	};
	next = addNoticeHere(next, 'info', ok.text);
	next = enqueue(next, {name: 'LIST'}, 'sync');
	next = enqueue(next, {name: 'LIST_GROUP'}, 'sync');
	if (previousGroup === undefined || nameKey(previousGroup) === nameKey(ok.group)) {
		return goOnline(next);
	}

	next = {...next, restoring: {group: previousGroup, commands: 1}};
	return enqueue(next, {name: 'JOIN_GROUP', group: previousGroup}, 'restore');
}

/** OK JOIN_GROUP or OK NEW_GROUP for a restore: back in the group. */
export function restored(state: ChatState, ok: Extract<Ok, {command: 'JOIN_GROUP' | 'NEW_GROUP'}>): ChatState {
	const notice =
		ok.command === 'NEW_GROUP'
			? `Reconnected. The server no longer had group ${ok.group}, so it was created again; you are in it.`
			: `Reconnected and back in group ${ok.group}.`;
	return goOnline(moveToGroup(state, ok.group, {created: ok.command === 'NEW_GROUP', show: false, notice}));
}

/** ERR for a restore command: try the other command, or give up and stay where the server put us. */
export function restoreRefused(state: ChatState, err: Err): ChatState {
	const restoring = state.restoring;
	if (!restoring) {
		return state;
	}

	if (err.code === 'ALREADY_IN_GROUP') {
		return goOnline({...state, me: {...state.me, group: restoring.group}});
	}

	const retry =
		err.code === 'NO_SUCH_GROUP'
			? ({name: 'NEW_GROUP', group: restoring.group} as const)
			: err.code === 'GROUP_EXISTS'
				? ({name: 'JOIN_GROUP', group: restoring.group} as const)
				: undefined;
	if (retry && restoring.commands < MAX_RESTORE_COMMANDS) {
		return enqueue({...state, restoring: {...restoring, commands: restoring.commands + 1}}, retry, 'restore');
	}

	const notice = `Could not get back into group ${restoring.group}: ${err.text} You are in ${state.me.group ?? 'the lobby'}.`;
	return goOnline(addNoticeHere(state, 'error', notice));
}
