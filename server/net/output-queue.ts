/**
 * What one connection is to be sent and has not been written yet. Lines given during one
 * turn of the event loop go out in one socket write at its end (see flusher.ts): shared
 * fan-out Buffers as they are, joined once per group (join-memo.ts), presence events as
 * a range of the shared lazy log. The slow-consumer cap is judged here, on the exact
 * bytes the socket holds, whenever what is queued would not fit in what is left.
 */
import type {Socket} from 'node:net';
import type {SharedWire} from '../wire/shared-wire.js';
import type {Flushable, Flusher} from './flusher.js';

/**
 * Queued output is written at once, without waiting for the end of the turn, when it
 * reaches this many bytes: big fan-outs go out in pieces the client can start reading
 * while the server goes on, and what waits in the queue stays small.
 */
export const FLUSH_BYTES = 64 * 1024;

/**
 * Queued parts this large on average are written as they are (writev) rather than
 * joined: copying them would cost more than the write machinery per part.
 */
const WRITEV_PART_BYTES = 2048;

/** A queue array that held more entries than this is dropped after its write, not kept: idle connections stay small. */
const QUEUE_KEPT = 32;

/** The connection an output queue writes for. */
export interface OutputQueueOwner {
	/** socket.write threw (a bug: it reports failures through 'error'). */
	writeFailed(error: unknown): void;
}

export class OutputQueue implements Flushable {
	/**
	 * Output queued and not yet written, in order: Buffers shared with the other
	 * recipients of the same fan-out (never copied per recipient until the one write
	 * that coalesces them). One entry is held as it is (`only`), the array is made for a
	 * second: most writes are of one Buffer (a lazy range, a reply), and an array kept
	 * for them (about 180 bytes) was the largest part of an idle connection we own.
	 */
	private only: Buffer | undefined;
	/** The entries while there are two or more; reused through a burst, not made anew for every write. */
	private queue: Array<Buffer | undefined> | undefined;
	/** How many entries are queued (in `only` at 1, in `queue` from 2). */
	private queued = 0;
	/** Whether `queue` was needed since the last flushQueued: an array not needed for a whole turn is let go. */
	private queueNeeded = false;
	private queuedBytes = 0;
	/**
	 * Lazy wires given since then, after everything in `queue`: the range [lazyFrom,
	 * lazyEnd) of the flusher's LazyLog, lazyBytes long (0: none).
	 */
	private lazyFrom = 0;
	private lazyEnd = 0;
	private lazyBytes = 0;
	/** Whether the flusher has this queue on its list for the end of this turn. */
	private flushScheduled = false;
	/** Whether the flusher has this queue on its lazy list. */
	private lazyScheduled = false;
	/**
	 * How many more bytes may be queued before the cap has to be looked at again:
	 * maxQueuedBytes minus what the socket held after the last write. The socket only
	 * gives bytes back to the kernel between writes, so this never overstates the room.
	 */
	private room: number;

	constructor(
		private readonly socket: Socket,
		private readonly flusher: Flusher,
		/** The slow-consumer cap (ConnectionPolicy.maxQueuedBytes). */
		private readonly maxQueuedBytes: number,
		private readonly owner: OutputQueueOwner,
	) {
		this.room = maxQueuedBytes;
	}

	/** Flusher: the end of the turn, or the lazy timer; whatever is queued goes out in one write. */
	flushQueued(soon: boolean): void {
		if (soon) {
			this.flushScheduled = false;
		} else {
			this.lazyScheduled = false;
		}

		this.flush();
		// Kept through a turn's writes (a burst flushes every FLUSH_BYTES, and regrowing the
		// array from empty each time was the largest allocation of a fan-out) and from turn
		// to turn while each needs it; let go of after a turn that did not need it, or when
		// a burst made it large: idle connections stay small.
		if (this.queue !== undefined && (!this.queueNeeded || this.queue.length > QUEUE_KEPT)) {
			this.queue = undefined;
		}

		this.queueNeeded = false;
	}

	/** Queues bytes for the end of the turn, after any lazy lines given before them; false once the client is over the cap. */
	add(bytes: Buffer): boolean {
		if (this.lazyBytes > 0) {
			this.queueLazyRange();
		}

		this.push(bytes);
		this.queuedBytes += bytes.length;
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			this.flusher.schedule(this);
		}

