/**
 * Failed logins, throttled per name and per address so that guessing passwords is slow:
 * a token bucket each, one token taken per failure, and an attempt while either bucket
 * is empty refused without checking the password (so it costs the guesser a try and
 * the server no scrypt). By default a name takes 5 failures, then 1 every 30 s; an
 * address 20, then 1 every 5 s. Buckets that have refilled are forgotten, so a
 * stream of made-up names cannot grow memory without end.
 */

export interface ThrottleRate {
	/** Failures let through at once. */
	readonly burst: number;
	/** Then one more every this many milliseconds. */
	readonly everyMs: number;
}

export interface LoginThrottleOptions {
	readonly perName: ThrottleRate;
	readonly perAddress: ThrottleRate;
	/** Milliseconds; the chat's clock, which tests move by hand. */
	readonly now: () => number;
}

export const DEFAULT_LOGIN_THROTTLE: Omit<LoginThrottleOptions, 'now'> = {
	perName: {burst: 5, everyMs: 30_000},
	perAddress: {burst: 20, everyMs: 5000},
};

interface Bucket {
	tokens: number;
	at: number;
}

class Buckets {
	private readonly buckets = new Map<string, Bucket>();

	constructor(private readonly rate: ThrottleRate) {}

	/** Milliseconds until the key may try again: 0 when it may now. */
	wait(key: string, now: number): number {
		const tokens = this.tokens(key, now);
		// Rounded to the millisecond: float dust must not add a whole second to what a person is told.
		return tokens >= 1 ? 0 : Math.round((1 - tokens) * this.rate.everyMs);
	}

	fail(key: string, now: number): void {
		const tokens = Math.max(0, this.tokens(key, now) - 1);
		// Deleted first so the key moves to the end: the sweep goes by the time of the last failure.
		this.buckets.delete(key);
		this.buckets.set(key, {tokens, at: now});
		this.sweep(now);
	}

	forget(key: string): void {
		this.buckets.delete(key);
	}

	private tokens(key: string, now: number): number {
		const bucket = this.buckets.get(key);
		if (!bucket) {
			return this.rate.burst;
		}

		return Math.min(this.rate.burst, bucket.tokens + Math.max(0, now - bucket.at) / this.rate.everyMs);
	}

	// Map order is the order of the last failure: the first ones are the likeliest full again.
	private sweep(now: number): void {
		for (const [key] of this.buckets) {
			if (this.tokens(key, now) < this.rate.burst) {
				return;
			}

			this.buckets.delete(key);
		}
	}
}

export class LoginThrottle {
	private readonly names: Buckets;
	private readonly addresses: Buckets;
	private readonly now: () => number;

	constructor(options: Partial<LoginThrottleOptions> = {}) {
		const {perName, perAddress, now} = {...DEFAULT_LOGIN_THROTTLE, now: Date.now, ...options};
		this.names = new Buckets(perName);
		this.addresses = new Buckets(perAddress);
		this.now = now;
	}

	/** Whole seconds until a login for this name from this address may be checked: 0 when it may now. */
	waitSeconds(nameKey: string, address: string): number {
		const now = this.now();
		return Math.ceil(Math.max(this.names.wait(nameKey, now), this.addresses.wait(address, now)) / 1000);
	}

	failed(nameKey: string, address: string): void {
		const now = this.now();
		this.names.fail(nameKey, now);
		this.addresses.fail(address, now);
	}

	/** The owner got in: the name's failures no longer count against them. */
	succeeded(nameKey: string): void {
		this.names.forget(nameKey);
	}
}
