/**
 * Client commands: format and parse round-trip for every command, and every refusal
 * the parser makes.
 */
import test from 'ava';
import {
	COMMANDS,
	commandField,
	findCommand,
	formatCommand,
	isMessageId,
	parseCommand,
	splitCommandLine,
	type ClientCommand,
	type CommandName,
} from '../../protocol/index.js';

const SAMPLES: Record<CommandName, ClientCommand> = {
	HELP: {name: 'HELP'},
	SET_NAME: {name: 'SET_NAME', username: 'Zoë.o-brien_2'},
	SET_PASSWORD: {name: 'SET_PASSWORD', password: 'correct horse  battery '},
	CLOSE: {name: 'CLOSE'},
	LIST: {name: 'LIST'},
	MESSAGE: {name: 'MESSAGE', text: 'Bed 4: BP 90/60 → review  please 💊'},
	DM: {name: 'DM', user: 'bob', text: 'can you  cover bed 9?'},
	NEW_GROUP: {name: 'NEW_GROUP', group: 'night-shift'},
	LIST_GROUP: {name: 'LIST_GROUP'},
	JOIN_GROUP: {name: 'JOIN_GROUP', group: 'ward7'},
	HISTORY: {name: 'HISTORY', after: '1764000000123000'},
	HISTORY_BEFORE: {name: 'HISTORY_BEFORE', before: '0', limit: 40},
	READ: {name: 'READ', id: '17'},
	SEARCH: {name: 'SEARCH', words: 'bed  7 →'},
	PING: {name: 'PING', token: 'tui-3'},
	PONG: {name: 'PONG', token: '12'},
	PAGE: {name: 'PAGE', to: {group: 'night'}, text: 'Bed 4  arrest'},
	ACK: {name: 'ACK', id: '17'},
	PAGE_STATUS: {name: 'PAGE_STATUS', id: '17'},
	ESCALATION: {name: 'ESCALATION', group: 'night', to: {user: 'dave'}, seconds: 60},
	SEEN: {name: 'SEEN', id: '18'},
	READ_RECEIPTS: {name: 'READ_RECEIPTS', on: false},
};

test('the samples cover every command', (t) => {
	t.deepEqual(Object.keys(SAMPLES).sort(), COMMANDS.map((spec) => spec.name).sort());
});

for (const command of Object.values(SAMPLES)) {
	test(`${command.name} formats and parses back to itself`, (t) => {
		const line = formatCommand(command);
		t.false(line.includes('\n'));
		t.deepEqual(parseCommand(line), {ok: true, command});
	});
}

test('the wire form of each command', (t) => {
	t.deepEqual(Object.values(SAMPLES).map(formatCommand), [
		'HELP',
		'SET_NAME Zoë.o-brien_2',
		'SET_PASSWORD correct horse  battery ',
		'CLOSE',
		'LIST',
		'MESSAGE Bed 4: BP 90/60 → review  please 💊',
		'DM bob can you  cover bed 9?',
		'NEW_GROUP night-shift',
		'LIST_GROUP',
		'JOIN_GROUP ward7',
		'HISTORY 1764000000123000',
		'HISTORY_BEFORE 0 40',
		'READ 17',
		'SEARCH bed  7 →',
		'PING tui-3',
		'PONG 12',
		'PAGE #night Bed 4  arrest',
		'ACK 17',
		'PAGE_STATUS 17',
		'ESCALATION night dave 60',
		'SEEN 18',
		'READ_RECEIPTS off',
	]);
});

test('PAGE names a user or # and a group, then text; ESCALATION a group, then a target and seconds or nothing', (t) => {
	t.deepEqual(parseCommand('PAGE bob  Bed 4'), {ok: true, command: {name: 'PAGE', to: {user: 'bob'}, text: 'Bed 4'}});
	t.deepEqual(parseCommand('ESCALATION night'), {ok: true, command: {name: 'ESCALATION', group: 'night'}});
	t.deepEqual(parseCommand('ESCALATION night #leads 90'), {
		ok: true,
		command: {name: 'ESCALATION', group: 'night', to: {group: 'leads'}, seconds: 90},
	});
	t.deepEqual(parseCommand('read_receipts ON'), {ok: true, command: {name: 'READ_RECEIPTS', on: true}});
	const refusals: Array<[string, string]> = [
		['PAGE', 'PAGE_INVALID'],
		['PAGE #', 'PAGE_INVALID'],
		['PAGE b@d hi', 'PAGE_INVALID'],
		['PAGE bob', 'TEXT_MISSING'],
		['PAGE bob \u0007ring', 'TEXT_INVALID'],
		['ACK', 'PAGE_INVALID'],
		['ACK twelve', 'PAGE_INVALID'],
		['PAGE_STATUS 1 2', 'PAGE_INVALID'],
		['SEEN x', 'SEEN_INVALID'],
		['ESCALATION', 'ESCALATION_INVALID'],
		['ESCALATION night dave', 'ESCALATION_INVALID'],
		['ESCALATION night dave 0', 'ESCALATION_INVALID'],
		['ESCALATION night dave 86401', 'ESCALATION_INVALID'],
		['ESCALATION night dave 60 more', 'ESCALATION_INVALID'],
		['ESCALATION night # 60', 'ESCALATION_INVALID'],
		['READ_RECEIPTS maybe', 'SETTING_INVALID'],
	];
	for (const [line, code] of refusals) {
		const parsed = parseCommand(line);
		t.like(parsed, {ok: false, error: {code}}, line);
	}
});

