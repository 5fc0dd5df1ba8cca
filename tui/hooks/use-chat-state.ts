/** The session's state as React state: re-renders on every change (at most one per frame, given a clock), never tears. */
import {useMemo, useSyncExternalStore} from 'react';
import type {ChatSession} from '../session/index.js';
import type {ChatState} from '../state/index.js';
import type {FrameClock} from '../terminal/frame-clock.js';

export function useChatState(session: ChatSession, frames?: FrameClock): ChatState {
	const subscribe = useMemo(() => {
		if (frames === undefined) {
			return session.subscribe;
		}

		// React is told of a change through the clock, so a burst of changes is one render.
		// A render for any other reason (a key) still reads the newest state.
		return (listener: () => void) => {
			const unsubscribe = session.subscribe(() => frames.request(listener));
			return () => {
				unsubscribe();
				frames.cancel(listener);
			};
		};
	}, [session, frames]);
	return useSyncExternalStore(subscribe, session.getState);
}
