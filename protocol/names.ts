/**
 * What user and group names may be, and how they compare. Names are shown as typed
 * but compare case-insensitively, so "Alice" and "alice" cannot both be online.
 */
import {hasControlCharacters, quote} from './display.js';
import type {ErrorCode} from './errors.js';
import {MAX_NAME_LENGTH} from './limits.js';

// Letters and digits of any script (clinicians' names are not all ASCII), plus - _ .
// Everything else is refused: punctuation would collide with the protocol's own
// markers (@ starts tags) and invisible or look-alike characters invite spoofing.
const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N}_.-]+$/u;
const WHITESPACE = /\s/u;

export type NameKind = 'user' | 'group';

export interface NameProblem {
	readonly code: ErrorCode;
	readonly message: string;
}

const CODES = {
	user: {missing: 'NAME_MISSING', invalid: 'NAME_INVALID', tooLong: 'NAME_TOO_LONG'},
	group: {missing: 'GROUP_MISSING', invalid: 'GROUP_INVALID', tooLong: 'GROUP_TOO_LONG'},
} as const satisfies Record<NameKind, Record<string, ErrorCode>>;

const NOUN: Record<NameKind, string> = {user: 'Names', group: 'Group names'};

/** Returns what is wrong with a proposed name, or undefined when it is acceptable. */
export function checkName(kind: NameKind, name: string): NameProblem | undefined {
	const codes = CODES[kind];
	const noun = NOUN[kind];
	if (name.length === 0) {
		const usage = kind === 'user' ? 'SET_NAME <username>' : 'NEW_GROUP <name> or JOIN_GROUP <name>';
		return {code: codes.missing, message: `A name is required: ${usage}.`};
	}

	if (WHITESPACE.test(name)) {
		return {code: codes.invalid, message: `${noun} cannot contain spaces: ${quote(name)}.`};
	}

	if (hasControlCharacters(name)) {
		return {code: codes.invalid, message: `${noun} cannot contain control characters: ${quote(name)}.`};
	}

	const length = [...name].length;
	if (length > MAX_NAME_LENGTH) {
		return {
			code: codes.tooLong,
			message: `${noun} can be at most ${MAX_NAME_LENGTH} characters; ${quote(name)} has ${length}.`,
		};
	}

	if (!NAME_CHARACTERS.test(name)) {
		return {
			code: codes.invalid,
			message: `${noun} may contain only letters, digits, '-', '_' and '.': ${quote(name)}.`,
		};
	}

	return undefined;
}

/** The key two names are compared by: NFC-normalised and lower-cased. */
export function nameKey(name: string): string {
	return name.normalize('NFC').toLowerCase();
}

/** A syntactically valid name can be echoed safely in replies and events. */
export function isValidName(name: string): boolean {
	return checkName('user', name) === undefined;
}
