/**
 * Commands written and not yet answered. The server answers every command with
 * exactly one OK or ERR, in order, so the oldest unanswered command is the one a
 * reply belongs to: that is how data lines (COMMAND, MEMBER, USER, GROUP, and the MSG
 * and DM lines of a HISTORY reply) are gathered until their OK. A reply that carries
 * an `@id` tag is matched by that id instead, which cannot go wrong whatever the order.
 */
import type {ClientCommand} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import type {EntryRef} from './entries.js';
import type {CommandOrigin, Outgoing} from './in-flight-command.js';
import type {MessageCommand} from './outbox.js';

/**
 * Decides to send a command: it joins the in-flight queue now and the outgoing
 * queue, which the session takes (takeOutgoing) and writes to the socket in the same
 * order right after.
 */
export function enqueue(state: ChatState, command: ClientCommand, origin: CommandOrigin): ChatState {
	return {
		...state,
		inFlight: [
			...state.inFlight,
			{command, origin, entry: undefined, clientId: undefined, sentAs: undefined, fromOutbox: false, collected: []},
		],
		outgoing: [...state.outgoing, {command, tags: undefined}],
	};
}

/** Decides to send a message the user typed, tagged with its client id; `fromOutbox` when it waited to be sent. */
export function enqueueMessage(
	state: ChatState,
	command: MessageCommand,
	entry: EntryRef,
	clientId: string,
	fromOutbox = false,
): ChatState {
	return {
		...state,
		inFlight: [
			...state.inFlight,
			{command, origin: 'user', entry, clientId, sentAs: state.me.name, fromOutbox, collected: []},
		],
		// A DM asks for receipts: the sender's view shows delivered and read (pages.ts).
		outgoing: [
			...state.outgoing,
			{command, tags: command.name === 'DM' ? {id: clientId, receipts: ''} : {id: clientId}},
		],
	};
}

/**
 * The commands decided and not yet written, and the state without them: what the
 * session writes after each action. Taking them empties the queue, so none is written
 * twice and the reducer never hears back about the writing.
 */
export function takeOutgoing(state: ChatState): {readonly state: ChatState; readonly outgoing: readonly Outgoing[]} {
	if (state.outgoing.length === 0) {
		return {state, outgoing: []};
	}

	return {state: {...state, outgoing: []}, outgoing: state.outgoing};
}

/** Whether a command of this name is waiting for its reply. */
export function isAwaiting(state: ChatState, name: ClientCommand['name']): boolean {
	return state.inFlight.some((item) => item.command.name === name);
}
