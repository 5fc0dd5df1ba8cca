/**
 * Message ids for a node of a cluster. Like a single server's (message-ids.ts) they come
 * from the clock in microseconds, so they keep increasing across restarts; here each
 * node also has a slot (0 to SLOTS - 1, held by a lease in KV) and gives only ids that
 * are its slot modulo SLOTS, so two nodes never give the same id even in the same
 * microsecond, and every id it gives is above every id it has seen from the others: the
 * ids of one group, whichever nodes sent them, are one order, the order clients show.
 */
import type {MessageId} from '../../protocol/index.js';
import type {MessageIds} from '../chat/message-ids.js';

/** At most this many chat nodes at once; each gives 1000 / SLOTS ids a millisecond before running ahead of the clock. */
export const SLOTS = 16;

export class ClusterIds implements MessageIds {
	private last = 0;

	constructor(
		private readonly slot: number,
		private readonly now: () => number = Date.now,
	) {}

	/** An id stored by another node (or before this node started): ours go above it. */
	observe(id: number): void {
		this.last = Math.max(this.last, id);
	}

	next(): MessageId {
		const floor = Math.max(this.last + 1, Math.floor(this.now()) * 1000);
		const id = floor + ((this.slot - (floor % SLOTS) + SLOTS) % SLOTS);
		this.last = id;
		return String(id);
	}
}
