/**
 * Multi-line replies: the data lines gathered before an OK, turned into the directory
 * (always) and into a notice (when the user asked for them).
 */
import type {Ok} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere} from './conversations.js';
import {replaceGroups, replaceUsers} from './directory.js';
import type {DataLine, InFlightCommand} from './in-flight-command.js';

type Reply<Name extends Ok['command']> = Extract<Ok, {command: Name}>;

/** The data lines of one type gathered for `request`'s reply, in the order they came. */
function collected<Type extends DataLine['type']>(
	request: InFlightCommand,
	type: Type,
): Array<Extract<DataLine, {type: Type}>> {
	return request.collected.filter((line): line is Extract<DataLine, {type: Type}> => line.type === type);
}

export function listReplied(state: ChatState, request: InFlightCommand, ok: Reply<'LIST'>): ChatState {
	const users = collected(request, 'USER').map((line) => ({name: line.user, group: line.group}));
	const next = {...state, directory: replaceUsers(state.directory, users)};
	if (request.origin !== 'user') {
		return next;
	}

	const members = collected(request, 'MEMBER').map((line) => line.user);
	const group = state.me.group ?? 'your group';
	const text = [
		`In ${group}: ${members.join(', ') || 'nobody'}.`,
		`Online: ${users.map((user) => `${user.name} (${user.group})`).join(', ') || 'nobody'}.`,
		ok.text,
	].join('\n');
	return addNoticeHere(next, 'info', text);
}

export function listGroupReplied(state: ChatState, request: InFlightCommand, ok: Reply<'LIST_GROUP'>): ChatState {
	const groups = collected(request, 'GROUP').map((line) => ({name: line.group, members: line.members}));
	const next = {...state, directory: replaceGroups(state.directory, groups)};
	if (request.origin !== 'user') {
		return next;
	}

	const text = `Groups: ${groups.map((group) => `${group.name} (${group.members})`).join(', ')}.\n${ok.text}`;
	return addNoticeHere(next, 'info', text);
}

export function helpReplied(state: ChatState, request: InFlightCommand, ok: Reply<'HELP'>): ChatState {
	const commands = collected(request, 'COMMAND').map((line) => `  ${line.text}`);
	return addNoticeHere(state, 'info', ['Server commands:', ...commands, ok.text].join('\n'));
}

/** Which data lines a command's reply may contain. */
export function expectsData(request: InFlightCommand, type: string): boolean {
	switch (request.command.name) {
		case 'HELP':
			return type === 'COMMAND';
		case 'LIST':
			return type === 'MEMBER' || type === 'USER';
		case 'LIST_GROUP':
			return type === 'GROUP';
		case 'HISTORY':
		case 'HISTORY_BEFORE':
		case 'SEARCH':
			return type === 'MSG' || type === 'DM';
		default:
			return false;
	}
}
