/**
 * Tab completion: slash commands as the first word, user names after "/dm " (and
 * its aliases), group names after "/join " and "/new ", user names in any other word
 * (with or without a leading @). Pure: the view keeps the last completion to cycle through candidates.
 */
import {nameKey} from '../../protocol/index.js';
import {compareNames, type ChatState} from '../state/index.js';
import {SLASH_COMMANDS} from './slash-commands.js';

export interface Completion {
	/** UTF-16 offset where the word being completed starts (the word ends at the cursor). */
	readonly start: number;
	/** The cursor: the end of the word being completed. */
	readonly end: number;
	/** The text that replaces text[start, end): for the editor's replaceWordBeforeCursor. */
	readonly replacement: string;
	/** Every match, in the order Tab cycles through them. */
	readonly candidates: readonly string[];
	/** Which candidate `replacement` is, or -1 when it is their common prefix. */
	readonly index: number;
}

const WHITESPACE = /\s/;

/** Start of the run of non-space characters that ends at the cursor: the same word the editor replaces. */
function wordStart(text: string, cursor: number): number {
	let start = cursor;
	while (start > 0 && !WHITESPACE.test(text[start - 1]!)) {
		start--;
	}

	return start;
}

function byPrefix(names: Iterable<string>, prefix: string): string[] {
	const key = nameKey(prefix);
	return [...names].filter((name) => nameKey(name).startsWith(key)).sort(compareNames);
}

function userNames(state: ChatState): string[] {
	const me = state.me.name === undefined ? undefined : nameKey(state.me.name);
	return [...state.directory.users.values()].map((user) => user.name).filter((name) => nameKey(name) !== me);
}

/** What the word could become, and whether a parameter follows it (so a unique match gets a space). */
function candidatesFor(text: string, start: number, word: string, state: ChatState): {names: string[]; space: boolean} {
	const before = text.slice(0, start);
	if (before.trim() === '' && word.startsWith('/')) {
		const matching = SLASH_COMMANDS.flatMap((command) =>
			[command.name, ...command.aliases]
				.filter((name) => name.startsWith(word.toLowerCase()))
				// A space only where a parameter must follow: `/help` is mostly typed alone.
				.map((name) => ({name, takesParameters: command.usage.includes('<')})),
		);
		return {
			names: matching.map((command) => command.name),
			space: matching.length === 1 && matching[0]!.takesParameters,
		};
	}

	if (/^\s*\/(dm|msg|query)\s+$/i.test(before)) {
		return {names: byPrefix(userNames(state), word), space: true};
	}

	if (/^\s*\/(join|new)\s+$/i.test(before)) {
		return {
			names: byPrefix(
				[...state.directory.groups.values()].map((group) => group.name),
				word,
			),
			space: false,
		};
	}

	// Elsewhere only a started word is completed: Tab on nothing should not spray names into a message.
	const at = word.startsWith('@') ? '@' : '';
	const typed = word.slice(at.length);
	if (typed === '') {
		return {names: [], space: false};
	}

	return {names: byPrefix(userNames(state), typed).map((name) => at + name), space: true};
}

function commonPrefix(names: readonly string[]): string {
	let prefix = names[0] ?? '';
	for (const name of names) {
		while (!nameKey(name).startsWith(nameKey(prefix))) {
			prefix = prefix.slice(0, -1);
		}
	}

	return prefix;
}

/** Completes the word before the cursor; undefined when nothing matches. */
export function completeInput(text: string, cursor: number, state: ChatState): Completion | undefined {
	const start = wordStart(text, cursor);
	const word = text.slice(start, cursor);
	const {names, space} = candidatesFor(text, start, word, state);
	if (names.length === 0) {
		return undefined;
	}

	if (names.length === 1) {
		const followedBySpace = WHITESPACE.test(text[cursor] ?? '');
		return {
			start,
			end: cursor,
			replacement: names[0]! + (space && !followedBySpace ? ' ' : ''),
			candidates: names,
			index: 0,
		};
	}

	// Several: extend to what they share first, as a shell does; the next Tab cycles.
	const shared = commonPrefix(names);
	if (shared.length > word.length) {
		return {start, end: cursor, replacement: shared, candidates: names, index: -1};
	}

	return {start, end: cursor, replacement: names[0]!, candidates: names, index: 0};
}

/** The next (or, with -1, previous) candidate of a completion with several: for Tab and Shift-Tab. */
export function cycleCompletion(completion: Completion, step: 1 | -1 = 1): Completion {
	const count = completion.candidates.length;
	const from = completion.index === -1 && step === -1 ? 0 : completion.index;
	const index = (((from + step) % count) + count) % count;
	return {...completion, index, replacement: completion.candidates[index]!};
}

/** Applies a completion to the text it was computed on: the new text and cursor. */
export function applyCompletion(
	text: string,
	completion: Completion,
): {readonly text: string; readonly cursor: number} {
	return {
		text: text.slice(0, completion.start) + completion.replacement + text.slice(completion.end),
		cursor: completion.start + completion.replacement.length,
	};
}
