/**
 * Time as the edge sees it: a clock and one-shot timers. Keepalive, the registration
 * timeout, the rate limit and the slow-consumer cut all read time through this, so a
 * test can move time on by hand instead of waiting for it.
 */

export type TimerHandle = unknown;

export interface Scheduler {
	/** Milliseconds on a clock that never goes backwards; only differences mean anything. */
	now(): number;
	setTimeout(callback: () => void, ms: number): TimerHandle;
	clearTimeout(handle: TimerHandle): void;
}

export const realScheduler: Scheduler = {
	now: () => performance.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
