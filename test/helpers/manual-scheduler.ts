/**
 * A scheduler whose clock, chance and timers the test drives, for the server's edge
 * (keepalive pings, idle drops, registration timeouts, the rate limit's refill, the
 * slow-consumer cut) and the client's connection (reconnect delays, the link watch)
 * alike. Time moves in one of two ways, whichever the test reads best with:
 * advance(ms) moves the clock on and fires every timer that comes due on the way,
 * earliest first; fireNext() fires the oldest pending timer as if its time had come.
 * Nothing waits for real time.
 */
import type {ReconnectScheduler} from '../../tui/connection/scheduler.js';

interface Timer {
	readonly callback: () => void;
	readonly ms: number;
	/** When it falls due; timers are kept in the order they were set (their handle). */
	readonly at: number;
}

export class ManualScheduler implements ReconnectScheduler {
	randomValue = 0.5;
	private readonly timers = new Map<number, Timer>();
	private lastHandle = 0;

	constructor(public time = 1_000_000) {}

	now(): number {
		return this.time;
	}

	random(): number {
		return this.randomValue;
	}

	setTimeout(callback: () => void, ms: number): unknown {
		const handle = ++this.lastHandle;
		this.timers.set(handle, {callback, ms, at: this.time + ms});
		return handle;
	}

	clearTimeout(handle: unknown): void {
		this.timers.delete(handle as number);
	}

	/** Timers set and not yet fired or cleared. */
	get pending(): number {
		return this.timers.size;
	}

	/** Delays of the timers not yet fired, oldest first. */
	get pendingDelays(): number[] {
		return [...this.timers.values()].map((timer) => timer.ms);
	}

	/** Fires the oldest pending timer as if its time had come: the clock moves on by its delay. */
	fireNext(): void {
		const [handle, timer] = [...this.timers.entries()][0] ?? [];
		if (handle === undefined || !timer) {
			throw new Error('No timer is pending.');
		}

		this.timers.delete(handle);
		this.time += timer.ms;
		timer.callback();
	}

	/** Moves time on by `ms`, firing every timer that comes due on the way, earliest first. */
	advance(ms: number): void {
		const end = this.time + ms;
		// Bounded: a timer that sets a timer that is already due would otherwise spin.
		for (let fired = 0; fired < 100_000; fired++) {
			const due = this.nextDue(end);
			if (!due) {
				this.time = end;
				return;
			}

			const [handle, timer] = due;
			this.timers.delete(handle);
			this.time = timer.at;
			timer.callback();
		}

		throw new Error('ManualScheduler.advance: more than 100000 timers fired');
	}

	/** The earliest timer due by `end`; of two due at once, the one set first. */
	private nextDue(end: number): [number, Timer] | undefined {
		let found: [number, Timer] | undefined;
		for (const entry of this.timers) {
			const [handle, timer] = entry;
			if (timer.at <= end && (!found || timer.at < found[1].at || (timer.at === found[1].at && handle < found[0]))) {
				found = entry;
			}
		}

		return found;
	}
}
