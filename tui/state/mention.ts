/**
 * Whether a message names the user: their name as a whole word, case-insensitively
 * ("Bob:" and "@bob" name bob; "bobby" does not). Compared by the protocol's name
 * key so it agrees with how the server compares names.
 */
import {nameKey} from '../../protocol/index.js';

// Characters that continue a word. '-' and '.' are allowed in names but also end
// sentences, so they separate words here: "thanks bob." names bob.
const WORD = String.raw`[\p{L}\p{M}\p{N}_]`;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

// The pattern for the last name asked about: the user's own, on every group message. A
// pattern made afresh was compiled for each message (about 2 us of a message, hot).
let last: {readonly needle: string; readonly pattern: RegExp} | undefined;

function patternFor(needle: string): RegExp {
	if (last?.needle !== needle) {
		// No `g` flag: `test` keeps no position from one call to the next.
		last = {needle, pattern: new RegExp(`(?<!${WORD})${escapeRegExp(needle)}(?!${WORD})`, 'u')};
	}

	return last.pattern;
}

export function mentions(text: string, name: string): boolean {
	const needle = nameKey(name);
	if (needle === '') {
		return false;
	}

	return patternFor(needle).test(nameKey(text));
}
