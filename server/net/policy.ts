/**
 * The limits every connection is held to, each one a `chat serve` flag (see
 * bin/commands/serve.ts) unless said otherwise. They live together because they
 * interact: the rate limit decides what a flood is, the idle timeout how long a slow
 * consumer can hide, the queue cap what a HISTORY reply may weigh.
 */
import {MAX_LINE_BYTES} from '../../protocol/index.js';

export interface ConnectionPolicy {
	/**
	 * How much may wait for a client that does not read before it is cut off: the bytes
	 * the socket holds that the kernel has not taken (socket.writableLength; the edge
	 * writes only Buffers, so these are exact UTF-8 bytes), judged whenever what is
	 * queued in the current turn would not fit in what is left.
	 */
	readonly maxQueuedBytes: number;
	/** Longest client line; longer ones are refused and discarded as they stream in. */
	readonly maxLineBytes: number;
	/** How long a closing connection may take to deliver its last lines before it is destroyed. Not a flag. */
	readonly closeGraceMs: number;
	/** Connections the server takes in all; past it a new one gets BYE TOO_MANY_CONNECTIONS. */
	readonly maxConnections: number;
	/** Connections from one address (loopback is the whole ward when users SSH in). */
	readonly maxConnectionsPerIp: number;
	/** How long a connection may stay unregistered; 0 for ever. */
	readonly registerTimeoutMs: number;
	/** Silence after which a client is dropped with BYE IDLE, PINGed at half of it; 0 for never. */
	readonly idleTimeoutMs: number;
	/** Commands a second a client may keep up; 0 turns the rate limit off. */
	readonly rate: number;
	/** Commands a client may send at once before the rate applies. */
	readonly burst: number;
	/** How long refusals for rate may go on before the client is cut off (BYE FLOOD). Not a flag. */
	readonly floodMs: number;
	/**
	 * How long a client that passed maxQueuedBytes is kept (counting what it misses, so
	 * its goodbye can say) when it does not read what is queued. Not a flag.
	 */
	readonly slowConsumerCutMs: number;
}

export const DEFAULT_POLICY: ConnectionPolicy = {
	maxQueuedBytes: 1024 * 1024,
	maxLineBytes: MAX_LINE_BYTES,
	closeGraceMs: 2000,
	maxConnections: 20_000,
	maxConnectionsPerIp: 1000,
	registerTimeoutMs: 60_000,
	idleTimeoutMs: 120_000,
	rate: 20,
	burst: 200,
	floodMs: 10_000,
	slowConsumerCutMs: 10_000,
};
