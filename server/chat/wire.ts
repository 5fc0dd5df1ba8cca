/**
 * Server lines to wire text. Everything the server writes goes through protocol's
 * formatter: the server has no wire text of its own.
 */
import {formatServerLine, terminate, type ServerLine} from '../../protocol/index.js';

/** The wire text of one or more lines, each LF-terminated, ready for Peer.send. */
export function toWire(...lines: readonly ServerLine[]): string {
	let wire = '';
	for (const line of lines) {
		wire += terminate(formatServerLine(line));
	}

	return wire;
}

/**
 * Wire text formatted once for many recipients (a group message, a presence event): its
 * UTF-8 bytes are encoded once, on first use, and the same Buffer is queued for every
 * recipient, so a fan-out to N users costs one format and one encode, not N. Read-only
 * once made: connections share it.
 */
export class SharedWire {
	private encoded: Buffer | undefined;

	constructor(
		/** One or more LF-terminated lines. */
		readonly text: string,
		/** How many of them are MSG or DM lines: what a client cut off for not reading is told it missed. */
		readonly messages: number,
		/**
		 * Whether the lines may wait a few milliseconds to go out with others: presence
		 * and membership events, which nobody waits on, and which a registration storm
		 * sends N^2/2 of. They never overtake anything, and whatever is sent after them
		 * on the same connection takes them along (a connection has one queue, in order).
		 */
		readonly lazy = false,
	) {}

	get bytes(): Buffer {
		return (this.encoded ??= Buffer.from(this.text, 'utf8'));
	}
}

/** Server lines nobody waits on: they may go out a little later, with others (SharedWire.lazy). */
const LAZY: ReadonlySet<ServerLine['type']> = new Set(['ONLINE', 'OFFLINE', 'JOINED', 'LEFT', 'GROUP_CREATED']);

/** The shared wire of one or more lines; lazy when every line is a presence or membership event. */
export function sharedWire(...lines: readonly ServerLine[]): SharedWire {
	let messages = 0;
	let lazy = true;
	for (const line of lines) {
		if (line.type === 'MSG' || line.type === 'DM') {
			messages++;
		}

		lazy &&= LAZY.has(line.type);
	}

	return new SharedWire(toWire(...lines), messages, lazy);
}
