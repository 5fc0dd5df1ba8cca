/**
 * Rings the terminal bell (BEL) for a DM or a message that names the user, unless
 * turned off. A burst (a pasted block of DMs) rings once, not once per line.
 */
import {useEffect} from 'react';
import type {ChatSession} from '../session/index.js';
import {BELL} from '../session/page-ring.js';

export {BELL} from '../session/page-ring.js';

/** Bells closer together than this ring once. */
export const BELL_QUIET_MS = 1000;

export function useBell(
	session: ChatSession,
	enabled: boolean,
	write: (data: string) => void,
	now: () => number = Date.now,
): void {
	useEffect(() => {
		if (!enabled) {
			return;
		}

		let last = Number.NEGATIVE_INFINITY;
		return session.onBell(() => {
			const time = now();
			if (time - last >= BELL_QUIET_MS) {
				last = time;
				write(BELL);
			}
		});
	}, [session, enabled, write, now]);
}
