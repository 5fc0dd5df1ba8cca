/**
 * The input line as a React hook for Ink: reads the raw stdin Ink was given, decodes
 * keys, edits the line and reports app intents.
 *
 * Why not Ink's `useInput`: handlers that read React state see the state of the last
 * render, so several keys in one chunk (tmux send-keys, an SSH packet, a paste) are
 * each applied to the same stale line and all but one are lost. Here every chunk is
 * run through the pure reducer synchronously, key by key, against a ref holding the
 * latest state, so an intent (Enter) sees exactly the line the keys before it made.
 * The result goes to the line's store once per chunk (editor-store.ts), which paints
 * it directly or has what shows it re-render: one screen update per chunk either way.
 *
 * How this shares stdin with Ink: Ink's `setRawMode(true)` attaches Ink's own
 * 'readable' listener, which drains the stream with `read()`. A Node stream emits
 * 'data' for every chunk `read()` returns, so listening to 'data' sees exactly the
 * chunks Ink reads, and neither steals input from the other. Reading with our own
 * 'readable' listener instead would race Ink's loop for the same bytes.
 */

import {useCallback, useLayoutEffect, useRef, useState} from 'react';
import {StringDecoder} from 'node:string_decoder';
import {useStdin, useStdout} from 'ink';
import {DISABLE_BRACKETED_PASTE, ENABLE_BRACKETED_PASTE} from '../terminal/escape-sequences.js';
import {editorStore, type EditorStore} from './editor-store.js';
import {createKeyDecoder, type Key} from './keys.js';
import {bindingFor, type AppIntent} from './keymap.js';
import {editorReducer, initialEditorState, type EditorAction, type EditorState} from './line-editor.js';

/**
 * How long a lone ESC waits for the rest of a sequence before it counts as the Escape
 * key. Long enough for the bytes of one sequence (sent in one write by the terminal),
 * short enough not to be felt.
 */
export const ESCAPE_TIMEOUT_MS = 30;

/**
 * What becomes of a submitted line: false keeps it (refused, to be corrected);
 * 'forget' clears it without recording it for Up to recall (a password); anything
 * else clears and records it.
 */
export type SubmitOutcome = boolean | 'forget';

export interface LineEditorOptions {
	/**
	 * Called for each app intent, in key order, with the line exactly as the earlier keys
	 * of the same chunk left it. For 'submit' the hook then records the line in history
	 * and clears it, as the SubmitOutcome returned says.
	 * It may call `dispatch` synchronously; later keys of the chunk see the result.
	 */
	readonly onIntent: (intent: AppIntent, text: string, state: EditorState) => SubmitOutcome | void;
	/**
	 * Called after each intent has been dealt with, a submitted line recorded and cleared
	 * included, before the next key of the chunk: where the app may swap the line for
	 * another (a conversation's draft) with `dispatch`.
	 */
	readonly afterIntent?: () => void;
	/** While false, stdin is not read and raw mode is not requested. Default true. */
	readonly isActive?: boolean;
	/** Sent lines to recall with Up, oldest first (read on first render only). */
	readonly history?: readonly string[];
	/**
	 * Asks the terminal to mark pastes (`ESC[?2004h`) while active, so a paste is one
	 * insert and its line breaks do not send anything. Default true.
	 */
	readonly bracketedPaste?: boolean;
	/**
	 * Called once the keys of a chunk are applied, before the line goes to its store:
	 * whatever else changed is drawn with the keys, at once.
	 */
	readonly onKeys?: () => void;
}

export interface LineEditor {
	/** The line as of the last chunk, for what shows it (useEditorState); stable across renders. */
	readonly store: EditorStore;
	/** The line as the keys applied so far left it, ahead of the store's in the middle of a chunk; stable across renders. */
	readonly latest: () => EditorState;
	/** Applies an edit now (e.g. a completion); stable across renders. */
	readonly dispatch: (action: EditorAction) => void;
}

