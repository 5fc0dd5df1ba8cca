/**
 * The one thing the chat knows about a connection: it can be given wire text and be
 * ended. The network edge implements it over a socket; tests implement it in memory.
 */
import type {SharedWire} from './shared-wire.js';

export interface Peer {
	/**
	 * Queues wire text: one or more complete lines, each ending in LF, `messages` of them
	 * messages (what a client cut off for not reading is told it missed; the edge does not
	 * read the lines to find out). Never throws and never calls back into the chat
	 * synchronously, so a fan-out loop is never re-entered.
	 */
	send(wire: string, messages?: number): void;
	/**
	 * The same, for wire text handed to many peers in a fan-out: the connection queues the
	 * shared bytes as they are (no copy, no encoding per recipient). Same rules as send().
	 */
	sendShared(wire: SharedWire): void;
	/** Closes the connection once everything sent so far has been delivered. */
	end(): void;
}
