/**
 * Client commands: the table every command is described by (HELP is generated from
 * it, the server dispatches by it, the TUI completes from it), their typed form, and
 * parse/format between the two.
 */
import {hasControlCharacters, quote} from './display.js';
import type {ErrorCode, ProtocolError} from './errors.js';
import {MAX_HISTORY_LINES} from './limits.js';
import {checkName} from './names.js';
import {passwordProblem} from './passwords.js';
import type {MessageId} from './server-lines.js';
import {isToken, splitTags, type Tags} from './tags.js';

export type ClientCommand =
	| {readonly name: 'HELP'}
	/** With a password: log in to the account of that name; without: register as a guest. */
	| {readonly name: 'SET_NAME'; readonly username: string; readonly password?: string}
	| {readonly name: 'SET_PASSWORD'; readonly password: string}
	| {readonly name: 'CLOSE'}
	| {readonly name: 'LIST'}
	| {readonly name: 'MESSAGE'; readonly text: string}
	| {readonly name: 'DM'; readonly user: string; readonly text: string}
	| {readonly name: 'NEW_GROUP'; readonly group: string}
	| {readonly name: 'LIST_GROUP'}
	| {readonly name: 'JOIN_GROUP'; readonly group: string}
	/** `limit` undefined: as many as one reply holds (MAX_HISTORY_LINES). */
	| {readonly name: 'HISTORY'; readonly after: MessageId; readonly limit?: number}
	/** `before` '0': the newest. `limit` undefined: DEFAULT_HISTORY_BEFORE_LINES. */
	| {readonly name: 'HISTORY_BEFORE'; readonly before: MessageId; readonly limit?: number}
	| {readonly name: 'READ'; readonly id: MessageId}
	| {readonly name: 'SEARCH'; readonly words: string}
	| {readonly name: 'PING'; readonly token: string | undefined}
	| {readonly name: 'PONG'; readonly token: string | undefined}
	| {readonly name: 'PAGE'; readonly to: PageTarget; readonly text: string}
	| {readonly name: 'ACK'; readonly id: MessageId}
	| {readonly name: 'PAGE_STATUS'; readonly id: MessageId}
	/** Without `to`: what the group's escalation is. */
	| {readonly name: 'ESCALATION'; readonly group: string; readonly to?: PageTarget; readonly seconds?: number}
	| {readonly name: 'SEEN'; readonly id: MessageId}
	| {readonly name: 'READ_RECEIPTS'; readonly on: boolean};

/** Whom a page is for: one user, or every member of a group (`#name` on the wire). */
export type PageTarget = {readonly user: string} | {readonly group: string};

/** The wire form of a page target: a user's name, or `#` and a group's. */
export function formatPageTarget(target: PageTarget): string {
	return 'group' in target ? `#${target.group}` : target.user;
}

export type CommandName = ClientCommand['name'];

/** What a command's rest-of-line holds. */
export type Parameters =
	| 'none'
	/** A name, then optionally a password: the rest of the line after the spaces that follow the name. */
	| 'username-password'
	/** A new password: the rest of the line. */
	| 'password'
	| 'group'
	| 'text'
	| 'user-text'
	/** A message id, then optionally a limit. */
	| 'id-limit'
	| 'message-id'
	| 'words'
	| 'optional-token'
	/** A user or `#group`, then text. */
	| 'page'
	/** The id of a page or a DM (ACK, PAGE_STATUS, SEEN). */
	| 'id'
	/** A group, then optionally a user or `#group` and seconds. */
	| 'escalation'
	| 'on-off';

export interface CommandSpec {
	readonly name: CommandName;
	readonly parameters: Parameters;
	readonly usage: string;
	readonly description: string;
	/** Whether a connection that has not sent SET_NAME yet may use it. */
	readonly beforeRegistration: boolean;
	/**
	 * Set for PONG only: the command gets no OK or ERR at all, whatever it holds. It
	 * answers the server's PING, and an answer to an answer would never end (IRC's rule).
	 */
	readonly noOutcome?: true;
}

