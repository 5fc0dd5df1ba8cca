/**
 * Gives memory back once the server goes quiet. A burst of work (a registration storm,
 * a fan-out) grows V8's heap, its young generation above all (up to 2 x 16 MiB), and V8
 * keeps what it grew: it shrinks the heap only in a collection, and with nothing
 * allocated nothing triggers one. Its memory reducer was meant for that, but measured on
 * an idle server it did not run (RSS 15 s after 10,000 registrations: 6.3 MiB per
 * 1,000 connections over the baseline; after a full collection: 3.0). So the server
 * looks every few seconds at how busy its event loop was since the last look and at its
 * heap, and when it was busy before and has been idle for IDLE_LOOKS looks since, it asks V8
 * for the collection that shrinks the heap, once, until it is busy again. Idle is told
 * by the event loop, not by the heap: a busy heap can read the same at two looks (a
 * scavenge just before each), and a full collection in the middle of work costs it.
 */
import type {Scheduler, TimerHandle} from '../../protocol/index.js';

/** What is read of V8's heap at each look (v8.getHeapStatistics()). */
export interface HeapReading {
	/** Bytes of live objects and garbage not yet collected. */
	readonly used: number;
	/** Bytes V8 holds from the system for its heap. */
	readonly committed: number;
}

export interface IdleMemoryOptions {
	readonly scheduler: Scheduler;
	/** The share of the time since the last call (0 to 1) the event loop was busy. */
	readonly readBusy: () => number;
	readonly readHeap: () => HeapReading;
	/** Collects everything and shrinks the heap; resolves when done. */
	readonly collect: () => Promise<void>;
	/** Time between looks. */
	readonly intervalMs?: number;
}

/** Between looks. */
export const IDLE_LOOK_MS = 5000;
/**
 * Looks in a row the loop must have been idle: 10 to 15 s. A pause of a few seconds
 * between bursts is not idleness, and collecting in it costs the next burst: the heap
 * shrunk to its smallest grows back through extra scavenges (measured in the bench,
 * which waits up to 20 s for a quiet machine before each phase: the closed loop's server
 * CPU 10-15% higher when a collection fell in that wait).
 */
export const IDLE_LOOKS = 2;
/** An event loop busy less than this share of a look's interval was idle (an idle server's timers take far less). */
export const IDLE_BUSY = 0.01;
/** Committed beyond used by less than this: nothing worth a full collection to give back. */
export const SLACK_BYTES = 4 * 1024 * 1024;

export class IdleMemory {
	private readonly intervalMs: number;
	private timer: TimerHandle | undefined;
	private lastCommitted = 0;
	/** Whether the server was busy since the last collection (or the start): only then is there something to give back. */
	private busy = true;
	private stopped = false;
	/** Idle looks since the last busy one. */
	private idleLooks = 0;

	constructor(private readonly options: IdleMemoryOptions) {
		this.intervalMs = options.intervalMs ?? IDLE_LOOK_MS;
	}

	start(): void {
		this.options.readBusy();
		this.lastCommitted = this.options.readHeap().committed;
		this.arm();
	}

	stop(): void {
		this.stopped = true;
		if (this.timer !== undefined) {
			this.options.scheduler.clearTimeout(this.timer);
			this.timer = undefined;
		}
	}

	private arm(): void {
		if (!this.stopped) {
			this.timer = this.options.scheduler.setTimeout(this.look, this.intervalMs);
		}
	}

	private readonly look = (): void => {
		this.timer = undefined;
		const busy = this.options.readBusy();
		const heap = this.options.readHeap();
		const grew = heap.committed > this.lastCommitted;
		this.lastCommitted = heap.committed;
		if (busy >= IDLE_BUSY || grew) {
			this.busy = true;
			this.idleLooks = 0;
			this.arm();
			return;
		}

		this.idleLooks++;
		if (!this.busy || this.idleLooks < IDLE_LOOKS || heap.committed - heap.used < SLACK_BYTES) {
			this.arm();
			return;
		}

		this.busy = false;
		void this.options
			.collect()
			.catch(() => {
				// Nothing is lost if V8 keeps its memory: the next busy spell tries again.
			})
			.finally(() => {
				// The collection itself kept the loop busy: that is not work.
				this.options.readBusy();
				this.lastCommitted = this.options.readHeap().committed;
				this.arm();
			});
	};
}
