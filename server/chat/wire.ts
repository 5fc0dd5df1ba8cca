/**
 * What the chat knows about its own lines that the edge must be told: how many of them
 * are messages (MSG and DM lines, what a client cut off for not reading is told it
 * missed) and which may wait to go out with others (SharedWire.lazy).
 */
import type {ServerLine} from '../../protocol/index.js';
import {SharedWire} from '../wire/shared-wire.js';
import {toWire} from '../wire/to-wire.js';

/** How many of `lines` are MSG or DM lines: the count Peer.send and SharedWire carry. */
export function messageCount(lines: readonly ServerLine[]): number {
	let messages = 0;
	for (const line of lines) {
		if (line.type === 'MSG' || line.type === 'DM') {
			messages++;
		}
	}

	return messages;
}

/** Server lines nobody waits on: they may go out a little later, with others (SharedWire.lazy). */
const LAZY: ReadonlySet<ServerLine['type']> = new Set(['ONLINE', 'OFFLINE', 'JOINED', 'LEFT', 'GROUP_CREATED']);

/** The shared wire of one or more lines; lazy when every line is a presence or membership event. */
export function sharedWire(...lines: readonly ServerLine[]): SharedWire {
	let lazy = true;
	for (const line of lines) {
		lazy &&= LAZY.has(line.type);
	}

	return new SharedWire(toWire(...lines), messageCount(lines), lazy);
}
