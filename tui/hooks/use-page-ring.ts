/**
 * Rings the bell (BEL) every few seconds while a page waits on the banner, until it is
 * acknowledged: a page must not go unnoticed because the first ring was. Rings even
 * with --no-bell, which is for DMs and mentions: a page is what must never be silent.
 */
import {useEffect} from 'react';
import {BELL} from './use-bell.js';

/** Seconds between rings while a page waits. */
export const PAGE_RING_MS = 5000;

export interface RingTimers {
	readonly setInterval: (callback: () => void, ms: number) => unknown;
	readonly clearInterval: (handle: unknown) => void;
}

const PROCESS_TIMERS: RingTimers = {
	setInterval: (callback, ms) => setInterval(callback, ms),
	clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export function usePageRing(waiting: boolean, write: (data: string) => void, timers = PROCESS_TIMERS): void {
	useEffect(() => {
		if (!waiting) {
			return;
		}

		const handle = timers.setInterval(() => write(BELL), PAGE_RING_MS);
		return () => timers.clearInterval(handle);
	}, [waiting, write, timers]);
}
