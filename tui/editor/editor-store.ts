/**
 * The line being typed, kept outside React: the line editor puts each chunk's result
 * here, and what shows the line reads it (useEditorState). A keystroke that changes the
 * input row alone (a character, Backspace, the caret moving: nearly every key) is
 * painted by the input line into its slot and written as a frame at once, without a
 * React render or commit (InputLine.tsx); that was most of a lone key's CPU
 * (docs/PERFORMANCE.md, tenth pass). React hears of the change when a view it renders
 * shows it too (the rule's count of messages, a completion's names), or when nothing
 * can paint directly (no frame writer). React's next render of the line, for whatever
 * reason, reads the newest state, which shows what was painted.
 */
import {useLayoutEffect, useRef, useSyncExternalStore} from 'react';
import {DirectPaint} from '../terminal/direct-paint.js';
import type {EditorState} from './line-editor.js';

/** What one component React renders shows of the line. */
export interface EditorView {
	/** Whether the component, as it last rendered, shows `next` the same. */
	showsSame(next: EditorState): boolean;
}

/** Paints `state` to the screen without React, or returns false (nothing painted): React renders it then. */
export type EditorPainter = (state: EditorState) => boolean;

export interface EditorStore {
	readonly get: () => EditorState;
	readonly subscribe: (listener: () => void) => () => void;
	/** The newest line: painted directly when every view React renders shows it the same, else passed to React. */
	readonly set: (next: EditorState) => void;
	/** Registers a view the painter cannot paint (the rule's); returns the undo. */
	readonly watch: (view: EditorView) => () => void;
	/** Installs the one direct painter (the input line's); returns the undo. */
	readonly paintDirectly: (painter: EditorPainter) => () => void;
}

export function editorStore(initial: EditorState): EditorStore {
	let state = initial;
	const listeners = new Set<() => void>();
	const direct = new DirectPaint<EditorView, EditorPainter>();
	const paintedDirectly = (next: EditorState): boolean => {
		const {painter} = direct;
		if (painter === undefined) {
			return false;
		}

		for (const view of direct.views) {
			if (!view.showsSame(next)) {
				return false;
			}
		}

		return painter(next);
	};

	return {
		get: () => state,
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		set(next) {
			if (next === state) {
				return;
			}

			state = next;
			if (paintedDirectly(next)) {
				return;
			}

			for (const listener of listeners) {
				listener();
			}
		},
		watch: direct.watch,
		paintDirectly: direct.install,
	};
}

/**
 * The line from `store`, re-rendering when React is told of a change. With `same`, the
 * component is one of the store's views: a change it shows the same may be painted
 * without it, and a change it would show differently never is.
 */
export function useEditorState(
	store: EditorStore,
	same?: (shown: EditorState, next: EditorState) => boolean,
): EditorState {
	const state = useSyncExternalStore(store.subscribe, store.get);
	const shown = useRef(state);
	shown.current = state;
	const sameRef = useRef(same);
	sameRef.current = same;
	const watched = same !== undefined;
	useLayoutEffect(
		() => (watched ? store.watch({showsSame: (next) => sameRef.current?.(shown.current, next) ?? false}) : undefined),
		[store, watched],
	);
	return state;
}
