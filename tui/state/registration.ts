/**
 * From "socket open" to "online": register, fill the sidebar, get back into the
 * group the user was in before a reconnect (recreating it if the server lost it),
 * and only then send what was typed meanwhile and resend what was not confirmed, so
 * it reaches the group it was written to and in the order it was typed; then catch
 * up on what was missed (history-reducer.ts).
 */
import type {Err, Ok} from '../../protocol/index.js';
import {nameKey} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {conversationNameKey, groupConversation} from './conversation-key.js';
import {addNoticeHere, switchTo, updateMessage} from './conversations.js';
import {EMPTY_DIRECTORY, userOnline} from './directory.js';
import {moveToGroup} from './group-change.js';
import {startResume} from './history-reducer.js';
import type {InFlightCommand} from './in-flight-command.js';
import {enqueue, enqueueMessage} from './in-flight.js';
import {loadRecent} from './older-history.js';
import type {OutboxItem} from './outbox.js';

/** JOIN_GROUP, then NEW_GROUP if it is gone, then JOIN_GROUP again if someone recreated it first: then give up. */
const MAX_RESTORE_COMMANDS = 3;

/** Why an outbox item cannot be sent now, or undefined when it can. */
function reasonNotToSend(state: ChatState, item: OutboxItem): string | undefined {
	const group = state.me.group;
	const writtenTo = conversationNameKey(item.entry.conversation);
	if (item.command.name === 'MESSAGE' && writtenTo !== (group === undefined ? undefined : nameKey(group))) {
		return item.inDoubtAs === undefined
			? `Not sent: you are in ${group ?? 'no group'} now, not in the group this was written to.`
			: `The connection was lost before the server confirmed this message, and you are in ${group ?? 'no group'} now, so it was not sent again; it may not have been delivered.`;
	}

	// The server recognises a resend by the sender's name and the id: under another
	// name the same id would be a new message, and might arrive twice.
	if (item.inDoubtAs !== undefined && nameKey(item.inDoubtAs) !== nameKey(state.me.name ?? '')) {
		return `The connection was lost before the server confirmed this message, sent as ${item.inDoubtAs}; it was not sent again as ${state.me.name ?? 'another name'}, so it may not have been delivered.`;
	}

	return undefined;
}

/**
 * Sends the outbox in order, each message with the id it was first given. A message
 * that was in doubt goes out again with that id: if it had arrived, the server says
 * `dup` and does not deliver it twice. A group message whose group we are no longer
 * in fails rather than reach the wrong group.
 */
export function flushOutbox(state: ChatState): ChatState {
	let next: ChatState = {...state, outbox: []};
	for (const item of state.outbox) {
		const reason = reasonNotToSend(next, item);
		next =
			reason === undefined
				? enqueueMessage(next, item.command, item.entry, item.clientId, true)
				: updateMessage(next, item.entry, {delivery: 'failed', error: reason});
	}

	return next;
}

/**
 * Back in the group: resend and send what waited, then catch up on what was missed;
 * the first time, show the conversation so far instead.
 */
function goOnline(state: ChatState): ChatState {
	const next = startResume(
		flushOutbox({
			...state,
			connection: {...state.connection, status: 'online'},
			restoring: undefined,
		}),
	);
	return next.older === undefined ? loadRecent(next) : next;
}

export function registered(
	state: ChatState,
	request: InFlightCommand,
	ok: Extract<Ok, {command: 'SET_NAME'}>,
): ChatState {
	const previousGroup = state.restoring?.group ?? state.me.group;
	// A first registration starts from now; a later one catches up from before the drop.
	// Having seen no message at all, that is everything the server kept.
	const reconnected = state.me.name !== undefined;
	const loggedIn =
		request.command.name === 'SET_NAME' &&
		(request.command.password !== undefined ||
			(state.me.verifiedAccount !== undefined && nameKey(state.me.verifiedAccount) === nameKey(ok.user)));
	let next: ChatState = {
		...state,
		resume: reconnected ? {after: state.resume?.after ?? state.lastMessageId ?? '0', pages: 0} : undefined,
		me: {
			...state.me,
			name: ok.user,
			wantedName: ok.user,
			registered: true,
			askingName: false,
			checkingName: false,
			nameProblem: undefined,
			nameWait: undefined,
			group: ok.group,
			account: loggedIn,
		},
		passwordPrompt: undefined,
		// The server's view starts afresh with this registration; LIST and LIST_GROUP fill it in.
		directory: userOnline(EMPTY_DIRECTORY, ok.user, ok.group),
	};
	// An account starts in the group it was in last time: that is the conversation to show.
	if (!reconnected && groupConversation(ok.group) !== next.current) {
		next = switchTo(next, groupConversation(ok.group), ok.group);
	}

	next = addNoticeHere(next, 'info', ok.text);
	next = enqueue(next, {name: 'LIST'}, 'sync');
	next = enqueue(next, {name: 'LIST_GROUP'}, 'sync');
	if (previousGroup === undefined || nameKey(previousGroup) === nameKey(ok.group)) {
		return goOnline(next);
	}

	next = {...next, restoring: {group: previousGroup, commands: 1}};
	return enqueue(next, {name: 'JOIN_GROUP', group: previousGroup}, 'restore');
}

/** OK SET_PASSWORD: the name is an account now; its password logs in again after a reconnect. */
export function passwordSet(
	state: ChatState,
	request: InFlightCommand,
	ok: Extract<Ok, {command: 'SET_PASSWORD'}>,
): ChatState {
	const password = request.command.name === 'SET_PASSWORD' ? request.command.password : undefined;
	return addNoticeHere({...state, me: {...state.me, account: true, password}}, 'info', ok.text);
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
