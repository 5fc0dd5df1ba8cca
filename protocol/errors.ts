/**
 * Every error code the server can send in an ERR line. Codes are stable: clients
 * branch on them; the sentence after them is for people and may change.
 */
export const ERROR_CODES = {
	UNKNOWN_COMMAND: 'The command word is not one the server knows.',
	NOT_REGISTERED: 'The command needs a registered user; register with SET_NAME first.',
	ALREADY_REGISTERED: 'SET_NAME was sent on a connection that is already registered.',
	TOO_MANY_ARGUMENTS: 'The command takes fewer parameters than were given.',
	NAME_MISSING: 'SET_NAME was sent without a name.',
	NAME_INVALID: 'The name has whitespace, control characters or other characters names cannot have.',
	NAME_TOO_LONG: 'The name is longer than the limit.',
	NAME_TAKEN: 'Another connected user has that name (names compare case-insensitively).',
	TEXT_MISSING: 'The message text is empty.',
	TEXT_INVALID: 'The message text contains control characters.',
	NO_RECIPIENTS: 'Nobody else is in your group to receive the message.',
	USER_MISSING: 'DM was sent without a user name.',
	NO_SUCH_USER: 'No connected user and no account has that name.',
	DM_SELF: 'A DM was addressed to the sender.',
	NOT_IN_YOUR_GROUP: 'The DM recipient is in another group; DMs stay within your group.',
	GROUP_MISSING: 'The group command was sent without a group name.',
	GROUP_INVALID: 'The group name has whitespace, control characters or other characters names cannot have.',
	GROUP_TOO_LONG: 'The group name is longer than the limit.',
	GROUP_EXISTS: 'A group with that name already exists (group names compare case-insensitively).',
	NO_SUCH_GROUP: 'No group has that name.',
	ALREADY_IN_GROUP: 'JOIN_GROUP named the group you are already in.',
	LINE_TOO_LONG: 'The line was longer than the limit; it was discarded.',
	INVALID_UTF8: 'The line was not valid UTF-8; it was discarded.',
	INTERNAL: 'The server failed while handling the command; nothing else was affected.',
	RATE_LIMITED: 'The client sent commands faster than the rate limit allows; this one was not run.',
	HISTORY_INVALID: 'HISTORY was sent without a message id, or with something that is not one.',
	TOKEN_INVALID: 'The PING token has whitespace, control characters, ; or =, or is over 128 characters.',
	ACCOUNT_PROTECTED: 'SET_NAME without a password named an account; log in with SET_NAME <name> <password>.',
	LOGIN_FAILED: 'The name and password do not match an account (which of the two is wrong is not said).',
	LOGIN_THROTTLED: 'Too many failed logins for that name or from your address; the password was not checked.',
	NEEDS_TLS: 'A password was sent over plain TCP from another host; passwords are accepted on loopback or TLS only.',
	ALREADY_ACCOUNT: 'SET_PASSWORD was sent by a connection logged in to an account already.',
	REGISTRATION_CLOSED: 'The server makes accounts only through its operator (chat serve --registration admin).',
	PASSWORD_INVALID: 'The new password is too short or too long, or contains control characters.',
	STORE_FAILED: 'The server could not store the message or change (disk full, I/O error); nothing was delivered.',
	SEARCH_INVALID: 'SEARCH was sent without words, or with control characters in them.',
	READ_INVALID: 'READ was sent without a message id, or with something that is not one.',
	PAGE_INVALID: 'PAGE named nobody to page (or yourself), or ACK or PAGE_STATUS was sent without a page id.',
	NO_SUCH_PAGE: 'No page you sent or received has that id.',
	ESCALATION_INVALID: 'ESCALATION was sent without a group, or with a target or a number of seconds it cannot use.',
	SEEN_INVALID: 'SEEN was sent without a message id, or with something that is not one.',
	SETTING_INVALID: 'The setting takes on or off.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: string): value is ErrorCode {
	return Object.hasOwn(ERROR_CODES, value);
}

/** A refusal: what the server puts in an ERR line. `command` is the command word, or `*` for line-level errors. */
export interface ProtocolError {
	readonly code: ErrorCode;
	readonly command: string;
	readonly message: string;
}
