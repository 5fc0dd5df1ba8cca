/** The page ring (session/page-ring.ts) for as long as the full screen shows a page on its banner. */
import {useEffect} from 'react';
import {PageRing, PROCESS_TIMERS, type RingTimers} from '../session/page-ring.js';

export function usePageRing(
	waiting: boolean,
	write: (data: string) => void,
	timers: RingTimers = PROCESS_TIMERS,
): void {
	useEffect(() => {
		if (!waiting) {
			return;
		}

		const ring = new PageRing(write, timers);
		ring.set(true);
		return () => ring.stop();
	}, [waiting, write, timers]);
}
