/**
 * Noticing a peer that has gone without closing: a pulled cable, a laptop lid, a frozen
 * machine, a network that drops packets. Such a TCP connection looks open for minutes.
 * When nothing has come from the peer for `idleMs`, it is probed (PING); if then nothing
 * at all comes for `answerMs`, it is dead. Anything heard counts as an answer.
 *
 * Both ends run one: the server's keepalive (a silent client is PINGed, then dropped)
 * and the client's link watch (a silent server is PINGed, then given up on). Pure: the
 * clock and timers are injected, so tests move time by hand.
 *
 * One timer, moved only when it fires: being told of every chunk costs a clock read, not
 * a timer reset, which matters at thousands of busy connections.
 */
import type {Scheduler, TimerHandle} from './scheduler.js';

export interface SilenceTiming {
	/** Silence before a probe. */
	readonly idleMs: number;
	/** Silence after the probe before the peer counts as dead. */
	readonly answerMs: number;
}

export interface SilenceEvents {
	/** Send `PING <token>`. */
	probe(token: string): void;
	/** No answer in time: give the peer up. Nothing is scheduled after it. */
	dead(): void;
}

export class SilenceWatch {
	private readonly idleMs: number;
	private readonly answerMs: number;
	private lastHeard: number;
	private probedAt: number | undefined;
	private probes = 0;
	private timer: TimerHandle;
	private stopped = false;

	constructor(
		private readonly scheduler: Scheduler,
		timing: SilenceTiming,
		private readonly events: SilenceEvents,
		/** Probe tokens are this followed by a count. */
		private readonly tokenPrefix = '',
	) {
		this.idleMs = timing.idleMs;
		this.answerMs = timing.answerMs;
		this.lastHeard = scheduler.now();
		this.schedule(this.idleMs);
	}

	/** Something came from the peer. */
	heard(): void {
		this.lastHeard = this.scheduler.now();
		this.probedAt = undefined;
	}

	stop(): void {
		this.stopped = true;
		if (this.timer !== undefined) {
			this.scheduler.clearTimeout(this.timer);
			this.timer = undefined;
		}
	}

	private schedule(ms: number): void {
		if (!this.stopped) {
			// A timer may fire a hair early; never spin on a zero delay.
			this.timer = this.scheduler.setTimeout(() => this.fire(), Math.max(1, ms));
		}
	}

	private fire(): void {
		this.timer = undefined;
		const now = this.scheduler.now();
		if (this.probedAt !== undefined) {
			const waited = now - this.probedAt;
			if (waited >= this.answerMs) {
				this.stop();
				this.events.dead();
				return;
			}

			this.schedule(this.answerMs - waited);
			return;
		}

		const silent = now - this.lastHeard;
		if (silent < this.idleMs) {
			this.schedule(this.idleMs - silent);
			return;
		}

		this.probedAt = now;
		this.events.probe(`${this.tokenPrefix}${++this.probes}`);
		this.schedule(this.answerMs);
	}
}
