/**
 * A scheduler whose clock, chance and timers the test drives: reconnect delays are
 * checked as numbers and retries happen when the test says, never by waiting.
 */
import type {Scheduler} from '../../tui/connection/scheduler.js';

interface Pending {
	readonly callback: () => void;
	readonly ms: number;
}

export class ManualScheduler implements Scheduler {
	time = 1_000_000;
	randomValue = 0.5;
	private readonly timers = new Map<number, Pending>();
	private nextHandle = 1;

	now(): number {
		return this.time;
	}

	random(): number {
		return this.randomValue;
	}

	setTimeout(callback: () => void, ms: number): unknown {
		const handle = this.nextHandle++;
		this.timers.set(handle, {callback, ms});
		return handle;
	}

	clearTimeout(handle: unknown): void {
		this.timers.delete(handle as number);
	}

	/** Delays of the timers not yet fired, oldest first. */
	get pendingDelays(): number[] {
		return [...this.timers.values()].map((timer) => timer.ms);
	}

	/** Fires the oldest pending timer as if its time had come. */
	fireNext(): void {
		const [handle, timer] = [...this.timers.entries()][0] ?? [];
		if (handle === undefined || !timer) {
			throw new Error('No timer is pending.');
		}

		this.timers.delete(handle);
		this.time += timer.ms;
		timer.callback();
	}
}