export const COMMANDS: readonly CommandSpec[] = [
	{
		name: 'HELP',
		parameters: 'none',
		usage: 'HELP',
		description: 'List every command with its parameters.',
		beforeRegistration: true,
	},
	{
		name: 'SET_NAME',
		parameters: 'username-password',
		usage: 'SET_NAME <username> [password]',
		description:
			"Register under a name (letters, digits, - _ . ; up to 32), or log in to that name's account with its password. Once per connection.",
		beforeRegistration: true,
	},
	{
		name: 'SET_PASSWORD',
		parameters: 'password',
		usage: 'SET_PASSWORD <password>',
		description: 'Make your name an account (8 to 1024 characters): from then on it is yours alone.',
		beforeRegistration: false,
	},
	{
		name: 'CLOSE',
		parameters: 'none',
		usage: 'CLOSE',
		description: 'Say goodbye: you leave at once, your name is free, the connection closes.',
		beforeRegistration: true,
	},
	{
		name: 'LIST',
		parameters: 'none',
		usage: 'LIST',
		description: 'The users in your group, then every connected user.',
		beforeRegistration: false,
	},
	{
		name: 'MESSAGE',
		parameters: 'text',
		usage: 'MESSAGE <text>',
		description: 'Send text to everyone else in your group.',
		beforeRegistration: false,
	},
	{
		name: 'DM',
		parameters: 'user-text',
		usage: 'DM <user> <text>',
		description: 'Send text to one user of your group only.',
		beforeRegistration: false,
	},
	{
		name: 'NEW_GROUP',
		parameters: 'group',
		usage: 'NEW_GROUP <name>',
		description: 'Create a group and move into it.',
		beforeRegistration: false,
	},
	{
		name: 'LIST_GROUP',
		parameters: 'none',
		usage: 'LIST_GROUP',
		description: 'Every group with its member count.',
		beforeRegistration: false,
	},
	{
		name: 'JOIN_GROUP',
		parameters: 'group',
		usage: 'JOIN_GROUP <name>',
		description: 'Leave your group and join another one.',
		beforeRegistration: false,
	},
	{
		name: 'HISTORY',
		parameters: 'id-limit',
		usage: 'HISTORY <after-id> [limit]',
		description: `Your group's messages and your DMs after that id (0: from the first), oldest first; at most limit (up to ${MAX_HISTORY_LINES}).`,
		beforeRegistration: false,
	},
	{
		name: 'HISTORY_BEFORE',
		parameters: 'id-limit',
		usage: 'HISTORY_BEFORE <before-id> [limit]',
		description: `The newest of your group's messages and your DMs before that id (0: the newest of all), sent oldest first; at most limit (default 100, up to ${MAX_HISTORY_LINES}).`,
		beforeRegistration: false,
	},
	{
		name: 'READ',
		parameters: 'message-id',
		usage: 'READ <id>',
		description: 'Say you have read up to that message: what counts as unread when you next log in.',
		beforeRegistration: false,
	},
	{
		name: 'SEARCH',
		parameters: 'words',
		usage: 'SEARCH <words>',
		description: 'The messages you may read that contain every word, newest first (at most 50).',
		beforeRegistration: false,
	},
	{
		name: 'PING',
		parameters: 'optional-token',
		usage: 'PING [token]',
		description: 'Check the connection: the server answers OK PING with the token.',
		beforeRegistration: true,
	},
	{
		name: 'PONG',
		parameters: 'optional-token',
		usage: 'PONG [token]',
		description: "Answer the server's PING; gets no reply.",
		beforeRegistration: true,
		noOutcome: true,
	},
	{
		name: 'PAGE',
		parameters: 'page',
		usage: 'PAGE <user|#group> <text>',
		description:
			'An urgent message to one user, or to every member of a group, that each must acknowledge with ACK <id>; re-sent, then escalated, if nobody does.',
		beforeRegistration: false,
	},
	{
		name: 'ACK',
		parameters: 'id',
		usage: 'ACK <id>',
		description: 'Acknowledge a page sent to you (a line tagged @page); the sender is told who and when.',
		beforeRegistration: false,
	},
	{
		name: 'PAGE_STATUS',
		parameters: 'id',
		usage: 'PAGE_STATUS <id>',
		description: 'Who has acknowledged a page you sent or received, who has it unacknowledged, who is offline.',
		beforeRegistration: false,
	},
	{
		name: 'ESCALATION',
		parameters: 'escalation',
		usage: 'ESCALATION <group> [<user|#group> <seconds>]',
		description:
			"Whom a page to the group's members goes to when it is not acknowledged, and after how long it is re-sent; without a target, what it is now.",
		beforeRegistration: false,
	},
	{
		name: 'SEEN',
		parameters: 'id',
		usage: 'SEEN <id>',
		description: 'Say a DM or page to you was shown: its sender gets a read receipt, unless you turned them off.',
		beforeRegistration: false,
	},
	{
		name: 'READ_RECEIPTS',
		parameters: 'on-off',
		usage: 'READ_RECEIPTS <on|off>',
		description:
			'Whether SEEN sends read receipts to senders (on unless turned off); delivery is always told for pages.',
		beforeRegistration: false,
	},
];

