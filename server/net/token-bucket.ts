/**
 * A token bucket: holds up to `burst` tokens, refills at `rate` a second, and each
 * command takes one. Bursts (a reconnect's catch-up, a pasted list) pass; a sustained
 * pace above `rate` does not.
 */
export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		private readonly rate: number,
		private readonly burst: number,
		now: number,
	) {
		this.tokens = burst;
		this.last = now;
	}

	/** Takes a token if there is one. */
	take(now: number): boolean {
		const elapsed = Math.max(0, now - this.last);
		this.last = now;
		this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.rate) / 1000);
		if (this.tokens < 1) {
			return false;
		}

		this.tokens -= 1;
		return true;
	}
}
