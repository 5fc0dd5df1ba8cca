/**
 * The client's time, chance and timers, injected so reconnect behaviour can be tested
 * deterministically. The clock and timers are protocol's Scheduler; chance is the
 * reconnect delay's jitter (backoff.ts). The clock is the wall clock: a retry's time
 * (nextRetryAt) is counted down against Date.now.
 */
import type {Scheduler} from '../../protocol/index.js';

export interface ReconnectScheduler extends Scheduler {
	/** A number in [0, 1). */
	random(): number;
}

export const SYSTEM_SCHEDULER: ReconnectScheduler = {
	now: () => Date.now(),
	random: () => Math.random(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