/** Longest escalation delay ESCALATION takes: a day. */
export const MAX_ESCALATION_SECONDS = 86_400;

const BY_NAME = new Map<string, CommandSpec>(COMMANDS.map((spec) => [spec.name, spec]));

/** Looks a command word up case-insensitively. */
export function findCommand(word: string): CommandSpec | undefined {
	return BY_NAME.get(word.toUpperCase());
}

export interface SplitLine {
	readonly tags: Tags | undefined;
	/** The command word as typed. */
	readonly word: string;
	/** Everything after the command word and the spaces that follow it. */
	readonly rest: string;
}

/** Splits a line into tags, command word and the rest. Returns undefined for a blank line. */
export function splitCommandLine(line: string): SplitLine | undefined {
	const {tags, rest: untagged} = splitTags(line.replace(/^ +/, ''));
	if (untagged.trim() === '') {
		return undefined;
	}

	const space = untagged.indexOf(' ');
	if (space === -1) {
		return {tags, word: untagged, rest: ''};
	}

	return {tags, word: untagged.slice(0, space), rest: untagged.slice(space + 1).replace(/^ +/, '')};
}

/** How a command word appears in the command field of an ERR line: safe to print, one token. */
export function commandField(word: string): string {
	return /^[A-Za-z0-9_]{1,32}$/.test(word) ? word.toUpperCase() : '*';
}

/** The refusal of a command word that is not in COMMANDS. */
export function unknownCommandError(word: string): ProtocolError {
	return {
		code: 'UNKNOWN_COMMAND',
		command: commandField(word),
		message: `Unknown command ${quote(word)}. Type HELP for the list of commands.`,
	};
}

export type ParseResult =
	{readonly ok: true; readonly command: ClientCommand} | {readonly ok: false; readonly error: ProtocolError};

function refuse(spec: CommandSpec, code: ProtocolError['code'], message: string): ParseResult {
	return {ok: false, error: {code, command: spec.name, message}};
}

function checkText(spec: CommandSpec, text: string): ProtocolError | undefined {
	if (text.trim() === '') {
		return {code: 'TEXT_MISSING', command: spec.name, message: `There is no text to send. Usage: ${spec.usage}.`};
	}

	if (hasControlCharacters(text)) {
		return {
			code: 'TEXT_INVALID',
			command: spec.name,
			message: 'Messages cannot contain control characters (tabs, escapes, carriage returns).',
		};
	}

	return undefined;
}

