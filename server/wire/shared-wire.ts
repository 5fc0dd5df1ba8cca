/**
 * Wire text formatted once for many recipients (a group message, a presence event): its
 * UTF-8 bytes are encoded once, on first use, and the same Buffer is queued for every
 * recipient, so a fan-out to N users costs one format and one encode, not N. Read-only
 * once made: connections share it. The chat makes them (chat/wire.ts says which lines
 * are messages and which may wait); the edge queues them as they are.
 */
export class SharedWire {
	private encoded: Buffer | undefined;

	constructor(
		/** One or more LF-terminated lines. */
		readonly text: string,
		/** How many of them are messages: what a client cut off for not reading is told it missed. */
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
