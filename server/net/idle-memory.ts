/**
 * Gives memory back once the server goes quiet. A burst of work (a registration storm,
 * a fan-out) grows V8's heap, its young generation above all (up to 2 x 16 MiB), and V8
 * keeps what it grew: it shrinks the heap only in a collection, and with nothing
 * allocated nothing triggers one. Its memory reducer was meant for that, but measured on
 * an idle server it did not run (RSS 15 s after 10,000 registrations: 6.3 MiB per
 * 1,000 connections over the baseline; after a full collection: 3.0). So the server
 * looks at its heap every few seconds, and when it was busy before and has allocated
 * next to nothing since, it asks V8 for the collection that shrinks the heap, once,
 * until it is busy again. A server under steady load is never collected this way (its
 * heap moves at every look); an idle one only after being busy, so an idle server costs
 * one look every few seconds.
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
	readonly readHeap: () => HeapReading;
	/** Collects everything and shrinks the heap; resolves when done. */
	readonly collect: () => Promise<void>;
	/** Time between looks. */
	readonly intervalMs?: number;
}

/** Between looks. A quiet server is collected one to two of these after its last work. */
export const IDLE_LOOK_MS = 5000;
/** A heap that moved less than this between two looks was quiet (timers and the looks themselves allocate a little). */
export const QUIET_BYTES = 1024 * 1024;
/** Committed beyond used by less than this: nothing worth a full collection to give back. */
export const SLACK_BYTES = 4 * 1024 * 1024;

export class IdleMemory {
	private readonly intervalMs: number;
	private timer: TimerHandle | undefined;
	private last: HeapReading | undefined;
	/** Whether the heap moved since the last collection (or the start): only then is there something to give back. */
	private busy = true;
	private collecting = false;
	private stopped = false;
	/** Collections made: for the log and tests. */
	collections = 0;

	constructor(private readonly options: IdleMemoryOptions) {
		this.intervalMs = options.intervalMs ?? IDLE_LOOK_MS;
	}

	start(): void {
		this.last = this.options.readHeap();
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
		const now = this.options.readHeap();
		const last = this.last!;
		this.last = now;
		if (Math.abs(now.used - last.used) >= QUIET_BYTES || now.committed > last.committed) {
			this.busy = true;
			this.arm();
			return;
		}

		if (!this.busy || now.committed - now.used < SLACK_BYTES) {
			this.arm();
			return;
		}

		this.busy = false;
		this.collecting = true;
		this.collections++;
		void this.options
			.collect()
			.catch(() => {
				// Nothing is lost if V8 keeps its memory: the next busy spell tries again.
			})
			.finally(() => {
				this.collecting = false;
				// The collection itself moved the heap: that is not work.
				this.last = this.options.readHeap();
				this.arm();
			});
	};

	/** Whether a collection is under way (tests). */
	get pending(): boolean {
		return this.collecting;
	}
}
