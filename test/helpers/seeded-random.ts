/**
 * Random test cases from a seed: a test draws every choice from one of these, so the
 * seed it was given (and logs) replays the very same cases when it fails.
 */

export type Random = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** A whole number from `min` to `max`, both included. */
export const integer = (random: Random, min: number, max: number): number =>
	min + Math.floor(random() * (max - min + 1));

/** One of `options`, each as likely. */
export const pick = <T>(random: Random, options: readonly T[]): T => options[integer(random, 0, options.length - 1)]!;
