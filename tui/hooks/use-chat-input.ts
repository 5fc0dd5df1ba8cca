/**
 * The input line wired to the session: the line editor's intents become session
 * calls (send, switch conversation, scroll, quit), Tab completes against the
 * session's directory, cycling through the candidates on repeated presses, and each
 * conversation keeps its own unsent line.
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import type {AppIntent} from '../editor/keymap.js';
import type {EditorStore} from '../editor/editor-store.js';
import type {EditorAction, EditorState} from '../editor/line-editor.js';
import {useLineEditor, type SubmitOutcome} from '../editor/use-line-editor.js';
import {applyCompletion, completeInput, cycleCompletion, type Completion} from '../input/index.js';
import type {ChatSession} from '../session/index.js';
import {isPasswordInput, type ConversationKey} from '../state/index.js';

/** Where the last Tab left the line: pressing Tab again there cycles instead of completing afresh. */
export interface CompletionState {
	readonly completion: Completion;
	readonly text: string;
	readonly cursor: number;
}

export interface ScrollPage {
	/** Rows one PgUp/PgDn moves. */
	readonly lines: number;
	/** How far up the current conversation can scroll. */
	readonly maxLinesUp: number;
	/** Where the view is while it shows an anchored entry (a search result); scrolling starts from there. */
	readonly from?: number | undefined;
}

export interface ChatInputOptions {
	/** The page size and scroll limit right now (they depend on the layout and the conversation). */
	readonly page: () => ScrollPage;
	/** Ctrl-L. */
	readonly onRedraw?: () => void;
	/** Ctrl-Z; without it the key does nothing (an SSH server's session has no shell to go back to). */
	readonly onSuspend?: () => void;
	readonly isActive?: boolean;
	/** After each chunk of keys, before the line is shown (useLineEditor). */
	readonly onKeys?: () => void;
}

export interface ChatInput {
	/** The line (editor-store.ts): what shows it reads it from there. */
	readonly editor: EditorStore;
	/** The last Tab's completion: shown while the line is as it left it (shownCompletion). */
	readonly completion: CompletionState | undefined;
}

/** The completion, while the line is as it left it (Tab may still cycle it); else none. */
export function shownCompletion(
	completion: CompletionState | undefined,
	editor: EditorState,
): CompletionState | undefined {
	return completion && completion.text === editor.text && completion.cursor === editor.cursor ? completion : undefined;
}

/** The completion Tab (step 1) or Shift-Tab (-1) makes of `state`, given the last one. */
export function nextCompletion(
	previous: CompletionState | undefined,
	editor: EditorState,
	session: ChatSession,
	step: 1 | -1,
): CompletionState | undefined {
	const again = previous !== undefined && previous.text === editor.text && previous.cursor === editor.cursor;
	let completion: Completion | undefined;
	if (again && previous.completion.candidates.length > 1) {
		completion = cycleCompletion(previous.completion, step);
	} else {
		completion = completeInput(editor.text, editor.cursor, session.getState());
		if (completion && step === -1 && completion.index === 0 && completion.candidates.length > 1) {
			completion = cycleCompletion(completion, -1);
		}
	}

	if (!completion) {
		return undefined;
	}

	// The word being replaced ends at the cursor now (after a cycle, it is the last candidate).
	const applied = applyCompletion(editor.text, {...completion, end: editor.cursor});
	return {completion, text: applied.text, cursor: applied.cursor};
}

/** A line left unsent in a conversation, with its caret: what comes back on returning there. */
interface Draft {
	readonly text: string;
	readonly cursor: number;
}

export function useChatInput(
	session: ChatSession,
	{page, onRedraw, onSuspend, isActive = true, onKeys}: ChatInputOptions,
): ChatInput {
	const completionRef = useRef<CompletionState | undefined>(undefined);
	const [completion, setCompletion] = useState<CompletionState | undefined>(undefined);
	const dispatchRef = useRef<(action: EditorAction) => void>(() => {});
	const latestRef = useRef<() => EditorState | undefined>(() => undefined);
	/**
	 * Each conversation keeps its own draft, so a line typed in one is never sent to
	 * another: switching puts the line away under the conversation it was typed in and
	 * brings back the one left in the conversation switched to. `shownFor` is whose line
	 * the input holds now.
	 */
	const drafts = useRef(new Map<ConversationKey, Draft>());
	const shownFor = useRef(session.getState().current);
	/** True while an intent runs: its switch is followed once the line has been dealt with (afterIntent). */
	const inIntent = useRef(false);

	const followConversation = useCallback(() => {
		const {current} = session.getState();
		const editor = latestRef.current();
		if (current === shownFor.current || editor === undefined) {
			return;
		}

		if (editor.text === '') {
			drafts.current.delete(shownFor.current);
		} else {
			drafts.current.set(shownFor.current, {text: editor.text, cursor: editor.cursor});
		}

		const draft = drafts.current.get(current) ?? {text: '', cursor: 0};
		drafts.current.delete(current);
		shownFor.current = current;
		completionRef.current = undefined;
		dispatchRef.current({type: 'restoreDraft', ...draft});
	}, [session]);

	// A switch the user did not make with a key (the server's answer to /join moves
	// the view to the group joined) is followed when it happens.
	useEffect(
		() =>
			session.subscribe(() => {
				if (!inIntent.current) {
					followConversation();
				}
			}),
		[session, followConversation],
	);

	const afterIntent = useCallback(() => {
		inIntent.current = false;
		followConversation();
	}, [followConversation]);

	const onIntent = useCallback(
		(intent: AppIntent, text: string, editor: EditorState): SubmitOutcome | void => {
			inIntent.current = true;
			switch (intent) {
				case 'submit': {
					completionRef.current = undefined;
					const parsed = session.submit(text);
					// Gone from the line and never kept for Up to recall.
					if (parsed.kind === 'password') {
						return 'forget';
					}

					// A line refused here stays, so it can be corrected rather than retyped.
					if (parsed.kind === 'error') {
						return false;
					}

					if (parsed.kind === 'name') {
						const {me} = session.getState();
						return !(me.askingName && me.nameProblem !== undefined);
					}

					return true;
				}

				case 'complete':
				case 'completePrevious': {
					// Nothing to complete in a password, and nothing of it to show on the rule.
					if (isPasswordInput(session.getState())) {
						return;
					}

					const next = nextCompletion(completionRef.current, editor, session, intent === 'complete' ? 1 : -1);
					completionRef.current = next;
					setCompletion(next);
					if (next) {
						dispatchRef.current({type: 'replaceWordBeforeCursor', text: next.completion.replacement});
					}

					return;
				}

				case 'scrollUp': {
					const {lines, maxLinesUp, from} = page();
					session.scrollUp(lines, maxLinesUp, from);
					return;
				}

				case 'scrollDown': {
					const {lines, from} = page();
					session.scrollDown(lines, from);
					return;
				}

				case 'scrollEnd':
					session.scrollToLive();
					return;
				case 'dismiss':
					session.dismiss();
					return;
				case 'nextConversation':
					session.nextConversation();
					return;
				case 'prevConversation':
					session.previousConversation();
					return;
				case 'quit':
					session.quit();
					return;
				case 'redraw':
					onRedraw?.();
					return;
				case 'acknowledgePage':
					session.acknowledgePage();
					return;
				case 'suspend':
					onSuspend?.();
					return;
			}
		},
		[session, page, onRedraw, onSuspend],
	);

	const editor = useLineEditor({onIntent, afterIntent, isActive, bracketedPaste: false, onKeys});
	dispatchRef.current = editor.dispatch;
	latestRef.current = editor.latest;
	return {editor: editor.store, completion};
}
