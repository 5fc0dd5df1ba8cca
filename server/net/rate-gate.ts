/**
 * Whether a client's next line may run: the token bucket says yes or no, and this says
 * when "no" has gone on long enough to call it a flood. A flood is more than `burst`
 * refusals in a row (nothing ran in between), or refusals that have kept coming, never
 * a second apart, for longer than `floodMs`: a client that ignores every
 * RATE_LIMITED is not going to slow down, and each refusal still costs a reply.
 */
import {TokenBucket} from './token-bucket.js';

export type Admission = 'run' | 'refuse' | 'flood';

export interface RateLimits {
	/** Commands a second; 0 turns the limit off. */
	readonly rate: number;
	readonly burst: number;
	readonly floodMs: number;
}

/** Refusals further apart than this start a new streak. */
const STREAK_GAP_MS = 1000;

export class RateGate {
	/** Refusals since the last line that ran. */
	refusalsInRow = 0;
	private readonly bucket: TokenBucket | undefined;
	private streakStart = 0;
	private lastRefusal = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly limits: RateLimits,
		now: number,
	) {
		this.bucket = limits.rate > 0 ? new TokenBucket(limits.rate, limits.burst, now) : undefined;
	}

	admit(now: number): Admission {
		if (!this.bucket || this.bucket.take(now)) {
			this.refusalsInRow = 0;
			return 'run';
		}

		this.refusalsInRow++;
		if (now - this.lastRefusal > STREAK_GAP_MS) {
			this.streakStart = now;
		}

		this.lastRefusal = now;
		if (this.refusalsInRow > this.limits.burst || now - this.streakStart > this.limits.floodMs) {
			return 'flood';
		}

		return 'refuse';
	}
}
