/**
 * The one thing the chat knows about a connection: it can be given wire text and be
 * ended. The network edge implements it over a socket; tests implement it in memory.
 */
export interface Peer {
	/**
	 * Queues wire text: one or more complete lines, each ending in LF. Never throws and
	 * never calls back into the chat synchronously, so a fan-out loop is never re-entered.
	 */
	send(wire: string): void;
	/** Closes the connection once everything sent so far has been delivered. */
	end(): void;
}