export function useLineEditor({
	onIntent,
	afterIntent,
	isActive = true,
	history,
	bracketedPaste = true,
	onKeys,
}: LineEditorOptions): LineEditor {
	const {stdin, setRawMode, isRawModeSupported} = useStdin();
	const {stdout} = useStdout();
	const [store] = useState(() => editorStore(initialEditorState(history)));
	/** The newest state, ahead of the store's while a chunk is being applied. */
	const latest = useRef(store.get());
	const onIntentRef = useRef(onIntent);
	const afterIntentRef = useRef(afterIntent);
	const onKeysRef = useRef(onKeys);

	useLayoutEffect(() => {
		onIntentRef.current = onIntent;
		afterIntentRef.current = afterIntent;
		onKeysRef.current = onKeys;
	}, [onIntent, afterIntent, onKeys]);

	const getLatest = useCallback(() => latest.current, []);

	/** True while a chunk's keys are applied: an edit an intent makes goes to the store with the chunk's. */
	const applying = useRef(false);

	const dispatch = useCallback(
		(action: EditorAction) => {
			latest.current = editorReducer(latest.current, action);
			if (!applying.current) {
				store.set(latest.current);
			}
		},
		[store],
	);

	const applyKeys = useCallback(
		(keys: readonly Key[]) => {
			if (keys.length === 0) return;
			applying.current = true;
			try {
				for (const key of keys) {
					const binding = bindingFor(key, latest.current.text === '');
					if (binding?.kind === 'editor') {
						latest.current = editorReducer(latest.current, binding.action);
					} else if (binding?.kind === 'app') {
						try {
							const keep = onIntentRef.current(binding.intent, latest.current.text, latest.current);
							if (binding.intent === 'submit' && keep !== false) {
								latest.current = editorReducer(latest.current, {type: keep === 'forget' ? 'discard' : 'submit'});
							}
						} finally {
							afterIntentRef.current?.();
						}
					}
				}
			} finally {
				// Even if onIntent threw, show the keys applied so far.
				applying.current = false;
				onKeysRef.current?.();
				store.set(latest.current);
			}
		},
		[store],
	);

	// A layout effect so that on unmount our listener goes before Ink's App (whose
	// cleanup is a passive effect) removes its 'readable' listener: a stream left with
	// only a 'data' listener switches to flowing mode and would discard input.
	useLayoutEffect(() => {
		if (!isActive) return;
		const decoder = createKeyDecoder();
		const utf8 = new StringDecoder('utf8');
		let escapeTimer: NodeJS.Timeout | undefined;

		const onData = (data: string | Buffer) => {
			clearTimeout(escapeTimer);
			escapeTimer = undefined;
			applyKeys(decoder.feed(typeof data === 'string' ? data : utf8.write(data)));
			if (decoder.hasPendingEscape()) {
				escapeTimer = setTimeout(() => {
					escapeTimer = undefined;
					applyKeys(decoder.flush());
				}, ESCAPE_TIMEOUT_MS);
			}
		};

		// Ink's setRawMode is reference counted, attaches Ink's reader and sets utf8;
		// without raw mode support (piped stdin) the 'data' listener is the reader.
		if (isRawModeSupported) setRawMode(true);
		else stdin.setEncoding('utf8');
		stdin.on('data', onData);
		return () => {
			clearTimeout(escapeTimer);
			stdin.off('data', onData);
			if (isRawModeSupported) setRawMode(false);
			else if (stdin.listenerCount('data') === 0) stdin.pause();
		};
	}, [isActive, stdin, setRawMode, isRawModeSupported, applyKeys]);

	useLayoutEffect(() => {
		if (!isActive || !bracketedPaste) return;
		stdout.write(ENABLE_BRACKETED_PASTE);
		return () => {
			stdout.write(DISABLE_BRACKETED_PASTE);
		};
	}, [isActive, bracketedPaste, stdout]);

	return {store, latest: getLatest, dispatch};
}
