/**
 * Messages typed while not online. They show as pending entries at once and go out,
 * in the order typed, as soon as the session is registered and back in its group.
 */
import type {ClientCommand} from '../../protocol/index.js';
import type {EntryRef} from './in-flight.js';

export type MessageCommand = Extract<ClientCommand, {name: 'MESSAGE' | 'DM'}>;

export interface OutboxItem {
	readonly command: MessageCommand;
	/** The pending entry; for a MESSAGE its conversation also names the group it was written to. */
	readonly entry: EntryRef;
}
