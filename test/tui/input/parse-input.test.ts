import test from 'ava';
import {HELP_SECTIONS, messageCount, parseInput, SLASH_COMMANDS} from '../../../tui/input/index.js';
import {
	dmConversation,
	groupConversation,
	type ChatState,
	type ConversationKey,
	type MessageCommand,
	type SubmittedInput,
} from '../../../tui/state/index.js';
import {apply, offline, online, receive, type, written} from '../state/fixtures.js';

const LOBBY = groupConversation('lobby');

/** What parseInput answers for input it refuses: the sentence the user is shown. */
function refusal(message: string): SubmittedInput {
	return {kind: 'error', message};
}

/** What parseInput answers for text it sends to a conversation, titled as the screen shows it. */
function sends(conversation: ConversationKey, title: string, ...commands: MessageCommand[]): SubmittedInput {
	return {kind: 'messages', conversation, title, commands};
}

function inDmWithBob(): ChatState {
	return apply(online(), {type: 'switch-conversation', to: dmConversation('bob')});
}

test('blank input does nothing', (t) => {
	t.deepEqual(parseInput('', online()), {kind: 'empty'});
	t.deepEqual(parseInput('  \n \n', online()), {kind: 'empty'});
});

test('plain text is a MESSAGE to the group on screen', (t) => {
	t.deepEqual(
		parseInput('  bed 4 needs review  ', online()),
		sends(LOBBY, 'lobby', {name: 'MESSAGE', text: 'bed 4 needs review'}),
	);
});

test('plain text in a DM conversation is a DM to that user', (t) => {
	t.deepEqual(
		parseInput('are you free?', inDmWithBob()),
		sends(dmConversation('bob'), 'bob', {name: 'DM', user: 'bob', text: 'are you free?'}),
	);
});

test('every non-empty line of a paste is a message, in order, and the count says so', (t) => {
	const text = 'obs:\r\n  HR 110\n\n\tBP 90/60\n';
	const parsed = parseInput(text, online());
	t.like(parsed, {kind: 'messages'});
	t.deepEqual(parsed.kind === 'messages' ? parsed.commands.map((command) => command.text) : [], [
		'obs:',
		'HR 110',
		'BP 90/60',
	]);
	t.is(messageCount(text, online()), 3);
	t.is(messageCount('one line', online()), 1);
	t.is(messageCount('/list', online()), 0);
	t.is(messageCount('/nope', online()), 0);
});

test('tabs inside a line become spaces: the protocol refuses control characters', (t) => {
	const parsed = parseInput('a\tb', online());
	t.deepEqual(parsed.kind === 'messages' ? parsed.commands[0] : undefined, {name: 'MESSAGE', text: 'a   b'});
});

test('a control character is refused locally with the protocol sentence', (t) => {
	t.deepEqual(
		parseInput('bad \u001b[31m red', online()),
		refusal('Messages cannot contain control characters (tabs, escapes, carriage returns).'),
	);
	t.deepEqual(
		parseInput('fine\nbad \u0007', online()),
		refusal('Line 2: Messages cannot contain control characters (tabs, escapes, carriage returns).'),
	);
});

test('a message too long for one protocol line is refused before sending', (t) => {
	const parsed = parseInput('x'.repeat(8200), online());
	t.is(parsed.kind, 'error');
	t.regex(
		parsed.kind === 'error' ? parsed.message : '',
		/too long to send \(8208 bytes with its command; the limit is 8192\)/,
	);
	t.is(parseInput('x'.repeat(8192 - 'MESSAGE '.length), online()).kind, 'messages');
});

test('"//" sends a message that starts with a slash', (t) => {
	const parsed = parseInput('//usr/bin is full', online());
	t.deepEqual(parsed.kind === 'messages' ? parsed.commands : [], [{name: 'MESSAGE', text: '/usr/bin is full'}]);
});

test('a group conversation we have left refuses plain text rather than send it to the wrong group', (t) => {
	let state = written(type(online(), '/join night')).state;
	state = receive(state, 'OK JOIN_GROUP night You left lobby and joined night.');
	state = apply(state, {type: 'switch-conversation', to: LOBBY});
	t.deepEqual(
		parseInput('hello lobby', state),
		refusal('You are not in group lobby any more, so messages here would go to night. Type /join lobby to write here.'),
	);
});

test('/dm sends a DM and opens its conversation, spelling the user as registered', (t) => {
	t.deepEqual(
		parseInput('/dm BOB call me', online()),
		sends(dmConversation('bob'), 'bob', {name: 'DM', user: 'bob', text: 'call me'}),
	);
	t.deepEqual(
		parseInput('/DM dave hi', online()),
		sends(dmConversation('dave'), 'dave', {name: 'DM', user: 'dave', text: 'hi'}),
	);
});

test('/dm with several lines sends each as a DM', (t) => {
	const parsed = parseInput('/dm bob first\nsecond', online());
	t.deepEqual(parsed.kind === 'messages' ? parsed.commands : [], [
		{name: 'DM', user: 'bob', text: 'first'},
		{name: 'DM', user: 'bob', text: 'second'},
	]);
});

