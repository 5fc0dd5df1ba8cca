/**
 * Messages waiting to be sent: typed while not online, or sent on a connection that
 * dropped before the server confirmed them. They show as pending entries and go out,
 * in the order typed, with the ids they were first given, as soon as the session is
 * registered and back in its group.
 */
import type {ClientCommand} from '../../protocol/index.js';
import type {EntryRef} from './entries.js';

export type MessageCommand = Extract<ClientCommand, {name: 'MESSAGE' | 'DM'}>;

export interface OutboxItem {
	readonly command: MessageCommand;
	/** The pending entry; for a MESSAGE its conversation also names the group it was written to. */
	readonly entry: EntryRef;
	/** The `@id` it goes out with, the same on every attempt. */
	readonly clientId: string;
	/**
	 * Set when it was written and the connection dropped before the answer: it may have
	 * been delivered. The name it was written under; only a resend under that name is
	 * deduplicated by the server.
	 */
	readonly inDoubtAs: string | undefined;
}