test('SET_NAME with a password is a login; the password is the rest of the line as typed', (t) => {
	t.deepEqual(parseCommand('SET_NAME bob  s3cret pass '), {
		ok: true,
		command: {name: 'SET_NAME', username: 'bob', password: 's3cret pass '},
	});
	// Spaces alone after a name are no password, as before accounts.
	t.deepEqual(parseCommand('SET_NAME bob   '), {ok: true, command: {name: 'SET_NAME', username: 'bob'}});
	// The login's password is not judged here: a refusal must not say more than "no match".
	t.deepEqual(parseCommand('SET_NAME a b'), {ok: true, command: {name: 'SET_NAME', username: 'a', password: 'b'}});
	const login: ClientCommand = {name: 'SET_NAME', username: 'bob', password: 'hunter2 hunter2'};
	t.is(formatCommand(login), 'SET_NAME bob hunter2 hunter2');
	t.deepEqual(parseCommand(formatCommand(login)), {ok: true, command: login});
});

test('HISTORY and HISTORY_BEFORE take an optional limit', (t) => {
	t.deepEqual(parseCommand('HISTORY 5 6'), {ok: true, command: {name: 'HISTORY', after: '5', limit: 6}});
	t.deepEqual(parseCommand('history  5   500 '), {ok: true, command: {name: 'HISTORY', after: '5', limit: 500}});
	t.deepEqual(parseCommand('HISTORY_BEFORE 12'), {ok: true, command: {name: 'HISTORY_BEFORE', before: '12'}});
	t.is(formatCommand({name: 'HISTORY', after: '3', limit: 1}), 'HISTORY 3 1');
	t.is(formatCommand({name: 'HISTORY_BEFORE', before: '0'}), 'HISTORY_BEFORE 0');
});

test('SEARCH trims its words; READ takes one id', (t) => {
	t.deepEqual(parseCommand('SEARCH   bed 7  '), {ok: true, command: {name: 'SEARCH', words: 'bed 7'}});
	t.deepEqual(parseCommand('read 0'), {ok: true, command: {name: 'READ', id: '0'}});
});

test('PING and PONG take an optional token', (t) => {
	t.deepEqual(parseCommand('PING'), {ok: true, command: {name: 'PING', token: undefined}});
	t.deepEqual(parseCommand('ping  x.y-1  '), {ok: true, command: {name: 'PING', token: 'x.y-1'}});
	t.deepEqual(parseCommand('PONG'), {ok: true, command: {name: 'PONG', token: undefined}});
	t.is(formatCommand({name: 'PING', token: undefined}), 'PING');
});

test('only PONG goes without an outcome, and PING and PONG work before registering', (t) => {
	t.deepEqual(
		COMMANDS.filter((spec) => spec.noOutcome).map((spec) => spec.name),
		['PONG'],
	);
	t.true(findCommand('PING')?.beforeRegistration);
	t.true(findCommand('PONG')?.beforeRegistration);
	t.false(findCommand('HISTORY')?.beforeRegistration);
});

test('isMessageId takes what a JavaScript number holds exactly, and 0', (t) => {
	for (const id of ['0', '1', '1764000000123000', '9007199254740991', '007']) {
		t.true(isMessageId(id), id);
	}

	for (const id of ['', '-1', '1.5', '1e3', ' 1', '9007199254740992', '12345678901234567', 'x']) {
		t.false(isMessageId(id), id);
	}
});

