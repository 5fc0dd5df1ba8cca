import type {Handler} from './handler.js';
import {successThenEnd} from './outcome.js';

// The connection leaves now, not when the socket finally closes: a guest's name is free
// for the next SET_NAME and nobody lists them while the goodbye is still being delivered.
export const close: Handler<'CLOSE'> = (_command, {chat, client}) => {
	const {user} = client;
	if (user) {
		chat.remove(user, client.peer);
	}

	return successThenEnd({type: 'OK', command: 'CLOSE', text: user ? `Goodbye, ${user.name}.` : 'Goodbye.'});
};
