/**
 * Latency samples and their percentiles. Samples (microseconds) go into a growing
 * Float64Array, so a few million cost a few tens of MB at most and nothing per sample
 * but a store; percentiles sort a copy once at the end (nearest-rank).
 */

const MAX_SAMPLES = 16_000_000;

export interface LatencySummary {
	readonly count: number;
	readonly meanMs: number;
	readonly p50Ms: number;
	readonly p90Ms: number;
	readonly p99Ms: number;
	readonly p999Ms: number;
	readonly maxMs: number;
	/** Samples not kept because the buffer was full (they still count in `count`). */
	readonly dropped: number;
}

export class LatencyRecorder {
	private samples = new Float64Array(1 << 16);
	private size = 0;
	private total = 0;
	private seen = 0;
	private max = 0;

	/** Sizes the buffer up front when the number of samples is known. */
	constructor(expected = 0) {
		if (expected > 0) {
			this.samples = new Float64Array(Math.min(expected, MAX_SAMPLES));
		}
	}

	record(us: number): void {
		this.seen++;
		this.total += us;
		if (us > this.max) {
			this.max = us;
		}

		if (this.size === this.samples.length) {
			if (this.size >= MAX_SAMPLES) {
				return;
			}

			const grown = new Float64Array(Math.min(this.size * 2, MAX_SAMPLES));
			grown.set(this.samples);
			this.samples = grown;
		}

		this.samples[this.size++] = us;
	}

	get count(): number {
		return this.seen;
	}

	summary(): LatencySummary {
		const sorted = this.samples.slice(0, this.size).sort();
		const at = (q: number) =>
			sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! / 1000;
		return {
			count: this.seen,
			meanMs: this.seen === 0 ? Number.NaN : this.total / this.seen / 1000,
			p50Ms: at(0.5),
			p90Ms: at(0.9),
			p99Ms: at(0.99),
			p999Ms: at(0.999),
			maxMs: this.seen === 0 ? Number.NaN : this.max / 1000,
			dropped: this.seen - this.size,
		};
	}
}

/** Microseconds on the monotonic clock, as an integer (what messages carry as their send time). */
export function nowUs(): number {
	return Math.round(performance.now() * 1000);
}
