/**
 * The session as React's external store, with the frame clock between them: the
 * session's changes reach React at most once per display refresh (frame-clock.ts).
 * One store serves every component that reads the state (useChatState), so that each
 * re-renders only for what it shows, and it asks the clock once per change for all of
 * them: a clock asked by each would pass the first on at once and hold the rest back
 * for an interval.
 *
 * A change that only the history pane shows (a message arriving while every other pane
 * would show the same) may skip React: the pane lays out and paints its rows itself and
 * asks the writer for a frame (HistoryPane.tsx). React's render of the pane, its commit,
 * Ink's commit hook and Yoga then do not run: that was a third of a lone message's CPU
 * (docs/PERFORMANCE.md, eighth pass). The next change React does see renders the pane
 * from the newest state, which shows what was painted.
 */
import type {ChatSession} from '../session/index.js';
import type {ChatState} from '../state/index.js';
import {DirectPaint} from '../terminal/direct-paint.js';
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
	/** Registers what a reading component shows (use-chat-state.ts); returns the undo. */
	readonly watch: (view: StoreView) => () => void;
	/** Installs the one direct painter (the history pane's); returns the undo. */
	readonly paintDirectly: (painter: DirectPainter) => () => void;
}

/** What one component that reads the state shows. */
export interface StoreView {
	/** The direct painter's own view: the one the painter shows, not React. */
	readonly painted: boolean;
	/** Whether the component, as it last rendered, shows `next` the same. */
	showsSame(next: ChatState): boolean;
}

/**
 * Paints `state` to the screen without React, or returns false (nothing painted) when
 * it cannot: React renders the change then.
 */
export type DirectPainter = (state: ChatState) => boolean;

/** Without a clock every change is passed on at once. */
export function chatStore(
	session: Pick<ChatSession, 'getState' | 'subscribe'>,
	frames: FrameClock | undefined,
): ChatStore {
	const listeners = new Set<() => void>();
	let waiting = false;
	let changes = 0;
	let unsubscribe: (() => void) | undefined;
	const direct = new DirectPaint<StoreView, DirectPainter>();
	/** Whether the direct painter took the change: no view React renders shows it. */
	const paintedDirectly = (): boolean => {
		const {painter} = direct;
		if (painter === undefined) {
			return false;
		}

		const state = session.getState();
		for (const view of direct.views) {
			if (!view.painted && !view.showsSame(state)) {
				return false;
			}
		}

		return painter(state);
	};

	const flush = () => {
		if (!waiting) {
			return;
		}

		waiting = false;
		if (paintedDirectly()) {
			return;
		}

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
		watch: direct.watch,
		paintDirectly: direct.install,
	};
}