/** Parses the parameters of a known command (the part after the command word). */
export function parseParameters(spec: CommandSpec, rest: string): ParseResult {
	switch (spec.parameters) {
		case 'none': {
			if (rest.trim() !== '') {
				return refuse(spec, 'TOO_MANY_ARGUMENTS', `${spec.name} takes no parameters. Usage: ${spec.usage}.`);
			}

			return {ok: true, command: {name: spec.name} as ClientCommand};
		}

		case 'username-password': {
			const space = rest.indexOf(' ');
			const username = space === -1 ? rest : rest.slice(0, space);
			// The password is kept exactly as typed after the spaces that follow the name; only
			// spaces alone after a name are no password (the lab's clients send them).
			const after = space === -1 ? '' : rest.slice(space + 1).replace(/^ +/, '');
			const problem = checkName('user', username);
			if (problem) {
				return refuse(spec, problem.code, problem.message);
			}

			return {
				ok: true,
				command: after === '' ? {name: 'SET_NAME', username} : {name: 'SET_NAME', username, password: after},
			};
		}

		case 'password': {
			const problem = passwordProblem(rest);
			if (problem) {
				return refuse(spec, 'PASSWORD_INVALID', `${problem} Usage: ${spec.usage}.`);
			}

			return {ok: true, command: {name: 'SET_PASSWORD', password: rest}};
		}

		case 'group': {
			const group = rest.replace(/ +$/, '');
			const problem = checkName('group', group);
			if (problem) {
				return refuse(spec, problem.code, problem.message);
			}

			return {ok: true, command: {name: spec.name, group} as ClientCommand};
		}

		case 'text': {
			const problem = checkText(spec, rest);
			if (problem) {
				return {ok: false, error: problem};
			}

			return {ok: true, command: {name: 'MESSAGE', text: rest}};
		}

		case 'user-text': {
			const space = rest.indexOf(' ');
			const user = space === -1 ? rest : rest.slice(0, space);
			const text = space === -1 ? '' : rest.slice(space + 1).replace(/^ +/, '');
			if (user === '') {
				return refuse(spec, 'USER_MISSING', `Say who the message is for. Usage: ${spec.usage}.`);
			}

			if (checkName('user', user) !== undefined) {
				return refuse(spec, 'NO_SUCH_USER', `There is no user named ${quote(user)}.`);
			}

			const problem = checkText(spec, text);
			if (problem) {
				return {ok: false, error: problem};
			}

			return {ok: true, command: {name: 'DM', user, text}};
		}

		case 'id-limit':
			return parseIdLimit(spec, rest);

		case 'message-id': {
			const id = rest.replace(/ +$/, '');
			if (id === '') {
				return refuse(spec, 'READ_INVALID', `Say up to which message you have read. Usage: ${spec.usage}.`);
			}

			if (!isMessageId(id)) {
				return refuse(
					spec,
					'READ_INVALID',
					`${quote(id)} is not a message id; ids are whole numbers. Usage: ${spec.usage}.`,
				);
			}

			return {ok: true, command: {name: 'READ', id}};
		}

		case 'words': {
			const words = rest.trim();
			if (words === '') {
				return refuse(spec, 'SEARCH_INVALID', `Say what to search for. Usage: ${spec.usage}.`);
			}

			if (hasControlCharacters(words)) {
				return refuse(spec, 'SEARCH_INVALID', 'Search words cannot contain control characters.');
			}

			return {ok: true, command: {name: 'SEARCH', words}};
		}

		case 'optional-token': {
			const token = rest.replace(/ +$/, '');
			if (token.includes(' ')) {
				return refuse(spec, 'TOO_MANY_ARGUMENTS', `${spec.name} takes at most one token. Usage: ${spec.usage}.`);
			}

			if (token !== '' && !isToken(token)) {
				return refuse(
					spec,
					'TOKEN_INVALID',
					`A token is up to 128 characters without spaces, control characters, ';' or '=': ${quote(token)}.`,
				);
			}

			const name = spec.name as 'PING' | 'PONG';
			return {ok: true, command: {name, token: token === '' ? undefined : token}};
		}

		case 'page':
			return parsePage(spec, rest);

		case 'id':
			return parseId(spec, rest);

		case 'escalation':
			return parseEscalation(spec, rest);

		case 'on-off': {
			const value = rest.trim().toLowerCase();
			if (value !== 'on' && value !== 'off') {
				return refuse(spec, 'SETTING_INVALID', `Say on or off. Usage: ${spec.usage}.`);
			}

			return {ok: true, command: {name: 'READ_RECEIPTS', on: value === 'on'}};
		}
	}
}

