/**
 * Message tags: an optional `@key=value;key2=value2 ` prefix on any line, in either
 * direction (the IRCv3 idea). They are how the protocol grows without changing the
 * shape of existing lines: a receiver ignores tags it does not know, and a line
 * without tags means exactly what it meant before tags existed.
 */

export type Tags = Readonly<Record<string, string>>;

const TAG_KEY = /^[A-Za-z0-9_-]{1,32}$/;
// No control characters: tag values are echoed back (the `id` of a command comes back
// on its outcome line), and an echoed escape sequence would drive the reader's terminal.
const TAG_VALUE = /^[^\s;=\u0000-\u001f\u007f-\u009f]{0,128}$/;
const TOKEN = /^[^\s;=\u0000-\u001f\u007f-\u009f]{1,128}$/;

export interface Tagged {
	readonly tags: Tags | undefined;
	readonly rest: string;
}

/** Splits a leading tag section off a line. Malformed tags are dropped, never fatal. */
export function splitTags(line: string): Tagged {
	if (!line.startsWith('@')) {
		return {tags: undefined, rest: line};
	}

	const space = line.indexOf(' ');
	const section = space === -1 ? line.slice(1) : line.slice(1, space);
	const rest = space === -1 ? '' : line.slice(space + 1).replace(/^ +/, '');
	const tags: Record<string, string> = {};
	for (const pair of section.split(';')) {
		const equals = pair.indexOf('=');
		const key = equals === -1 ? pair : pair.slice(0, equals);
		const value = equals === -1 ? '' : pair.slice(equals + 1);
		if (TAG_KEY.test(key) && TAG_VALUE.test(value)) {
			tags[key] = value;
		}
	}

	return {tags, rest};
}

/** The tag prefix for a line, including its trailing space, or '' when there are no tags. */
export function formatTags(tags: Tags | undefined): string {
	if (!tags) {
		return '';
	}

	const pairs = Object.entries(tags).filter(([key, value]) => TAG_KEY.test(key) && TAG_VALUE.test(value));
	if (pairs.length === 0) {
		return '';
	}

	return '@' + pairs.map(([key, value]) => (value === '' ? key : `${key}=${value}`)).join(';') + ' ';
}

/**
 * Whether a value is a token: 1 to 128 characters, none of them whitespace, a control
 * character, `;` or `=`. Client message ids (`@id=<token>`) and PING tokens are tokens,
 * so either can travel as a tag value or as a field.
 */
export function isToken(value: string): boolean {
	return TOKEN.test(value);
}

/** The client message id a line carries in its `id` tag, if it carries a usable one. */
export function clientMessageId(tags: Tags | undefined): string | undefined {
	const id = tags?.['id'];
	return id !== undefined && isToken(id) ? id : undefined;
}

/**
 * Adds tags to a formatted line, after the ones it already has (a tag already there
 * keeps its place and takes the new value): `addTags('OK PING 0 Pong.', {id: 'k1'})`
 * is `@id=k1 OK PING 0 Pong.`.
 */
export function addTags(line: string, tags: Tags): string {
	const {tags: existing, rest} = splitTags(line);
	return formatTags({...existing, ...tags}) + rest;
}
