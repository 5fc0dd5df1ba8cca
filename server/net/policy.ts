/**
 * The limits every connection is held to. Later per-connection policies (rate limits,
 * keepalive) belong here too, next to the ones they interact with.
 */
import {MAX_LINE_BYTES} from '../../protocol/index.js';

export interface ConnectionPolicy {
	/**
	 * How much may wait for a client that does not read before it is cut off. Measured by
	 * socket.writableLength, which counts string writes in UTF-16 code units: exact for
	 * ASCII, an undercount of at most 3x for other text.
	 */
	readonly maxQueuedBytes: number;
	/** Longest client line; longer ones are refused and discarded as they stream in. */
	readonly maxLineBytes: number;
	/** How long a closing connection may take to deliver its last lines before it is destroyed. */
	readonly closeGraceMs: number;
}

export const DEFAULT_POLICY: ConnectionPolicy = {
	maxQueuedBytes: 1024 * 1024,
	maxLineBytes: MAX_LINE_BYTES,
	closeGraceMs: 2000,
};
