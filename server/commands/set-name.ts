import type {Handler} from './handler.js';
import {refuse, success} from './outcome.js';

export const setName: Handler<'SET_NAME'> = ({username, password}, {chat, client, log}) => {
	if (client.user) {
		return refuse('ALREADY_REGISTERED', `You are already registered as ${client.user.name}; names cannot be changed.`);
	}

	// A server without a store has no accounts: every login fails, as it would for a name that is none.
	if (password !== undefined) {
		return refuse('LOGIN_FAILED', 'That name and password do not match an account.');
	}

	const registered = chat.register(client.peer, username);
	if (!registered.ok) {
		return registered;
	}

	const user = registered.value;
	client.user = user;
	log.info('register', {conn: client.conn, user: user.name, users: chat.userCount});
	return success({
		type: 'OK',
		command: 'SET_NAME',
		user: user.name,
		group: user.group.name,
		text: `Welcome, ${user.name}. You are in group ${user.group.name}.`,
	});
};
