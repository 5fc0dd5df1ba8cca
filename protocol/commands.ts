/**
 * Client commands: the table every command is described by (HELP is generated from
 * it, the server dispatches by it, the TUI completes from it), their typed form, and
 * parse/format between the two.
 */
import {hasControlCharacters, quote} from './display.js';
import type {ProtocolError} from './errors.js';
import {checkName} from './names.js';
import type {MessageId} from './server-lines.js';
import {isToken, splitTags, type Tags} from './tags.js';

export type ClientCommand =
	| {readonly name: 'HELP'}
	| {readonly name: 'SET_NAME'; readonly username: string}
	| {readonly name: 'CLOSE'}
	| {readonly name: 'LIST'}
	| {readonly name: 'MESSAGE'; readonly text: string}
	| {readonly name: 'DM'; readonly user: string; readonly text: string}
	| {readonly name: 'NEW_GROUP'; readonly group: string}
	| {readonly name: 'LIST_GROUP'}
	| {readonly name: 'JOIN_GROUP'; readonly group: string}
	| {readonly name: 'HISTORY'; readonly after: MessageId}
	| {readonly name: 'PING'; readonly token: string | undefined}
	| {readonly name: 'PONG'; readonly token: string | undefined};

export type CommandName = ClientCommand['name'];

/** What a command's rest-of-line holds. */
export type Parameters = 'none' | 'username' | 'group' | 'text' | 'user-text' | 'message-id' | 'optional-token';

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
		parameters: 'username',
		usage: 'SET_NAME <username>',
		description: 'Register under a name (letters, digits, - _ . ; up to 32). Once per connection.',
		beforeRegistration: true,
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
		parameters: 'message-id',
		usage: 'HISTORY <after-id>',
		description: "Your group's messages and your DMs after that id (0: all kept), oldest first.",
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
];

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

		case 'username':
		case 'group': {
			const name = rest.replace(/ +$/, '');
			const problem = checkName(spec.parameters === 'username' ? 'user' : 'group', name);
			if (problem) {
				return refuse(spec, problem.code, problem.message);
			}

			const command =
				spec.parameters === 'username' ? {name: spec.name, username: name} : {name: spec.name, group: name};
			return {ok: true, command: command as ClientCommand};
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

		case 'message-id': {
			const after = rest.replace(/ +$/, '');
			if (after === '') {
				return refuse(
					spec,
					'HISTORY_INVALID',
					`Say after which message: the id of the last one you saw, or 0 for all kept. Usage: ${spec.usage}.`,
				);
			}

			if (!isMessageId(after)) {
				return refuse(
					spec,
					'HISTORY_INVALID',
					`${quote(after)} is not a message id; ids are whole numbers (0 for all kept). Usage: ${spec.usage}.`,
				);
			}

			return {ok: true, command: {name: 'HISTORY', after}};
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
	}
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
			return `SET_NAME ${command.username}`;
		case 'MESSAGE':
			return `MESSAGE ${command.text}`;
		case 'DM':
			return `DM ${command.user} ${command.text}`;
		case 'NEW_GROUP':
		case 'JOIN_GROUP':
			return `${command.name} ${command.group}`;
		case 'HISTORY':
			return `HISTORY ${command.after}`;
		case 'PING':
		case 'PONG':
			return command.token === undefined ? command.name : `${command.name} ${command.token}`;
		default:
			return command.name;
	}
}
