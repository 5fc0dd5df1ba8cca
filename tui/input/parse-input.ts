/**
 * What the user typed, decided locally: messages to send, a command for the server,
 * something the client does itself, or a refusal in words. Anything the server would
 * obviously refuse is refused here, by the protocol's own rules, without a round trip.
 */
import {
	checkName,
	COMMANDS,
	DEFAULT_GROUP,
	nameKey,
	parseParameters,
	quote,
	type CommandSpec,
} from '../../protocol/index.js';
import {
	actionText,
	conversationNameKey,
	currentConversation,
	dmConversation,
	isPasswordInput,
	type ChatState,
	type ConversationKey,
	type MessageCommand,
	type ServerCommand,
	type SubmittedInput,
} from '../state/index.js';
import {buildMessage, messageTexts} from './message-lines.js';
import {findSlashCommand, type SlashCommand} from './slash-commands.js';

type Recipient = {readonly name: 'MESSAGE'} | {readonly name: 'DM'; readonly user: string};

function error(message: string): SubmittedInput {
	return {kind: 'error', message};
}

/** One command per line; the first refusal (with its line number when there are several) wins. */
function messages(
	texts: readonly string[],
	to: Recipient,
	conversation: ConversationKey,
	title: string,
): SubmittedInput {
	const commands: MessageCommand[] = [];
	for (const [index, text] of texts.entries()) {
		const built = buildMessage(to, text, texts.length > 1 ? index + 1 : undefined);
		if ('error' in built) {
			return error(built.error);
		}

		commands.push(built.command);
	}

	return commands.length === 0 ? {kind: 'empty'} : {kind: 'messages', conversation, title, commands};
}

/** Plain text goes to the conversation on screen: its group (if we are still in it) or its DM partner. */
function plainText(text: string, state: ChatState): SubmittedInput {
	return toConversationHere(messageTexts(text), state);
}

function toConversationHere(texts: readonly string[], state: ChatState): SubmittedInput {
	const conversation = currentConversation(state);
	if (conversation.kind === 'dm') {
		return messages(texts, {name: 'DM', user: conversation.title}, conversation.key, conversation.title);
	}

	const inGroup = state.me.group ?? DEFAULT_GROUP;
	if (conversationNameKey(conversation.key) !== nameKey(inGroup)) {
		return error(
			`You are not in group ${conversation.title} any more, so messages here would go to ${inGroup}. Type /join ${conversation.title} to write here.`,
		);
	}

	return messages(texts, {name: 'MESSAGE'}, conversation.key, conversation.title);
}

/** `/me <action>`: an action line (action-line.ts) to the conversation on screen. */
function action(rest: string, state: ChatState): SubmittedInput {
	const me = state.me.name ?? state.me.wantedName;
	if (rest === '' || me === undefined) {
		return error('Say what you do: /me <action>, for example /me is on the ward round.');
	}

	return toConversationHere([actionText(me, rest)], state);
}

/** `/help` opens the help overlay; `/help server` asks the server for its list of protocol commands. */
function help(rest: string): SubmittedInput {
	const what = rest.toLowerCase();
	if (what === '') {
		return {kind: 'help'};
	}

	return what === 'server'
		? {kind: 'server-help'}
		: error('Type /help for the keys and commands, or /help server for the protocol commands.');
}

/** `/goto <n>`: a result number of the last search. */
function gotoResult(rest: string): SubmittedInput {
	if (!/^\d{1,4}$/.test(rest) || Number(rest) < 1) {
		return error('Say which search result to open, by its number: /goto <number>.');
	}

	return {kind: 'goto', result: Number(rest)};
}

/**
 * At a password prompt everything typed is the password (its first line, exactly as
 * typed), except the ways out; none of them is long enough to be a password.
 */
function atPasswordPrompt(text: string, line: string, state: ChatState): SubmittedInput {
	const word = line.toLowerCase();
	const purpose = state.passwordPrompt?.purpose;
	if (word === '/quit') {
		return {kind: 'quit'};
	}

	if (purpose === 'login' && word === '/name') {
		return {kind: 'other-name'};
	}

	if (purpose === 'register' && word === '/cancel') {
		return {kind: 'cancel-register'};
	}

	const password = text.split(/\r\n|\r|\n/)[0] ?? '';
	return password === '' ? {kind: 'empty'} : {kind: 'password', password};
}

function spec(name: ServerCommand['name']): CommandSpec {
	return COMMANDS.find((command) => command.name === name)!;
}

