import type {ServerLine} from '../../protocol/index.js';
import {forUser} from './handler.js';
import {success} from './outcome.js';
import {counted} from '../plural.js';

export const list = forUser<'LIST'>((_command, user, {chat}) => {
	const group = user.group;
	const members = group.sortedMembers();
	const online = chat.onlineUsers();
	const lines: ServerLine[] = [];
	for (const member of members) {
		lines.push({type: 'MEMBER', group: group.name, user: member.name});
	}

	for (const other of online) {
		lines.push({type: 'USER', user: other.name, group: other.group.name});
	}

	lines.push({
		type: 'OK',
		command: 'LIST',
		members: members.length,
		online: online.length,
		text: `${counted(members.length, 'user')} in ${group.name}, ${online.length} online.`,
	});
	return success(...lines);
});