test('command words are case-insensitive; leading spaces and tags are ignored', (t) => {
	t.deepEqual(parseCommand('  set_name alice'), {ok: true, command: {name: 'SET_NAME', username: 'alice'}});
	t.deepEqual(parseCommand('@id=1;x  Message  hi there '), {ok: true, command: {name: 'MESSAGE', text: 'hi there '}});
	t.deepEqual(parseCommand('JOIN_GROUP night   '), {ok: true, command: {name: 'JOIN_GROUP', group: 'night'}});
	t.deepEqual(parseCommand('DM bob    hi'), {ok: true, command: {name: 'DM', user: 'bob', text: 'hi'}});
});

test('a blank line is no command at all', (t) => {
	for (const line of ['', '   ', '@a=1', '@a=1   ']) {
		t.is(parseCommand(line), undefined, JSON.stringify(line));
		t.is(splitCommandLine(line), undefined);
	}
});

test('splitCommandLine separates tags, word and rest', (t) => {
	t.deepEqual(splitCommandLine('@id=9 DM  bob hi'), {tags: {id: '9'}, word: 'DM', rest: 'bob hi'});
	t.deepEqual(splitCommandLine('LIST'), {tags: undefined, word: 'LIST', rest: ''});
});

test('findCommand finds specs case-insensitively and nothing else', (t) => {
	t.is(findCommand('join_group')?.name, 'JOIN_GROUP');
	t.is(findCommand('JOIN'), undefined);
	t.is(findCommand('__proto__'), undefined);
});

test('commandField names a safe word and stars anything else', (t) => {
	t.is(commandField('foo'), 'FOO');
	t.is(commandField('a:b'), '*');
	t.is(commandField('x'.repeat(33)), '*');
	t.is(commandField('\u001b'), '*');
});

