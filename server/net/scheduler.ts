/**
 * The edge's real clock and timers (the Scheduler shape is protocol's). The clock is
 * monotonic, not the wall clock: deadlines and the rate limit must not jump when the
 * system time is set.
 */
import type {Scheduler} from '../../protocol/index.js';

export const realScheduler: Scheduler = {
	now: () => performance.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
