/**
 * Commands written and not yet answered. The server answers every command with
 * exactly one OK or ERR, in order, so the oldest unanswered command is the one a
 * reply belongs to: that is how an OK MESSAGE finds its pending entry and how data
 * lines (COMMAND, MEMBER, USER, GROUP) are gathered until their OK.
 */
import type {ClientCommand, ServerLine} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import type {ConversationKey} from './conversation-key.js';

/**
 * Who asked, which decides what a reply does: user (typed; errors become notices,
 * list replies are shown), register (SET_NAME), sync (LIST/LIST_GROUP that fill the
 * sidebar, silently), restore (rejoining the group after a reconnect).
 */
export type CommandOrigin = 'user' | 'register' | 'sync' | 'restore';

/** Where the own message a MESSAGE or DM was typed as lives. */
export interface EntryRef {
	readonly conversation: ConversationKey;
	readonly key: number;
}

export type DataLine = Extract<ServerLine, {type: 'COMMAND' | 'MEMBER' | 'USER' | 'GROUP'}>;

export interface InFlightCommand {
	readonly command: ClientCommand;
	readonly origin: CommandOrigin;
	readonly entry: EntryRef | undefined;
	/** Data lines received so far for this command's multi-line reply. */
	readonly collected: readonly DataLine[];
}

/**
 * Decides to send a command: it joins the in-flight queue now and the outgoing
 * queue, which the session writes to the socket in the same order right after.
 */
export function enqueue(
	state: ChatState,
	command: ClientCommand,
	origin: CommandOrigin,
	entry?: EntryRef,
): ChatState {
	return {
		...state,
		inFlight: [...state.inFlight, {command, origin, entry, collected: []}],
		outgoing: [...state.outgoing, command],
	};
}

/** Whether a command of this name is waiting for its reply. */
export function isAwaiting(state: ChatState, name: ClientCommand['name']): boolean {
	return state.inFlight.some((item) => item.command.name === name);
}