/** A refusal names the command word its line begins with, so the table leaves it out. */
const REFUSALS: Array<{line: string; code: string; message: string}> = [
	{
		line: 'FOO bar',
		code: 'UNKNOWN_COMMAND',
		message: 'Unknown command "FOO". Type HELP for the list of commands.',
	},
	{
		line: 'HELP me',
		code: 'TOO_MANY_ARGUMENTS',
		message: 'HELP takes no parameters. Usage: HELP.',
	},
	{
		line: 'LIST all',
		code: 'TOO_MANY_ARGUMENTS',
		message: 'LIST takes no parameters. Usage: LIST.',
	},
	{
		line: 'SET_NAME',
		code: 'NAME_MISSING',
		message: 'A name is required: SET_NAME <username>.',
	},
	{
		line: 'SET_NAME a\tb',
		code: 'NAME_INVALID',
		message: 'Names cannot contain spaces: "a\\x09b".',
	},
	{
		line: 'SET_NAME a! secret-password',
		code: 'NAME_INVALID',
		message: "Names may contain only letters, digits, '-', '_' and '.': \"a!\".",
	},
	{
		line: 'SET_PASSWORD',
		code: 'PASSWORD_INVALID',
		message: 'A password is 8 to 1024 characters; that one has 0. Usage: SET_PASSWORD <password>.',
	},
	{
		line: 'SET_PASSWORD 1234567',
		code: 'PASSWORD_INVALID',
		message: 'A password is 8 to 1024 characters; that one has 7. Usage: SET_PASSWORD <password>.',
	},
	{
		line: 'SET_PASSWORD ' + 'p'.repeat(1025),
		code: 'PASSWORD_INVALID',
		message: 'A password is 8 to 1024 characters; that one has 1025. Usage: SET_PASSWORD <password>.',
	},
	{
		line: 'SET_PASSWORD long\u001benough',
		code: 'PASSWORD_INVALID',
		message: 'A password cannot contain control characters (tabs, escapes). Usage: SET_PASSWORD <password>.',
	},
	{
		line: 'SET_NAME a!',
		code: 'NAME_INVALID',
		message: "Names may contain only letters, digits, '-', '_' and '.': \"a!\".",
	},
	{
		line: 'SET_NAME ' + 'n'.repeat(33),
		code: 'NAME_TOO_LONG',
		message: `Names can be at most 32 characters; "${'n'.repeat(33)}" has 33.`,
	},
	{
		line: 'MESSAGE',
		code: 'TEXT_MISSING',
		message: 'There is no text to send. Usage: MESSAGE <text>.',
	},
	{
		line: 'MESSAGE a\u0000',
		code: 'TEXT_INVALID',
		message: 'Messages cannot contain control characters (tabs, escapes, carriage returns).',
	},
	{
		line: 'MESSAGE a\u009bb',
		code: 'TEXT_INVALID',
		message: 'Messages cannot contain control characters (tabs, escapes, carriage returns).',
	},
	{
		line: 'DM',
		code: 'USER_MISSING',
		message: 'Say who the message is for. Usage: DM <user> <text>.',
	},
	{
		line: 'DM b@d hi',
		code: 'NO_SUCH_USER',
		message: 'There is no user named "b@d".',
	},
	{
		line: 'DM bob',
		code: 'TEXT_MISSING',
		message: 'There is no text to send. Usage: DM <user> <text>.',
	},
	{
		line: 'DM bob \u001b',
		code: 'TEXT_INVALID',
		message: 'Messages cannot contain control characters (tabs, escapes, carriage returns).',
	},
	{
		line: 'NEW_GROUP',
		code: 'GROUP_MISSING',
		message: 'A name is required: NEW_GROUP <name> or JOIN_GROUP <name>.',
	},
	{
		line: 'JOIN_GROUP a b',
		code: 'GROUP_INVALID',
		message: 'Group names cannot contain spaces: "a b".',
	},
	{
		line: 'NEW_GROUP ' + 'g'.repeat(33),
		code: 'GROUP_TOO_LONG',
		message: `Group names can be at most 32 characters; "${'g'.repeat(33)}" has 33.`,
	},
	{
		line: 'HISTORY',
		code: 'HISTORY_INVALID',
		message:
			'Say after which message: the id of the last one you saw, or 0 for all kept. Usage: HISTORY <after-id> [limit].',
	},
	{
		line: 'HISTORY -5',
		code: 'HISTORY_INVALID',
		message: '"-5" is not a message id; ids are whole numbers (0 for all kept). Usage: HISTORY <after-id> [limit].',
	},
	{
		line: 'HISTORY x 6',
		code: 'HISTORY_INVALID',
		message: '"x" is not a message id; ids are whole numbers (0 for all kept). Usage: HISTORY <after-id> [limit].',
	},
	{
		line: 'HISTORY 5 0',
		code: 'HISTORY_INVALID',
		message: '"0" is not a limit; a limit is a whole number from 1 to 500. Usage: HISTORY <after-id> [limit].',
	},
	{
		line: 'HISTORY 5 501',
		code: 'HISTORY_INVALID',
		message: '"501" is not a limit; a limit is a whole number from 1 to 500. Usage: HISTORY <after-id> [limit].',
	},
	{
		line: 'HISTORY 5 6 7',
		code: 'HISTORY_INVALID',
		message: 'HISTORY takes a message id and at most a limit. Usage: HISTORY <after-id> [limit].',
	},
	{
		line: 'HISTORY_BEFORE',
		code: 'HISTORY_INVALID',
		message:
			'Say before which message: the id of the oldest one you have, or 0 for the newest. Usage: HISTORY_BEFORE <before-id> [limit].',
	},
	{
		line: 'HISTORY_BEFORE 9 x',
		code: 'HISTORY_INVALID',
		message: '"x" is not a limit; a limit is a whole number from 1 to 500. Usage: HISTORY_BEFORE <before-id> [limit].',
	},
	{
		line: 'READ',
		code: 'READ_INVALID',
		message: 'Say up to which message you have read. Usage: READ <id>.',
	},
	{
		line: 'READ 1.5',
		code: 'READ_INVALID',
		message: '"1.5" is not a message id; ids are whole numbers. Usage: READ <id>.',
	},
	{
		line: 'SEARCH   ',
		code: 'SEARCH_INVALID',
		message: 'Say what to search for. Usage: SEARCH <words>.',
	},
	{
		line: 'SEARCH a\u0007',
		code: 'SEARCH_INVALID',
		message: 'Search words cannot contain control characters.',
	},
	{
		line: 'PING a b',
		code: 'TOO_MANY_ARGUMENTS',
		message: 'PING takes at most one token. Usage: PING [token].',
	},
	{
		line: 'PING a=b',
		code: 'TOKEN_INVALID',
		message: "A token is up to 128 characters without spaces, control characters, ';' or '=': \"a=b\".",
	},
	{
		line: 'PING \u001b[2J',
		code: 'TOKEN_INVALID',
		message: "A token is up to 128 characters without spaces, control characters, ';' or '=': \"\\x1b[2J\".",
	},
	{
		line: 'PONG ' + 't'.repeat(129),
		code: 'TOKEN_INVALID',
		message: `A token is up to 128 characters without spaces, control characters, ';' or '=': "${'t'.repeat(40)}…".`,
	},
];

for (const {line, code, message} of REFUSALS) {
	const command = line.split(' ')[0];
	test(`parse refuses ${JSON.stringify(line.slice(0, 20))} with ${code}`, (t) => {
		t.deepEqual(parseCommand(line), {ok: false, error: {code, command, message}});
	});
}