/** A user's name, or `#` and a group's; undefined when it is neither. */
function parsePageTarget(word: string): PageTarget | undefined {
	if (word.startsWith('#')) {
		const group = word.slice(1);
		return checkName('group', group) === undefined ? {group} : undefined;
	}

	return checkName('user', word) === undefined ? {user: word} : undefined;
}

function parsePage(spec: CommandSpec, rest: string): ParseResult {
	const space = rest.indexOf(' ');
	const word = space === -1 ? rest : rest.slice(0, space);
	const text = space === -1 ? '' : rest.slice(space + 1).replace(/^ +/, '');
	if (word === '') {
		return refuse(spec, 'PAGE_INVALID', `Say whom to page: a user, or # and a group. Usage: ${spec.usage}.`);
	}

	const to = parsePageTarget(word);
	if (!to) {
		return refuse(
			spec,
			'PAGE_INVALID',
			`${quote(word)} is not a user's name nor # and a group's. Usage: ${spec.usage}.`,
		);
	}

	const problem = checkText(spec, text);
	if (problem) {
		return {ok: false, error: problem};
	}

	return {ok: true, command: {name: 'PAGE', to, text}};
}

/** The refusal code of each command that takes an id. */
const ID_CODES = {ACK: 'PAGE_INVALID', PAGE_STATUS: 'PAGE_INVALID', SEEN: 'SEEN_INVALID'} as const;

function parseId(spec: CommandSpec, rest: string): ParseResult {
	const name = spec.name as keyof typeof ID_CODES;
	const id = rest.replace(/ +$/, '');
	if (id === '') {
		return refuse(spec, ID_CODES[name], `Say which message: its id. Usage: ${spec.usage}.`);
	}

	if (!isMessageId(id)) {
		return refuse(
			spec,
			ID_CODES[name],
			`${quote(id)} is not a message id; ids are whole numbers. Usage: ${spec.usage}.`,
		);
	}

	return {ok: true, command: {name, id}};
}

function parseEscalation(spec: CommandSpec, rest: string): ParseResult {
	const words = rest.split(' ').filter((word) => word !== '');
	const [group, target, seconds] = words;
	const code: ErrorCode = 'ESCALATION_INVALID';
	if (group === undefined) {
		return refuse(spec, code, `Say which group. Usage: ${spec.usage}.`);
	}

	const problem = checkName('group', group);
	if (problem) {
		return refuse(spec, problem.code, problem.message);
	}

	if (target === undefined) {
		return {ok: true, command: {name: 'ESCALATION', group}};
	}

	const to = parsePageTarget(target);
	if (!to) {
		return refuse(spec, code, `${quote(target)} is not a user's name nor # and a group's. Usage: ${spec.usage}.`);
	}

	if (
		words.length !== 3 ||
		!/^\d{1,5}$/.test(seconds ?? '') ||
		Number(seconds) < 1 ||
		Number(seconds) > MAX_ESCALATION_SECONDS
	) {
		return refuse(
			spec,
			code,
			`Say after how many seconds (1 to ${MAX_ESCALATION_SECONDS}) a page is re-sent, then escalated. Usage: ${spec.usage}.`,
		);
	}

	return {ok: true, command: {name: 'ESCALATION', group, to, seconds: Number(seconds)}};
}

const ID_LIMIT_HINTS = {
	HISTORY: {field: 'after', missing: 'Say after which message: the id of the last one you saw, or 0 for all kept.'},
	HISTORY_BEFORE: {
		field: 'before',
		missing: 'Say before which message: the id of the oldest one you have, or 0 for the newest.',
	},
} as const;

