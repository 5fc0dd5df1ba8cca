/**
 * The session as React's external store, with the frame clock between them: the
 * session's changes reach React at most once per display refresh (frame-clock.ts).
 * One store serves every component that reads the state (useChatState), so that each
 * re-renders only for what it shows, and it asks the clock once per change for all of
 * them: a clock asked by each would pass the first on at once and hold the rest back
 * for an interval.
 */
import type {ChatSession} from '../session/index.js';
import type {ChatState} from '../state/index.js';
import type {FrameClock} from '../terminal/frame-clock.js';

export interface ChatStore {
	readonly getState: () => ChatState;
	readonly subscribe: (listener: () => void) => () => void;
	/**
	 * Passes on now a change that waits for the clock. Keys are drawn at once, and their
	 * frame shows the newest state: the components a message changed render with the keys.
	 */
	readonly flush: () => void;
	/**
	 * 0 while no change waits for the clock, else a number that differs for each change
	 * that does. Read as the app renders for another reason (a key, a resize, the
	 * countdown), it is handed to the panes, which then render too: a frame never shows
	 * part of the screen newer than the rest.
	 */
	readonly waiting: () => number;
}

/** Without a clock every change is passed on at once. */
export function chatStore(
	session: Pick<ChatSession, 'getState' | 'subscribe'>,
	frames: FrameClock | undefined,
): ChatStore {
	const listeners = new Set<() => void>();
	let waiting = false;
	let changes = 0;
	let unsubscribe: (() => void) | undefined;
	const flush = () => {
		if (!waiting) {
			return;
		}

		waiting = false;
		for (const listener of listeners) {
			listener();
		}
	};

	const changed = () => {
		waiting = true;
		changes++;
		if (frames === undefined) {
			flush();
		} else {
			frames.request(flush);
		}
	};

	return {
		getState: session.getState,
		subscribe(listener) {
			listeners.add(listener);
			unsubscribe ??= session.subscribe(changed);
			return () => {
				listeners.delete(listener);
				if (listeners.size === 0 && unsubscribe !== undefined) {
					unsubscribe();
					unsubscribe = undefined;
					waiting = false;
					frames?.cancel(flush);
				}
			};
		},
		flush,
		waiting: () => (waiting ? changes : 0),
	};
}
