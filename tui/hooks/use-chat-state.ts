/** The session's state as React state: re-renders on every change, never tears. */
import {useSyncExternalStore} from 'react';
import type {ChatSession} from '../session/index.js';
import type {ChatState} from '../state/index.js';

export function useChatState(session: ChatSession): ChatState {
	return useSyncExternalStore(session.subscribe, session.getState);
}
