/**
 * The input line's editing model: a pure reducer over the buffer, the cursor and the
 * history of sent lines.
 *
 * The cursor is a UTF-16 offset that always sits on a grapheme-cluster boundary, so
 * one keypress moves over or deletes what a reader sees as one character: 👍🏽, a
 * family emoji joined by ZWJs, a flag, or a letter with a combining accent.
 *
 * Pure so that a burst of keys can be applied one after another without React in
 * between (see use-line-editor.ts) and so that every behaviour is testable directly.
 */

import {graphemeSegmenter} from '../layout/grapheme-segmenter.js';

/** Sent lines kept for Up/Down recall; older ones are forgotten. */
export const MAX_HISTORY = 500;

export interface EditorState {
	readonly text: string;
	/** UTF-16 offset into `text`, on a grapheme boundary. */
	readonly cursor: number;
	/** Sent lines, oldest first. */
	readonly history: readonly string[];
	/** Index into `history` of the recalled line, or null when editing the draft. */
	readonly historyIndex: number | null;
	/** The line being typed when history browsing began; restored on the way back down. */
	readonly draft: string;
}

export type EditorAction =
	| {readonly type: 'insert'; readonly text: string}
	| {readonly type: 'backspace'}
	| {readonly type: 'delete'}
	| {readonly type: 'left'}
	| {readonly type: 'right'}
	| {readonly type: 'wordLeft'}
	| {readonly type: 'wordRight'}
	| {readonly type: 'home'}
	| {readonly type: 'end'}
	| {readonly type: 'killToStart'}
	| {readonly type: 'killToEnd'}
	| {readonly type: 'killWordBack'}
	| {readonly type: 'historyPrev'}
	| {readonly type: 'historyNext'}
	| {readonly type: 'submit'}
	/** Clears the line without recording it: a password must never come back with Up. */
	| {readonly type: 'discard'}
	| {readonly type: 'replaceWordBeforeCursor'; readonly text: string}
	| {readonly type: 'set'; readonly text: string}
	/** Puts back the line another conversation was left with: its text and caret, out of history browsing. */
	| {readonly type: 'restoreDraft'; readonly text: string; readonly cursor: number};

export function initialEditorState(history: readonly string[] = []): EditorState {
	return {text: '', cursor: 0, history: history.slice(-MAX_HISTORY), historyIndex: null, draft: ''};
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
	const {text, cursor} = state;
	switch (action.type) {
		case 'insert':
			return splice(state, cursor, cursor, sanitize(action.text));
		case 'backspace':
			return cursor === 0 ? state : splice(state, cursor - graphemeBefore(text, cursor).length, cursor, '');
		case 'delete':
			return cursor === text.length ? state : splice(state, cursor, cursor + graphemeAfter(text, cursor).length, '');
		case 'left':
			return moveTo(state, cursor - graphemeBefore(text, cursor).length);
		case 'right':
			return moveTo(state, cursor + graphemeAfter(text, cursor).length);
		case 'wordLeft':
			return moveTo(state, startOfWordBefore(text, cursor, isWordCharacter));
		case 'wordRight':
			return moveTo(state, endOfWordAfter(text, cursor));
		case 'home':
			return moveTo(state, 0);
		case 'end':
			return moveTo(state, text.length);
		case 'killToStart':
			return splice(state, 0, cursor, '');
		case 'killToEnd':
			return splice(state, cursor, text.length, '');
		case 'killWordBack':
			// Like readline's unix-word-rubout: words are separated by whitespace only,
			// so "see http://x/y" loses the whole URL in one Ctrl-W.
			return splice(
				state,
				startOfWordBefore(text, cursor, (g) => !isWhitespace(g)),
				cursor,
				'',
			);
		case 'historyPrev':
			return recallPrevious(state);
		case 'historyNext':
			return recallNext(state);
		case 'submit':
			return submit(state);
		case 'discard':
			return {...state, text: '', cursor: 0, historyIndex: null, draft: ''};
		case 'replaceWordBeforeCursor':
			return splice(
				state,
				startOfWordBefore(text, cursor, (g) => !isWhitespace(g), false),
				cursor,
				sanitize(action.text),
			);
		case 'set': {
			const replacement = sanitize(action.text);
			return {...state, text: replacement, cursor: replacement.length};
		}

		case 'restoreDraft': {
			const restored = sanitize(action.text);
			const cursor = snapToGraphemeBoundary(restored, Math.min(action.cursor, restored.length));
			return {...state, text: restored, cursor, historyIndex: null, draft: ''};
		}
	}
}

/** Replaces text[from, to) and puts the cursor after the replacement. */
function splice(state: EditorState, from: number, to: number, replacement: string): EditorState {
	if (from === to && replacement === '') return state;
	const text = state.text.slice(0, from) + replacement + state.text.slice(to);
	// Joining can merge clusters (a letter before a lone combining accent), so re-snap.
	return {...state, text, cursor: snapToGraphemeBoundary(text, from + replacement.length)};
}

function moveTo(state: EditorState, cursor: number): EditorState {
	return cursor === state.cursor ? state : {...state, cursor};
}

