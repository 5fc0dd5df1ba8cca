/**
 * Reconnect delays: exponential backoff with decorrelated jitter (each delay is
 * random between the base and three times the previous one, capped). The jitter
 * spreads a ward's worth of clients apart after a server restart instead of having
 * them all knock at the same instant.
 */
export interface BackoffPolicy {
	readonly baseMs: number;
	readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {baseMs: 500, capMs: 30_000};

/**
 * The delay after `previousMs` (undefined for the first retry). `random` is a number
 * in [0, 1), injected so tests can pin it.
 */
export function nextDelay(
	previousMs: number | undefined,
	random: number,
	policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
	const previous = previousMs ?? policy.baseMs;
	const upper = Math.max(policy.baseMs, previous * 3);
	return Math.min(policy.capMs, Math.round(policy.baseMs + random * (upper - policy.baseMs)));
}
