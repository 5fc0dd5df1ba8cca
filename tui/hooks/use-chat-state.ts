/**
 * The session's state as React state, for one component: it re-renders when the state
 * changes in what `same` says the component reads (at most once per frame, given a
 * clock: chat-store.ts), never tears. A message re-renders the history and whatever
 * else shows it, not the whole app.
 */
import {createContext, useCallback, useContext, useLayoutEffect, useRef, useSyncExternalStore} from 'react';
import type {ChatState} from '../state/index.js';
import type {ChatStore} from './chat-store.js';

export const ChatStoreContext = createContext<ChatStore | undefined>(undefined);

/**
 * Whether what a component shows of `previous` is the same in `next`: it then keeps
 * `previous`, which differs from the newest state only in what it does not read.
 */
export type SameView = (previous: ChatState, next: ChatState) => boolean;

/**
 * Props of a memoised component that reads the state itself. It renders for its
 * store's changes, and also when the app renders for another reason while a change
 * waits for the frame clock (ChatStore.waiting), so that frame shows it whole.
 */
export interface ReadsChatState {
	readonly waiting: number;
}

/** Every change counts: the component reads the whole state. */
const ANY_CHANGE: SameView = () => false;

/** The store AppContainer provides. */
export function useChatStore(): ChatStore {
	const store = useContext(ChatStoreContext);
	if (store === undefined) {
		throw new Error('useChatState needs a ChatStoreContext (AppContainer provides it).');
	}

	return store;
}

/**
 * The state from the store AppContainer provides. `painted`: the caller is the store's
 * direct painter (chat-store.ts), which shows the changes it paints itself.
 */
export function useChatState(same: SameView = ANY_CHANGE, painted = false): ChatState {
	return useStoreState(useChatStore(), same, painted);
}

/** The state from `store`: for the component that provides it. */
export function useStoreState(store: ChatStore, same: SameView = ANY_CHANGE, painted = false): ChatState {
	// Read by the snapshot in the store's listener as well as in render: the props' latest.
	const sameRef = useRef(same);
	sameRef.current = same;
	const shown = useRef<ChatState | undefined>(undefined);
	const getSnapshot = useCallback(() => {
		const state = store.getState();
		const previous = shown.current;
		if (previous === state || (previous !== undefined && sameRef.current(previous, state))) {
			return previous;
		}

		shown.current = state;
		return state;
	}, [store]);
	// The store asks each view before a change skips React (chat-store.ts).
	useLayoutEffect(
		() =>
			store.watch({
				painted,
				showsSame(next) {
					const previous = shown.current;
					return previous === next || (previous !== undefined && sameRef.current(previous, next));
				},
			}),
		[store, painted],
	);
	return useSyncExternalStore(store.subscribe, getSnapshot);
}
