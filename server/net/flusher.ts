/**
 * Output coalescing: what one connection is given during one turn of the event loop
 * goes out in one socket write. A connection with something queued asks to be flushed;
 * once per turn (setImmediate: after every socket read of this poll phase has been
 * handled, so every line those reads fanned out is queued) each such connection writes
 * its queue at once. A fan-out of M lines to N sockets in one turn then costs N writes,
 * not N x M; with TCP_NODELAY on (for latency) that is N segments, not N x M.
 *
 * Lazy lines (presence and membership events, SharedWire.lazy) wait longer, for company:
 * a registration storm sends one event per registration to every user, in a turn of its
 * own, and N^2/2 lines in all. They go to a log shared by every connection (the LazyLog
 * below), each connection holding only the range of it that is its own, and a timer
 * flushes them some milliseconds later: connections holding the same range then write
 * the very same Buffer, joined once. Anything not lazy queued after them takes them
 * along at the end of its turn, so nothing is reordered.
 *
 * One list, one immediate and one timer for all connections: no closure, timer or
 * promise per line or per connection.
 */
import type {SharedWire} from '../wire/shared-wire.js';
import {JoinMemo} from './join-memo.js';

/** How long presence events wait for company when the server is quiet. */
export const LAZY_FLUSH_MS = 10;
/**
 * Under load, the wait is this many times as long as the last lazy flush took, so
 * flushing presence events takes at most about a fifth of the server's time however
 * many connections there are...
 */
const LAZY_LOAD_FACTOR = 4;
/** ...and at most this long. */
const LAZY_FLUSH_MAX_MS = 1000;

/** Joins longer than this are not kept alive by short slices of them (LazyLog.bytes). */
export const SLICE_COPY_ABOVE = 64 * 1024;

export interface Flushable {
	/** The end of the turn (soon = true) or the lazy timer (soon = false): write whatever is queued. Never throws. */
	flushQueued(soon: boolean): void;
}

class FlushList {
	private due: Flushable[] = [];
	private spare: Flushable[] = [];
	private scheduled = false;
	/** How long the last run took (ms). */
	lastRunMs = 0;

	constructor(
		private readonly soon: boolean,
		private readonly arm: (run: () => void) => void,
	) {}

	add(item: Flushable): void {
		this.due.push(item);
		if (!this.scheduled) {
			this.scheduled = true;
			this.arm(this.run);
		}
	}

	private readonly run = (): void => {
		const started = performance.now();
		this.scheduled = false;
		// Anything added while these flush (nothing should be) waits for the next run.
		const due = this.due;
		this.due = this.spare;
		for (let index = 0; index < due.length; index++) {
			due[index]!.flushQueued(this.soon);
		}

		due.length = 0;
		this.spare = due;
		this.lastRunMs = performance.now() - started;
	};
}

/**
 * The lazy wires not yet written to every connection that is to get them, in the order
 * they were made, numbered from 0 for the life of the process. A connection holds a
 * range [from, end) of it: every lazy wire it was given since its last write. As the
 * chat hands each wire to all its recipients in one loop before it makes the next one,
 * a connection's wires are consecutive in the log unless it was left out of one (an
 * event about itself), which starts a new range (see Connection.sendShared).
 *
 * Every range is a slice of the whole log laid end to end: the lazy run joins the log
 * once into one Buffer, and each connection writes its slice of it. Thousands of
 * connections, each with its own range (one registered before the other), then cost
 * one copy of the log, not one each.
 */
export class LazyLog {
	private wires: SharedWire[] = [];
	/** Byte offset of each wire in the log laid end to end. */
	private offsets: number[] = [];
	private length = 0;
	/** Number of wires[0]. */
	private base = 0;
	/** Connections holding a range; at 0 the log is emptied. */
	private holders = 0;
	/** The log joined, up to wire number `joinedEnd`. */
	private joined: Buffer | undefined;
	private joinedEnd = 0;

	/** Number of the next wire. */
	get end(): number {
		return this.base + this.wires.length;
	}

	/** The number of `wire`, appended if it is not the last one (it is, for all its recipients but the first). */
	add(wire: SharedWire): number {
		const last = this.wires.length - 1;
		if (last >= 0 && this.wires[last] === wire) {
			return this.base + last;
		}

		this.wires.push(wire);
		this.offsets.push(this.length);
		this.length += wire.bytes.length;
		return this.base + last + 1;
	}

	/** A connection starts holding a range. */
	hold(): void {
		this.holders++;
	}

	/** A connection no longer holds a range (written, queued, or the socket is gone). */
	release(): void {
		if (--this.holders === 0) {
			this.base += this.wires.length;
			this.wires = [];
			this.offsets = [];
			this.length = 0;
			this.joined = undefined;
			this.joinedEnd = 0;
		}
	}

	/**
	 * The bytes of wires [from, end), one after the other: a slice of the log joined. The
	 * log is joined again only when a range reaches past what was joined (new wires since):
	 * once per turn at most, whoever asks, however many connections ask.
	 */
	bytes(from: number, end: number): Buffer {
		const first = from - this.base;
		const stop = end - this.base;
		if (stop - first === 1) {
			return this.wires[first]!.bytes;
		}

		if (end > this.joinedEnd) {
			this.joined = this.join(0, this.wires.length);
			this.joinedEnd = this.end;
		}

		const joined = this.joined!;
		const slice = joined.subarray(this.offsets[first]!, stop < this.wires.length ? this.offsets[stop]! : this.length);
		// A slice keeps its whole join alive for as long as a socket holds it. A short slice
		// of a long join is copied, so a client that does not read holds about what the
		// slow-consumer cap charges it for, not every presence line of the storm.
		return joined.length > SLICE_COPY_ABOVE && slice.length * 4 < joined.length ? Buffer.from(slice) : slice;
	}

	/** wires[first..stop) in one new Buffer. */
	private join(first: number, stop: number): Buffer {
		const size = (stop < this.wires.length ? this.offsets[stop]! : this.length) - this.offsets[first]!;
		const joined = Buffer.allocUnsafe(size);
		let offset = 0;
		for (let index = first; index < stop; index++) {
			offset += this.wires[index]!.bytes.copy(joined, offset);
		}

		return joined;
	}
}

export class Flusher {
	readonly lazyLog = new LazyLog();
	/** Connections flushed in the same turn with the same queue write one joined Buffer. */
	readonly joins = new JoinMemo();
	private readonly soon = new FlushList(true, (run) => setImmediate(run));
	private readonly later: FlushList = new FlushList(false, (run) =>
		setTimeout(
			run,
			Math.min(LAZY_FLUSH_MAX_MS, Math.max(LAZY_FLUSH_MS, LAZY_LOAD_FACTOR * this.later.lastRunMs)),
		).unref(),
	);

	/** `item` has something queued that should go out at the end of this turn. Once per turn is enough. */
	schedule(item: Flushable): void {
		this.soon.add(item);
	}

	/** `item` has only lazy lines queued: they go out a little later, unless something takes them sooner. */
	scheduleLazy(item: Flushable): void {
		this.later.add(item);
	}
}
