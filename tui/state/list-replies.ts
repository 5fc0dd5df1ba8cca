/**
 * Multi-line replies: the data lines gathered before an OK, turned into the directory
 * (always) and into a notice (when the user asked for them).
 */
import type {Ok} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere} from './conversations.js';
import {replaceGroups, replaceUsers} from './directory.js';
import type {InFlightCommand} from './in-flight-command.js';

type Reply<Name extends Ok['command']> = Extract<Ok, {command: Name}>;

export function listReplied(state: ChatState, request: InFlightCommand, ok: Reply<'LIST'>): ChatState {
	const users = request.collected.flatMap((line) =>
		line.type === 'USER' ? [{name: line.user, group: line.group}] : [],
	);
	const next = {...state, directory: replaceUsers(state.directory, users)};
	if (request.origin !== 'user') {
		return next;
	}

	const members = request.collected.flatMap((line) => (line.type === 'MEMBER' ? [line.user] : []));
	const group = state.me.group ?? 'your group';
	const text = [
		`In ${group}: ${members.join(', ') || 'nobody'}.`,
		`Online: ${users.map((user) => `${user.name} (${user.group})`).join(', ') || 'nobody'}.`,
		ok.text,
	].join('\n');
	return addNoticeHere(next, 'info', text);
}

export function listGroupReplied(state: ChatState, request: InFlightCommand, ok: Reply<'LIST_GROUP'>): ChatState {
	const groups = request.collected.flatMap((line) =>
		line.type === 'GROUP' ? [{name: line.group, members: line.members}] : [],
	);
	const next = {...state, directory: replaceGroups(state.directory, groups)};
	if (request.origin !== 'user') {
		return next;
	}

	const text = `Groups: ${groups.map((group) => `${group.name} (${group.members})`).join(', ')}.\n${ok.text}`;
	return addNoticeHere(next, 'info', text);
}

export function helpReplied(state: ChatState, request: InFlightCommand, ok: Reply<'HELP'>): ChatState {
	const commands = request.collected.flatMap((line) => (line.type === 'COMMAND' ? [`  ${line.text}`] : []));
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
			return type === 'MSG' || type === 'DM';
		default:
			return false;
	}
}
