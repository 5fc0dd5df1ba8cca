/**
 * Commands written and not yet answered. The server answers every command with
 * exactly one OK or ERR, in order, so the oldest unanswered command is the one a
 * reply belongs to: that is how data lines (COMMAND, MEMBER, USER, GROUP, and the MSG
 * and DM lines of a HISTORY reply) are gathered until their OK. A reply that carries
 * an `@id` tag is matched by that id instead, which cannot go wrong whatever the order.
 */
import type {ClientCommand, DirectMessage, GroupMessage, ServerLine, Tags} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import type {ConversationKey} from './conversation-key.js';
import type {MessageCommand} from './outbox.js';

/**
 * Who asked, which decides what a reply does: user (typed; errors become notices,
 * list replies are shown), register (SET_NAME), sync (LIST/LIST_GROUP that fill the
 * sidebar, silently), restore (rejoining the group after a reconnect), resume
 * (HISTORY after a reconnect: what was missed meanwhile).
 */
export type CommandOrigin = 'user' | 'register' | 'sync' | 'restore' | 'resume';

/** Where the own message a MESSAGE or DM was typed as lives. */
export interface EntryRef {
	readonly conversation: ConversationKey;
	readonly key: number;
}

export type DataLine =
	Extract<ServerLine, {type: 'COMMAND' | 'MEMBER' | 'USER' | 'GROUP'}> | GroupMessage | DirectMessage;

export interface InFlightCommand {
	readonly command: ClientCommand;
	readonly origin: CommandOrigin;
	readonly entry: EntryRef | undefined;
	/** The `@id` the command was sent with (messages only), which its OK or ERR echoes. */
	readonly clientId: string | undefined;
	/** For a message: the name it was sent under, which is whose ids the server deduplicates it among. */
	readonly sentAs: string | undefined;
	/** Data lines received so far for this command's multi-line reply. */
	readonly collected: readonly DataLine[];
}

/** A command to write, with the tags to write it with. */
export interface Outgoing {
	readonly command: ClientCommand;
	readonly tags: Tags | undefined;
}

/**
 * Decides to send a command: it joins the in-flight queue now and the outgoing
 * queue, which the session writes to the socket in the same order right after.
 */
export function enqueue(state: ChatState, command: ClientCommand, origin: CommandOrigin): ChatState {
	return {
		...state,
		inFlight: [
			...state.inFlight,
			{command, origin, entry: undefined, clientId: undefined, sentAs: undefined, collected: []},
		],
		outgoing: [...state.outgoing, {command, tags: undefined}],
	};
}

/** Decides to send a message the user typed, tagged with its client id. */
export function enqueueMessage(
	state: ChatState,
	command: MessageCommand,
	entry: EntryRef,
	clientId: string,
): ChatState {
	return {
		...state,
		inFlight: [...state.inFlight, {command, origin: 'user', entry, clientId, sentAs: state.me.name, collected: []}],
		outgoing: [...state.outgoing, {command, tags: {id: clientId}}],
	};
}

/** Whether a command of this name is waiting for its reply. */
export function isAwaiting(state: ChatState, name: ClientCommand['name']): boolean {
	return state.inFlight.some((item) => item.command.name === name);
}
