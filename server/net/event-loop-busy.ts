/**
 * How busy the event loop was between two readings: the share of the time (0 to 1) it
 * spent running callbacks rather than waiting for I/O or timers (libuv's own count, via
 * performance.eventLoopUtilization). What IdleMemory (idle-memory.ts) tells idle by.
 */
import {performance} from 'node:perf_hooks';

/** A reader that returns, at each call, how busy the loop was since the previous one (or since it was made). */
export function eventLoopBusy(): () => number {
	let last = performance.eventLoopUtilization();
	return () => {
		const now = performance.eventLoopUtilization();
		const busy = performance.eventLoopUtilization(now, last).utilization;
		last = now;
		return busy;
	};
}
