/**
 * Getting our own name back after a reconnect. When the client gives up a dead link
 * (its PING went unanswered: the SSH or network path dropped), the server may not have
 * noticed: it holds the old connection, and with it the name, until its idle timeout
 * (two minutes by default). The reconnect's SET_NAME is then refused NAME_TAKEN. That
 * is no reason to ask the user for another name: they are told once, the session
 * tries again with the connection's backoff until the server lets go (see
 * tui/session), and only after longer than the server takes does it give up and ask.
 * Everything pending stays pending meanwhile and goes out once the name is back.
 */
import type {Err} from '../../protocol/index.js';
import {nameKey} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere} from './conversations.js';
import type {InFlightCommand} from './in-flight-command.js';

/** NAME_TAKEN for the name this session was registered under, sent on a reconnect rather than typed at the prompt. */
export function isOwnNameHeld(state: ChatState, request: InFlightCommand, err: Err): boolean {
	const {command} = request;
	const {me} = state;
	return (
		err.code === 'NAME_TAKEN' &&
		command.name === 'SET_NAME' &&
		!me.askingName &&
		me.name !== undefined &&
		nameKey(command.username) === nameKey(me.name)
	);
}

/** Why the session hangs up and reconnects, as the status line shows it while it waits. */
export function stillHeld(name: string): string {
	return `The server still holds ${name} for the lost connection.`;
}

export function ownNameHeld(state: ChatState, err: Err): ChatState {
	const {me} = state;
	const waited = me.nameWait;
	const next: ChatState = {...state, me: {...me, nameWait: {refusal: err.text, refusals: (waited?.refusals ?? 0) + 1}}};
	// Once per wait: each retry's refusal says nothing new.
	return waited !== undefined
		? next
		: addNoticeHere(
				next,
				'info',
				`${stillHeld(me.name ?? '')} It lets go within about two minutes; trying again until then. Messages you type are kept and sent once you are signed in.`,
			);
}

/** Tried long enough: ask for a name, with the server's sentence; pending messages stay pending. */
export function nameWaitOver(state: ChatState): ChatState {
	const {me} = state;
	if (me.nameWait === undefined) {
		return state;
	}

	return {
		...state,
		me: {...me, nameWait: undefined, askingName: true, checkingName: false, nameProblem: me.nameWait.refusal},
	};
}
