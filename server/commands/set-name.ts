import type {Handler} from './handler.js';
import {refuse, success} from './outcome.js';

export const setName: Handler<'SET_NAME'> = ({username}, {chat, client, log}) => {
	if (client.user) {
		return refuse('ALREADY_REGISTERED', `You are already registered as ${client.user.name}; names cannot be changed.`);
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
