/**
 * Rings the bell (BEL) every few seconds while a page waits on the banner, until it is
 * acknowledged: a page must not go unnoticed because the first ring was. Rings even
 * with --no-bell, which is for DMs and mentions: a page is what must never be silent.
 * The full screen (use-page-ring.ts) and plain line mode (run-plain.ts) both ring with it.
 */

/** Seconds between rings while a page waits. */
export const PAGE_RING_MS = 5000;

/** The terminal bell (BEL): the one byte every ring writes. */
export const BELL = '\x07';

export interface RingTimers {
	readonly setInterval: (callback: () => void, ms: number) => unknown;
	readonly clearInterval: (handle: unknown) => void;
}

export const PROCESS_TIMERS: RingTimers = {
	setInterval: (callback, ms) => setInterval(callback, ms),
	clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export class PageRing {
	private handle: unknown;
	private ringing = false;

	constructor(
		private readonly write: (data: string) => void,
		private readonly timers: RingTimers = PROCESS_TIMERS,
	) {}

	/** Whether a page waits now: the ringing starts (its first ring one interval on) or stops. */
	set(waiting: boolean): void {
		if (waiting && !this.ringing) {
			this.ringing = true;
			this.handle = this.timers.setInterval(() => this.write(BELL), PAGE_RING_MS);
		} else if (!waiting) {
			this.stop();
		}
	}

	stop(): void {
		if (this.ringing) {
			this.ringing = false;
			this.timers.clearInterval(this.handle);
			this.handle = undefined;
		}
	}
}
