/**
 * Whole seconds until `deadline` (epoch ms), re-rendering once a second while there
 * is one: the "retrying in 4s" of the status line. With no deadline (online) there is
 * no timer at all, so an idle session costs nothing.
 */
import {useEffect, useState} from 'react';

export function secondsUntil(deadline: number, now: number): number {
	return Math.max(0, Math.ceil((deadline - now) / 1000));
}

export function useCountdown(deadline: number | undefined, now: () => number = Date.now): number | undefined {
	const [, setTick] = useState(0);
	useEffect(() => {
		if (deadline === undefined) {
			return;
		}

		let timer: ReturnType<typeof setTimeout> | undefined;
		const schedule = () => {
			const left = deadline - now();
			if (left <= 0) {
				return;
			}

			// Wake when the displayed number changes: at the next whole second before the deadline.
			const delay = left % 1000 || 1000;
			timer = setTimeout(() => {
				setTick((tick) => tick + 1);
				schedule();
			}, delay);
		};

		schedule();
		return () => clearTimeout(timer);
	}, [deadline, now]);

	return deadline === undefined ? undefined : secondsUntil(deadline, now());
}
