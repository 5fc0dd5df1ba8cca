/**
 * Noticing a peer that has gone without closing: a pulled cable, a laptop lid, a frozen
 * machine. Silent for half the idle timeout, it is sent a PING; silent for all of it, it
 * is dropped. Anything it sends counts as a sign of life.
 *
 * One timer per connection, moved only when it fires: being told of every chunk that
 * arrives costs a clock read, not a timer reset, which matters at thousands of busy
 * connections.
 */
import type {Scheduler, TimerHandle} from './scheduler.js';

export interface KeepaliveEvents {
	/** Half the timeout passed in silence: probe the peer. */
	ping(token: string): void;
	/** The whole timeout passed in silence: drop the peer. */
	idle(): void;
}

export class Keepalive {
	private lastHeard: number;
	private pinged = false;
	private pings = 0;
	private timer: TimerHandle | undefined;
	private stopped = false;

	constructor(
		private readonly scheduler: Scheduler,
		private readonly idleMs: number,
		private readonly events: KeepaliveEvents,
	) {
		this.lastHeard = scheduler.now();
		this.schedule(idleMs / 2);
	}

	/** The peer sent something. */
	heard(): void {
		this.lastHeard = this.scheduler.now();
		this.pinged = false;
	}

	stop(): void {
		this.stopped = true;
		if (this.timer !== undefined) {
			this.scheduler.clearTimeout(this.timer);
			this.timer = undefined;
		}
	}

	private schedule(ms: number): void {
		if (this.stopped) {
			return;
		}

		// A timer may fire a hair early; never spin on a zero delay.
		this.timer = this.scheduler.setTimeout(() => this.fire(), Math.max(1, ms));
	}

	private fire(): void {
		this.timer = undefined;
		const silent = this.scheduler.now() - this.lastHeard;
		if (silent >= this.idleMs) {
			this.events.idle();
			return;
		}

		if (silent >= this.idleMs / 2 && !this.pinged) {
			this.pinged = true;
			this.events.ping(String(++this.pings));
		}

		const due = this.pinged ? this.idleMs : this.idleMs / 2;
		this.schedule(due - silent);
	}
}
