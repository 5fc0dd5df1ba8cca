/**
 * What a password may be. Checked by the parser for SET_PASSWORD (a password being
 * chosen); a login's password is not checked here, because a refusal that said what was
 * wrong with it would say more than "that name and password do not match".
 */
import {hasControlCharacters} from './display.js';
import {MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH} from './limits.js';

/** The sentence saying what is wrong with a proposed password, or undefined. It never repeats the password. */
export function passwordProblem(password: string): string | undefined {
	const length = [...password].length;
	if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
		return `A password is ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters; that one has ${length}.`;
	}

	if (hasControlCharacters(password)) {
		return 'A password cannot contain control characters (tabs, escapes).';
	}

	return undefined;
}