test('/dm without text opens the conversation', (t) => {
	t.deepEqual(parseInput('/dm bob', online()), {kind: 'open', conversation: dmConversation('bob'), title: 'bob'});
});

test('/msg and /query are /dm, as irssi and WeeChat users type it', (t) => {
	t.deepEqual(
		parseInput('/msg bob call me', online()),
		sends(dmConversation('bob'), 'bob', {name: 'DM', user: 'bob', text: 'call me'}),
	);
	t.deepEqual(parseInput('/QUERY bob', online()), {kind: 'open', conversation: dmConversation('bob'), title: 'bob'});
});

test('/me sends an action line to the conversation on screen, as a plain message lab clients can show', (t) => {
	t.deepEqual(
		parseInput('/me  is on the ward round ', online()),
		sends(LOBBY, 'lobby', {name: 'MESSAGE', text: '* alice is on the ward round'}),
	);
	const inDm = type(online(), '/dm bob');
	t.deepEqual(
		parseInput('/me waves', inDm),
		sends(dmConversation('bob'), 'bob', {name: 'DM', user: 'bob', text: '* alice waves'}),
	);
	t.deepEqual(
		parseInput('/me', online()),
		refusal('Say what you do: /me <action>, for example /me is on the ward round.'),
	);
});

test('/dm refusals', (t) => {
	t.deepEqual(parseInput('/dm', online()), refusal('Say who the message is for: /dm <user> [text].'));
	t.deepEqual(
		parseInput('/dm b@d hi', online()),
		refusal("Names may contain only letters, digits, '-', '_' and '.': \"b@d\"."),
	);
	t.deepEqual(parseInput('/dm Alice hi', online()), refusal('You cannot send a direct message to yourself.'));
});

test('/join and /new send the group commands', (t) => {
	t.deepEqual(parseInput('/join night', online()), {kind: 'command', command: {name: 'JOIN_GROUP', group: 'night'}});
	t.deepEqual(parseInput('/new icu', online()), {kind: 'command', command: {name: 'NEW_GROUP', group: 'icu'}});
});

test('/join and /new refuse what the server obviously would', (t) => {
	t.deepEqual(parseInput('/join', online()), refusal('A name is required: NEW_GROUP <name> or JOIN_GROUP <name>.'));
	t.deepEqual(parseInput('/join two words', online()), refusal('Group names cannot contain spaces: "two words".'));
	t.deepEqual(
		parseInput(`/new ${'g'.repeat(33)}`, online()),
		refusal(`Group names can be at most 32 characters; "${'g'.repeat(33)}" has 33.`),
	);
	t.deepEqual(parseInput('/join LOBBY', online()), refusal('You are already in group lobby.'));
	t.deepEqual(parseInput('/new Night', online()), refusal('Group night already exists; type /join night to go there.'));
});

test('/groups, /list, /help and /quit', (t) => {
	t.deepEqual(parseInput('/groups', online()), {kind: 'command', command: {name: 'LIST_GROUP'}});
	t.deepEqual(parseInput('/list', online()), {kind: 'command', command: {name: 'LIST'}});
	t.deepEqual(parseInput('/help', online()), {kind: 'help'});
	t.deepEqual(parseInput('/HELP Server', online()), {kind: 'server-help'});
	t.deepEqual(
		parseInput('/help me', online()),
		refusal('Type /help for the keys and commands, or /help server for the protocol commands.'),
	);
	t.deepEqual(parseInput('/quit', online()), {kind: 'quit'});
	t.deepEqual(parseInput('/list now', online()), refusal('/list takes no parameters. Usage: /list.'));
});

test('the help text lists every slash command and the keys', (t) => {
	const help = HELP_SECTIONS.flatMap((section) => section.rows.map(([left, right]) => `${left}  ${right}`)).join('\n');
	for (const command of SLASH_COMMANDS) {
		t.true(help.includes(command.usage), command.usage);
		for (const alias of command.aliases) {
			t.true(command.description.includes(alias), `${command.name} says it is also ${alias}`);
		}
	}

	t.regex(help, /Tab \/ Shift-Tab +complete/);
	t.regex(help, /PgUp \/ PgDn, Escape \/ Ctrl-End +scroll/);
});

test('an unknown slash command is refused locally', (t) => {
	t.deepEqual(
		parseInput('/frobnicate waves', online()),
		refusal(
			'Unknown command "/frobnicate". Type /help for the list of commands; start with // to send a message that begins with /.',
		),
	);
});

test('commands other than /dm take one line', (t) => {
	t.deepEqual(
		parseInput('/join night\nhello', online()),
		refusal('/join takes one line; only messages and /dm can span several.'),
	);
});

test('at the name prompt the text is the name', (t) => {
	const state = apply(online(), offline());
	const asking = {...state, me: {...state.me, askingName: true}};
	t.deepEqual(parseInput(' carol ', asking), {kind: 'name', name: 'carol'});
	t.deepEqual(parseInput('/QUIT', asking), {kind: 'quit'});
});