/**
 * Pasted text arrives with CR (or CR LF) line ends and may hold control characters;
 * lines are kept as LF and other controls are dropped so nothing invisible is sent.
 * Tabs stay: they are content in pasted code.
 */
function sanitize(text: string): string {
	return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/**
 * Start of the word ending at (or before) the cursor: skips separators, then word
 * graphemes. With `skipSeparators` false only the word touching the cursor counts.
 */
function startOfWordBefore(
	text: string,
	cursor: number,
	isWord: (grapheme: string) => boolean,
	skipSeparators = true,
): number {
	const before = graphemesOf(text).filter((g) => g.index < cursor);
	let i = before.length;
	if (skipSeparators) while (i > 0 && !isWord(before[i - 1]!.segment)) i--;
	while (i > 0 && isWord(before[i - 1]!.segment)) i--;
	return before[i]?.index ?? cursor;
}

/** End of the next word after the cursor, like readline's forward-word. */
function endOfWordAfter(text: string, cursor: number): number {
	const after = graphemesOf(text).filter((g) => g.index >= cursor);
	let i = 0;
	while (i < after.length && !isWordCharacter(after[i]!.segment)) i++;
	while (i < after.length && isWordCharacter(after[i]!.segment)) i++;
	return after[i]?.index ?? text.length;
}

function recallPrevious(state: EditorState): EditorState {
	const {history, historyIndex} = state;
	if (history.length === 0 || historyIndex === 0) return state;
	const index = historyIndex === null ? history.length - 1 : historyIndex - 1;
	const draft = historyIndex === null ? state.text : state.draft;
	return showLine({...state, historyIndex: index, draft}, history[index]!);
}

function recallNext(state: EditorState): EditorState {
	const {history, historyIndex} = state;
	if (historyIndex === null) return state;
	if (historyIndex < history.length - 1) {
		return showLine({...state, historyIndex: historyIndex + 1}, history[historyIndex + 1]!);
	}
	return showLine({...state, historyIndex: null, draft: ''}, state.draft);
}

function showLine(state: EditorState, text: string): EditorState {
	return {...state, text, cursor: text.length};
}

function submit(state: EditorState): EditorState {
	const {text, history} = state;
	const worthKeeping = text.trim() !== '' && text !== history.at(-1);
	const kept = worthKeeping ? [...history, text].slice(-MAX_HISTORY) : history;
	return {text: '', cursor: 0, history: kept, historyIndex: null, draft: ''};
}

// ---- Graphemes ------------------------------------------------------------

interface Grapheme {
	readonly index: number;
	readonly segment: string;
}

function graphemesOf(text: string): Grapheme[] {
	return Array.from(graphemeSegmenter.segment(text), ({index, segment}) => ({index, segment}));
}

/** Number of user-perceived characters (grapheme clusters) in `text`. */
export function graphemeCount(text: string): number {
	let count = 0;
	for (const _ of graphemeSegmenter.segment(text)) count++;
	return count;
}

/** A printable ASCII character: no grapheme rule joins it to what is beside it but CR LF, which it is not. */
function isPrintableAscii(text: string, index: number): boolean {
	const code = text.charCodeAt(index);
	return code >= 0x20 && code <= 0x7e;
}

/**
 * Whether `offset` is a grapheme boundary that needs no segmenter: the line's ends, or
 * between two printable ASCII characters. Nearly every key is typed there, and the
 * segmenter was most of the reducer's time per key (docs/PERFORMANCE.md, tenth pass).
 */
function isPlainBoundary(text: string, offset: number): boolean {
	return offset <= 0 || offset >= text.length || (isPrintableAscii(text, offset - 1) && isPrintableAscii(text, offset));
}

/** The grapheme that ends at `offset`, or '' at the start. */
function graphemeBefore(text: string, offset: number): string {
	if (offset <= 0) return '';
	if (isPrintableAscii(text, offset - 1) && isPlainBoundary(text, offset - 1)) return text[offset - 1]!;
	const containing = graphemeSegmenter.segment(text).containing(offset - 1);
	return containing ? text.slice(containing.index, offset) : '';
}

/** The grapheme that starts at `offset`, or '' at the end. */
function graphemeAfter(text: string, offset: number): string {
	if (offset < text.length && isPrintableAscii(text, offset) && isPlainBoundary(text, offset + 1)) return text[offset]!;
	const containing = graphemeSegmenter.segment(text).containing(offset);
	return containing ? text.slice(offset, containing.index + containing.segment.length) : '';
}

/** `offset` if it is a boundary, else the end of the grapheme it falls inside. */
function snapToGraphemeBoundary(text: string, offset: number): number {
	if (isPlainBoundary(text, offset)) return offset;
	const containing = graphemeSegmenter.segment(text).containing(offset);
	if (!containing || containing.index === offset) return offset;
	return containing.index + containing.segment.length;
}

function isWordCharacter(grapheme: string): boolean {
	return /^[\p{L}\p{N}\p{M}_]/u.test(grapheme);
}

function isWhitespace(grapheme: string): boolean {
	return /^\s/u.test(grapheme);
}
