/**
 * Noticing a dead link within seconds. A server that vanished without closing (a
 * pulled cable, a frozen machine, a network that drops packets) leaves a TCP
 * connection that looks open for minutes. So when nothing has come from the server for
 * `idleMs`, the client sends PING; if then nothing at all comes for `answerMs`, the
 * link is dead. Any line counts as an answer, as it does for the server's keepalive.
 *
 * One timer, moved only when it fires: being told of every chunk costs a clock read.
 */
import type {Scheduler} from './scheduler.js';

export interface LinkWatchTiming {
	/** Silence before a PING. */
	readonly idleMs: number;
	/** Silence after the PING before the link counts as dead. */
	readonly answerMs: number;
}

/** A dead link is noticed 5 to 10 s after the server's last line; idle, that is one PING every 5 s. */
export const DEFAULT_LINK_WATCH: LinkWatchTiming = {idleMs: 5000, answerMs: 5000};

export interface LinkWatchEvents {
	/** Send `PING <token>`. */
	probe(token: string): void;
	/** No answer in time: give the connection up. */
	dead(): void;
}

export class LinkWatch {
	private lastHeard: number;
	private probedAt: number | undefined;
	private probes = 0;
	private timer: unknown;
	private stopped = false;

	constructor(
		private readonly scheduler: Scheduler,
		private readonly timing: LinkWatchTiming,
		private readonly events: LinkWatchEvents,
	) {
		this.lastHeard = scheduler.now();
		this.schedule(timing.idleMs);
	}

	/** Something came from the server. */
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
			if (waited >= this.timing.answerMs) {
				this.stop();
				this.events.dead();
				return;
			}

			this.schedule(this.timing.answerMs - waited);
			return;
		}

		const silent = now - this.lastHeard;
		if (silent < this.timing.idleMs) {
			this.schedule(this.timing.idleMs - silent);
			return;
		}

		this.probedAt = now;
		this.events.probe(`ka${++this.probes}`);
		this.schedule(this.timing.answerMs);
	}
}