		return this.checkRoom();
	}

	/** Adds a lazy wire to this connection's range of the lazy log, to go out with the next write; false once the client is over the cap. */
	addLazy(wire: SharedWire): boolean {
		const log = this.flusher.lazyLog;
		const index = log.add(wire);
		if (this.lazyBytes === 0) {
			log.hold();
			this.lazyFrom = index;
		} else if (index !== this.lazyEnd) {
			// Left out of a wire in between (an event about itself): the range so far is queued, a new one starts.
			// The new range is held first: released last, the old one would empty the log, the wire just added with it.
			log.hold();
			this.queueLazyRange();
			this.lazyFrom = index;
		}

		this.lazyEnd = index + 1;
		this.lazyBytes += wire.bytes.length;
		// Every holder of a range is on the lazy list, so after a lazy run none is left and the log empties.
		if (!this.lazyScheduled) {
			this.lazyScheduled = true;
			this.flusher.scheduleLazy(this);
		}

		return this.checkRoom();
	}

	/**
	 * Past FLUSH_BYTES, or past the room left under the cap, what is queued is written at
	 * once (the kernel takes what it can, as it would have without coalescing) and the cap
	 * is judged on what the socket still holds: exact bytes, not an estimate.
	 */
	private checkRoom(): boolean {
		const pending = this.queuedBytes + this.lazyBytes;
		if (pending >= FLUSH_BYTES || pending > this.room) {
			this.flush();
			return this.socket.writableLength <= this.maxQueuedBytes;
		}

		return true;
	}

	/** Appends an entry: held as it is when it is the only one, the array made (or reused) for a second. */
	private push(bytes: Buffer): void {
		if (this.queued === 0) {
			this.only = bytes;
		} else {
			const queue = (this.queue ??= []);
			if (this.queued === 1) {
				queue[0] = this.only;
				this.only = undefined;
			}

			queue[this.queued] = bytes;
			this.queueNeeded = true;
		}

		this.queued++;
	}

	/** Moves the lazy range into the queue: a slice of the lazy log, shared with every other connection's. */
	private queueLazyRange(): void {
		const log = this.flusher.lazyLog;
		this.push(log.bytes(this.lazyFrom, this.lazyEnd));
		this.queuedBytes += this.lazyBytes;
		this.lazyBytes = 0;
		log.release();
	}

	/**
	 * Writes everything queued in one go: one Buffer as it is (a lazy range alone is a
	 * slice of the lazy log, shared), small parts joined (one copy, one write), large
	 * parts (a lazy range with a message after it, a HISTORY reply) handed to the kernel
	 * as they are in one writev, with no copy.
	 */
	flush(): void {
		if (this.lazyBytes > 0) {
			this.queueLazyRange();
		}

		const count = this.queued;
		if (count === 0) {
			return;
		}

		const {queuedBytes} = this;
		if (!this.socket.destroyed && !this.socket.writableEnded) {
			try {
				if (count === 1) {
					this.socket.write(this.only!);
				} else if (queuedBytes < WRITEV_PART_BYTES * count) {
					const joins = this.flusher.joins;
					const joined = joins.join(this.queue!, count, queuedBytes);
					this.socket.write(joined);
					// Nothing left in the socket's buffer: the write was done at once, the bytes copied.
					joins.written(joined, this.socket.writableLength === 0);
				} else {
					const queue = this.queue!;
					this.socket.cork();
					for (let index = 0; index < count; index++) {
						this.socket.write(queue[index]!);
					}

					this.socket.uncork();
				}
			} catch (error) {
				// socket.write reports failures through 'error'; this is a safety net for a bug.
				this.owner.writeFailed(error);
			}

			this.room = this.maxQueuedBytes - this.socket.writableLength;
		}

		this.clearQueue();
	}

	/** Lets go of what was queued; the array itself is reused (flushQueued drops it when not needed). */
	private clearQueue(): void {
		this.only = undefined;
		if (this.queued > 1) {
			for (let index = 0; index < this.queued; index++) {
				this.queue![index] = undefined;
			}
		}

		this.queued = 0;
		this.queuedBytes = 0;
	}

	/** The socket is gone: nothing queued can be written any more. */
	drop(): void {
		this.clearQueue();
		this.queue = undefined;
		if (this.lazyBytes > 0) {
			this.lazyBytes = 0;
			this.flusher.lazyLog.release();
		}
	}
}