function groupCommand(name: 'JOIN_GROUP' | 'NEW_GROUP', group: string, state: ChatState): SubmittedInput {
	const parsed = parseParameters(spec(name), group);
	if (!parsed.ok) {
		return error(parsed.error.message);
	}

	const key = nameKey(group);
	if (name === 'JOIN_GROUP' && state.me.group !== undefined && key === nameKey(state.me.group)) {
		return error(`You are already in group ${state.me.group}.`);
	}

	// Groups live as long as the server, so one the directory knows of exists.
	const existing = state.directory.groups.get(key);
	if (name === 'NEW_GROUP' && existing) {
		return error(`Group ${existing.name} already exists; type /join ${existing.name} to go there.`);
	}

	return {kind: 'command', command: parsed.command as ServerCommand};
}

function directMessage(rest: string, moreLines: readonly string[], state: ChatState): SubmittedInput {
	const space = rest.search(/\s/);
	const user = space === -1 ? rest : rest.slice(0, space);
	const firstText = space === -1 ? '' : rest.slice(space + 1);
	if (user === '') {
		return error('Say who the message is for: /dm <user> [text].');
	}

	const problem = checkName('user', user);
	if (problem) {
		return error(problem.message);
	}

	const me = state.me.name ?? state.me.wantedName;
	if (me !== undefined && nameKey(me) === nameKey(user)) {
		return error('You cannot send a direct message to yourself.');
	}

	// Spell the partner as they registered, if we know them.
	const title = state.directory.users.get(nameKey(user))?.name ?? user;
	const conversation = dmConversation(title);
	const texts = messageTexts([firstText, ...moreLines].join('\n'));
	if (texts.length === 0) {
		return {kind: 'open', conversation, title};
	}

	return messages(texts, {name: 'DM', user: title}, conversation, title);
}

function slashCommand(
	command: SlashCommand,
	rest: string,
	moreLines: readonly string[],
	state: ChatState,
): SubmittedInput {
	if (command.name === '/dm') {
		return directMessage(rest, moreLines, state);
	}

	if (moreLines.some((line) => line.trim() !== '')) {
		return error(`${command.name} takes one line; only messages and /dm can span several.`);
	}

	if (!command.takesParameters && rest !== '') {
		return error(`${command.name} takes no parameters. Usage: ${command.usage}.`);
	}

	switch (command.name) {
		case '/join':
			return groupCommand('JOIN_GROUP', rest, state);
		case '/new':
			return groupCommand('NEW_GROUP', rest, state);
		case '/groups':
			return {kind: 'command', command: {name: 'LIST_GROUP'}};
		case '/list':
			return {kind: 'command', command: {name: 'LIST'}};
		case '/page': {
			const parsed = parseParameters(spec('PAGE'), rest);
			return parsed.ok ? {kind: 'command', command: parsed.command as ServerCommand} : error(parsed.error.message);
		}

		case '/search': {
			const parsed = parseParameters(spec('SEARCH'), rest);
			return parsed.ok ? {kind: 'command', command: parsed.command as ServerCommand} : error(parsed.error.message);
		}

		case '/goto':
			return gotoResult(rest);
		case '/ack':
			return {kind: 'ack'};
		case '/register':
			return {kind: 'register'};
		case '/me':
			return action(rest, state);
		case '/help':
			return help(rest);
		case '/quit':
			return {kind: 'quit'};
	}
}

export function parseInput(text: string, state: ChatState): SubmittedInput {
	const [first = '', ...moreLines] = text.split(/\r\n|\r|\n/);
	const line = first.trim();

	if (isPasswordInput(state)) {
		return atPasswordPrompt(text, line, state);
	}

	// At the name prompt everything typed is the name, except a way out.
	if (state.me.askingName) {
		return line.toLowerCase() === '/quit' ? {kind: 'quit'} : {kind: 'name', name: text.trim()};
	}

	// "//" escapes a message that starts with a slash.
	if (!line.startsWith('/') || line.startsWith('//')) {
		const unescaped = line.startsWith('//') ? text.replace(/^(\s*)\//, '$1') : text;
		return plainText(unescaped, state);
	}

	const space = line.search(/\s/);
	const word = space === -1 ? line : line.slice(0, space);
	const rest = space === -1 ? '' : line.slice(space + 1).trim();
	const command = findSlashCommand(word);
	if (!command) {
		return error(
			`Unknown command ${quote(word)}. Type /help for the list of commands; start with // to send a message that begins with /.`,
		);
	}

	return slashCommand(command, rest, moreLines, state);
}

/** How many messages Enter would send: the view warns before a multi-line paste goes out as several. */
export function messageCount(text: string, state: ChatState): number {
	// Nothing typed, the usual case while messages arrive: nothing to parse against the new state.
	if (text === '') {
		return 0;
	}

	const parsed = parseInput(text, state);
	return parsed.kind === 'messages' ? parsed.commands.length : 0;
}
