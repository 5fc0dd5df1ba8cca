/**
 * A message from the outbox with nobody yet to receive it. After a server restart the
 * sessions come back one by one (their backoff spreads them over up to half a minute),
 * and a guest is in no group until it is back; so the first session in has its resends
 * (and what was typed while the server was down) refused NO_RECIPIENTS. Failing them
 * would make the message's fate depend on who happened to reconnect first. Instead it
 * goes back to the outbox and waits, with what is typed to the group behind it: it is
 * sent again as soon as someone else is in the group, and fails with the server's
 * sentence if nobody is within RECIPIENT_WAIT_MS (the session's timer). A message typed
 * live into an empty group is still refused at once, as the lab protocol says.
 */
import type {Err} from '../../protocol/index.js';
import {nameKey} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere, updateMessage} from './conversations.js';
import type {InFlightCommand} from './in-flight-command.js';
import {flushOutbox} from './registration.js';

/** How long a message waits for someone to come back: the reconnect backoff's cap (30 s), four times over. */
export const RECIPIENT_WAIT_MS = 120_000;

export interface RecipientWait {
	/** The group the waiting messages are for. */
	readonly group: string;
	/** The server's sentence, which the messages fail with if nobody comes. */
	readonly refusal: string;
}

/**
 * A group message the outbox sent, refused for want of anyone in the group: back to the
 * outbox, behind what waits already (the server answers in the order sent), to go when
 * someone is in. Undefined for any other refusal.
 */
export function waitForRecipients(state: ChatState, request: InFlightCommand, err: Err): ChatState | undefined {
	const {command, entry, clientId} = request;
	if (
		err.code !== 'NO_RECIPIENTS' ||
		!request.fromOutbox ||
		command.name !== 'MESSAGE' ||
		entry === undefined ||
		clientId === undefined
	) {
		return undefined;
	}

	const group = state.me.group ?? '';
	const next: ChatState = {
		...state,
		outbox: [...state.outbox, {command, entry, clientId, inDoubtAs: undefined}],
		recipientWait: state.recipientWait ?? {group, refusal: err.text},
	};
	if (state.recipientWait !== undefined) {
		return recipientsBack(next);
	}

	const minutes = RECIPIENT_WAIT_MS / 60_000;
	return recipientsBack(
		addNoticeHere(
			next,
			'info',
			`Nobody else is back in ${group} yet. What you wrote waits and is sent as soon as someone is (for up to ${minutes} minutes).`,
		),
	);
}

/** Whether anyone but us is in `group`, by the count the title bar shows (the server's events keep it). */
function othersIn(state: ChatState, group: string): boolean {
	return (state.directory.groups.get(nameKey(group))?.members ?? 0) > 1;
}

/**
 * After each server line: someone is in the group now, or we have left it (the outbox
 * then fails what was written to it, saying so): the waiting messages go, in order.
 */
export function recipientsBack(state: ChatState): ChatState {
	const wait = state.recipientWait;
	if (wait === undefined || state.connection.status !== 'online' || state.restoring !== undefined) {
		return state;
	}

	const stillThere = nameKey(state.me.group ?? '') === nameKey(wait.group);
	if (stillThere && !othersIn(state, wait.group)) {
		return state;
	}

	return flushOutbox({...state, recipientWait: undefined});
}

/** The session's timer: nobody came; what waited fails with the server's sentence. */
export function recipientWaitOver(state: ChatState): ChatState {
	const wait = state.recipientWait;
	if (wait === undefined) {
		return state;
	}

	let next: ChatState = {...state, recipientWait: undefined, outbox: []};
	for (const item of state.outbox) {
		next = updateMessage(next, item.entry, {
			delivery: 'failed',
			error: `${wait.refusal} Nobody came back within ${RECIPIENT_WAIT_MS / 60_000} minutes.`,
		});
	}

	return next;
}
