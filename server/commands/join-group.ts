import {forUser} from './handler.js';
import {success} from './outcome.js';

export const joinGroup = forUser<'JOIN_GROUP'>(({group: name}, user, {chat}) => {
	const moved = chat.joinGroup(user, name);
	if (!moved.ok) {
		return moved;
	}

	const {left, joined} = moved.value;
	return success({
		type: 'OK',
		command: 'JOIN_GROUP',
		group: joined.name,
		text: `You left ${left.name} and joined ${joined.name}.`,
	});
});
