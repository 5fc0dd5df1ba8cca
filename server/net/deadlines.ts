/**
 * Deadlines that are all the same length from when they are set (the registration
 * timeout): they fall due in the order they were set, so a queue and one timer for the
 * one at its head do what a timer per connection did, for the cost of two array slots
 * per connection instead of a Timeout object each.
 */
import type {Scheduler, TimerHandle} from '../../protocol/index.js';

export class Deadlines<T> {
	private items: Array<T | undefined> = [];
	private times: number[] = [];
	/** Index of the first entry not yet due. */
	private head = 0;
	/** Ticket of items[0]: tickets keep counting when the queue is compacted. */
	private offset = 0;
	private timer: TimerHandle | undefined;
	/** Entries added and neither due nor cancelled: at 0 the timer is cleared, so a server that closes leaves nothing pending. */
	private live = 0;

	constructor(
		private readonly scheduler: Scheduler,
		private readonly ms: number,
		private readonly due: (item: T) => void,
	) {}

	/** `item` falls due `ms` from now; the ticket cancels it. */
	add(item: T): number {
		this.items.push(item);
		this.times.push(this.scheduler.now() + this.ms);
		this.live++;
		if (this.timer === undefined) {
			this.arm(this.ms);
		}

		return this.offset + this.items.length - 1;
	}

	/** The item will not fall due (its connection closed): the queue lets go of it at once. */
	cancel(ticket: number): void {
		const index = ticket - this.offset;
		if (index >= this.head && index < this.items.length && this.items[index] !== undefined) {
			this.items[index] = undefined;
			if (--this.live === 0) {
				this.reset();
			}
		}
	}

	/** Nothing left to fall due: the timer goes and the queue starts afresh. */
	private reset(): void {
		if (this.timer !== undefined) {
			this.scheduler.clearTimeout(this.timer);
			this.timer = undefined;
		}

		this.offset += this.items.length;
		this.items = [];
		this.times = [];
		this.head = 0;
	}

	private arm(ms: number): void {
		// A timer may fire a hair early; never spin on a zero delay.
		this.timer = this.scheduler.setTimeout(this.fire, Math.max(1, ms));
	}

	private readonly fire = (): void => {
		this.timer = undefined;
		const now = this.scheduler.now();
		while (this.head < this.items.length && this.times[this.head]! <= now) {
			const item = this.items[this.head];
			this.items[this.head] = undefined;
			this.head++;
			if (item !== undefined) {
				this.live--;
				this.due(item);
			}
		}

		if (this.live === 0 || this.head === this.items.length) {
			this.reset();
			return;
		}

		if (this.head >= 1024 && this.head * 2 >= this.items.length) {
			this.offset += this.head;
			this.items = this.items.slice(this.head);
			this.times = this.times.slice(this.head);
			this.head = 0;
		}

		this.arm(this.times[this.head]! - now);
	};
}
