/**
 * A Scheduler whose time moves only when the test says: keepalive pings, idle drops,
 * registration timeouts, the rate limit's refill and the slow-consumer cut all happen
 * at the moment the test advances to, over real sockets, without waiting.
 */
import type {Scheduler, TimerHandle} from '../../server/net/scheduler.js';

interface Timer {
	readonly at: number;
	readonly order: number;
	readonly callback: () => void;
}

export class ManualClock implements Scheduler {
	private time = 1_000_000;
	private readonly timers = new Map<number, Timer>();
	private lastHandle = 0;

	now(): number {
		return this.time;
	}

	setTimeout(callback: () => void, ms: number): TimerHandle {
		const handle = ++this.lastHandle;
		this.timers.set(handle, {at: this.time + ms, order: handle, callback});
		return handle;
	}

	clearTimeout(handle: TimerHandle): void {
		this.timers.delete(handle as number);
	}

	/** Timers set and not yet fired or cleared. */
	get pending(): number {
		return this.timers.size;
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

		throw new Error('ManualClock.advance: more than 100000 timers fired');
	}

	private nextDue(end: number): [number, Timer] | undefined {
		let found: [number, Timer] | undefined;
		for (const entry of this.timers) {
			const [, timer] = entry;
			if (
				timer.at <= end &&
				(!found || timer.at < found[1].at || (timer.at === found[1].at && timer.order < found[1].order))
			) {
				found = entry;
			}
		}

		return found;
	}
}
