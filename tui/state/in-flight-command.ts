/** A command the client sends: how it is written, and what it is waiting for until answered (see in-flight.ts). */
import type {ClientCommand, DirectMessage, GroupMessage, ServerLine, Tags} from '../../protocol/index.js';
import type {EntryRef} from './entries.js';

/**
 * Who asked, which decides what a reply does: user (typed; errors become notices,
 * list replies are shown), register (SET_NAME), sync (LIST/LIST_GROUP that fill the
 * sidebar, silently), restore (rejoining the group after a reconnect), resume
 * (HISTORY after a reconnect: what was missed meanwhile), older (HISTORY_BEFORE: the
 * conversation so far, on start, /join and PgUp at the top), unread (HISTORY after the
 * read position an UNREAD line gave), context (the messages around a search result
 * being opened), read (READ: the read position, silently).
 */
export type CommandOrigin =
	'user' | 'register' | 'sync' | 'restore' | 'resume' | 'older' | 'unread' | 'context' | 'read';

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
	/** For a message: sent from the outbox (typed offline, or resent after a reconnect), which may wait for recipients (recipient-wait.ts). */
	readonly fromOutbox: boolean;
	/** Data lines received so far for this command's multi-line reply. */
	readonly collected: readonly DataLine[];
}

/** A command to write, with the tags to write it with. */
export interface Outgoing {
	readonly command: ClientCommand;
	readonly tags: Tags | undefined;
}
