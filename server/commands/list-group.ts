import type {ServerLine} from '../../protocol/index.js';
import {forUser} from './handler.js';
import {success} from './outcome.js';
import {counted} from '../plural.js';

export const listGroup = forUser<'LIST_GROUP'>((_command, _user, {chat}) => {
	const groups = chat.allGroups();
	const lines: ServerLine[] = groups.map((group) => ({type: 'GROUP', group: group.name, members: group.members.size}));
	lines.push({type: 'OK', command: 'LIST_GROUP', count: groups.length, text: `${counted(groups.length, 'group')}.`});
	return success(...lines);
});
