import {forUser} from './handler.js';
import {success} from './outcome.js';

export const newGroup = forUser<'NEW_GROUP'>(({group: name}, user, {chat}) => {
	const created = chat.createGroup(user, name);
	if (!created.ok) {
		return created;
	}

	const group = created.value;
	return success({
		type: 'OK',
		command: 'NEW_GROUP',
		group: group.name,
		text: `Created group ${group.name}; you are now in it.`,
	});
});
