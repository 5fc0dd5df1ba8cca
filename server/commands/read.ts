import {forUser} from './handler.js';
import {durableSuccess, success} from './outcome.js';

// Only an account has a read position to keep; a guest is told the same, with nothing stored.
export const read = forUser<'READ'>(({id}, user, {chat}) => {
	if (!user.isAccount) {
		return success({type: 'OK', command: 'READ', id, text: `Read up to ${id}; nothing is kept for guests.`});
	}

	chat.store.advanceReadPosition(user.name, Number(id));
	return durableSuccess({type: 'OK', command: 'READ', id, text: `Read up to ${id}.`});
});
