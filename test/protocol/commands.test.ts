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
	parseCommand,
	splitCommandLine,
	type ClientCommand,
	type CommandName,
} from '../../protocol/index.js';

const SAMPLES: Record<CommandName, ClientCommand> = {
	HELP: {name: 'HELP'},
	SET_NAME: {name: 'SET_NAME', username: 'Zoë.o-brien_2'},
	CLOSE: {name: 'CLOSE'},
	LIST: {name: 'LIST'},
	MESSAGE: {name: 'MESSAGE', text: 'Bed 4: BP 90/60 → review  please 💊'},
	DM: {name: 'DM', user: 'bob', text: 'can you  cover bed 9?'},
	NEW_GROUP: {name: 'NEW_GROUP', group: 'night-shift'},
	LIST_GROUP: {name: 'LIST_GROUP'},
	JOIN_GROUP: {name: 'JOIN_GROUP', group: 'ward7'},
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
		'CLOSE',
		'LIST',
		'MESSAGE Bed 4: BP 90/60 → review  please 💊',
		'DM bob can you  cover bed 9?',
		'NEW_GROUP night-shift',
		'LIST_GROUP',
		'JOIN_GROUP ward7',
	]);
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

const REFUSALS: Array<[string, string, string, string]> = [
	['FOO bar', 'UNKNOWN_COMMAND', 'FOO', 'Unknown command "FOO". Type HELP for the list of commands.'],
	['HELP me', 'TOO_MANY_ARGUMENTS', 'HELP', 'HELP takes no parameters. Usage: HELP.'],
	['LIST all', 'TOO_MANY_ARGUMENTS', 'LIST', 'LIST takes no parameters. Usage: LIST.'],
	['SET_NAME', 'NAME_MISSING', 'SET_NAME', 'A name is required: SET_NAME <username>.'],
	['SET_NAME a b', 'NAME_INVALID', 'SET_NAME', 'Names cannot contain spaces: "a b".'],
	['SET_NAME a!', 'NAME_INVALID', 'SET_NAME', 'Names may contain only letters, digits, \'-\', \'_\' and \'.\': "a!".'],
	['SET_NAME ' + 'n'.repeat(33), 'NAME_TOO_LONG', 'SET_NAME', `Names can be at most 32 characters; "${'n'.repeat(33)}" has 33.`],
	['MESSAGE', 'TEXT_MISSING', 'MESSAGE', 'There is no text to send. Usage: MESSAGE <text>.'],
	['MESSAGE a\u0000', 'TEXT_INVALID', 'MESSAGE', 'Messages cannot contain control characters (tabs, escapes, carriage returns).'],
	['MESSAGE a\u009bb', 'TEXT_INVALID', 'MESSAGE', 'Messages cannot contain control characters (tabs, escapes, carriage returns).'],
	['DM', 'USER_MISSING', 'DM', 'Say who the message is for. Usage: DM <user> <text>.'],
	['DM b@d hi', 'NO_SUCH_USER', 'DM', 'There is no user named "b@d".'],
	['DM bob', 'TEXT_MISSING', 'DM', 'There is no text to send. Usage: DM <user> <text>.'],
	['DM bob \u001b', 'TEXT_INVALID', 'DM', 'Messages cannot contain control characters (tabs, escapes, carriage returns).'],
	['NEW_GROUP', 'GROUP_MISSING', 'NEW_GROUP', 'A name is required: NEW_GROUP <name> or JOIN_GROUP <name>.'],
	['JOIN_GROUP a b', 'GROUP_INVALID', 'JOIN_GROUP', 'Group names cannot contain spaces: "a b".'],
	['NEW_GROUP ' + 'g'.repeat(33), 'GROUP_TOO_LONG', 'NEW_GROUP', `Group names can be at most 32 characters; "${'g'.repeat(33)}" has 33.`],
];

for (const [line, code, command, message] of REFUSALS) {
	test(`parse refuses ${JSON.stringify(line.slice(0, 20))} with ${code}`, (t) => {
		t.deepEqual(parseCommand(line), {ok: false, error: {code, command, message}});
	});
}