/** HISTORY and HISTORY_BEFORE: a message id (0 has a meaning of its own for each), then optionally a limit. */
function parseIdLimit(spec: CommandSpec, rest: string): ParseResult {
	const code: ErrorCode = 'HISTORY_INVALID';
	const name = spec.name as 'HISTORY' | 'HISTORY_BEFORE';
	const hints = ID_LIMIT_HINTS[name];
	const words = rest.split(' ').filter((word) => word !== '');
	const [id, limitText] = words;
	if (id === undefined) {
		return refuse(spec, code, `${hints.missing} Usage: ${spec.usage}.`);
	}

	if (words.length > 2) {
		return refuse(spec, code, `${name} takes a message id and at most a limit. Usage: ${spec.usage}.`);
	}

	if (!isMessageId(id)) {
		return refuse(
			spec,
			code,
			`${quote(id)} is not a message id; ids are whole numbers (0 for all kept). Usage: ${spec.usage}.`,
		);
	}

	let limit: number | undefined;
	if (limitText !== undefined) {
		limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : 0;
		if (limit < 1 || limit > MAX_HISTORY_LINES) {
			return refuse(
				spec,
				code,
				`${quote(limitText)} is not a limit; a limit is a whole number from 1 to ${MAX_HISTORY_LINES}. Usage: ${spec.usage}.`,
			);
		}
	}

	// No `limit` key at all when none was given, so the command equals its parse.
	const command: ClientCommand = name === 'HISTORY' ? {name, after: id} : {name, before: id};
	return {ok: true, command: limit === undefined ? command : ({...command, limit} as ClientCommand)};
}

/**
 * Whether a value can be a message id to resume after: a decimal integer a JavaScript
 * number holds exactly (the server's ids are; 0 stands for "before every message").
 */
export function isMessageId(value: string): boolean {
	return /^\d{1,16}$/.test(value) && Number(value) <= Number.MAX_SAFE_INTEGER;
}

/** Parses a whole client line. Returns undefined for a blank line, which gets no reply. */
export function parseCommand(line: string): ParseResult | undefined {
	const split = splitCommandLine(line);
	if (!split) {
		return undefined;
	}

	const spec = findCommand(split.word);
	if (!spec) {
		return {ok: false, error: unknownCommandError(split.word)};
	}

	return parseParameters(spec, split.rest);
}

/** The wire text of a command, without the LF. */
export function formatCommand(command: ClientCommand): string {
	switch (command.name) {
		case 'SET_NAME':
			return command.password === undefined
				? `SET_NAME ${command.username}`
				: `SET_NAME ${command.username} ${command.password}`;
		case 'SET_PASSWORD':
			return `SET_PASSWORD ${command.password}`;
		case 'MESSAGE':
			return `MESSAGE ${command.text}`;
		case 'DM':
			return `DM ${command.user} ${command.text}`;
		case 'NEW_GROUP':
		case 'JOIN_GROUP':
			return `${command.name} ${command.group}`;
		case 'HISTORY':
			return withLimit(`HISTORY ${command.after}`, command.limit);
		case 'HISTORY_BEFORE':
			return withLimit(`HISTORY_BEFORE ${command.before}`, command.limit);
		case 'READ':
			return `READ ${command.id}`;
		case 'SEARCH':
			return `SEARCH ${command.words}`;
		case 'PING':
		case 'PONG':
			return command.token === undefined ? command.name : `${command.name} ${command.token}`;
		case 'PAGE':
			return `PAGE ${formatPageTarget(command.to)} ${command.text}`;
		case 'ACK':
		case 'PAGE_STATUS':
		case 'SEEN':
			return `${command.name} ${command.id}`;
		case 'ESCALATION':
			return command.to === undefined
				? `ESCALATION ${command.group}`
				: `ESCALATION ${command.group} ${formatPageTarget(command.to)} ${command.seconds ?? ''}`;
		case 'READ_RECEIPTS':
			return `READ_RECEIPTS ${command.on ? 'on' : 'off'}`;
		default:
			return command.name;
	}
}

function withLimit(line: string, limit: number | undefined): string {
	return limit === undefined ? line : `${line} ${limit}`;
}
