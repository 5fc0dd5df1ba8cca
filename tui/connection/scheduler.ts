/** Time, chance and timers, injected so reconnect behaviour can be tested deterministically. */
export interface Scheduler {
	now(): number;
	/** A number in [0, 1). */
	random(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const SYSTEM_SCHEDULER: Scheduler = {
	now: () => Date.now(),
	random: () => Math.random(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
