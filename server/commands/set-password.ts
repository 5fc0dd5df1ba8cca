import {forUser} from './handler.js';
import {durableSuccess, refuse} from './outcome.js';

export const setPassword = forUser<'SET_PASSWORD'>(async ({password}, user, {accounts, chat, client, log}) => {
	if (user.isAccount) {
		return refuse(
			'ALREADY_ACCOUNT',
			`${user.name} is an account already; its password is changed by the operator (chat user passwd).`,
		);
	}

	const hashed = await accounts.newPasswordHash(password, client);
	if (!hashed.ok) {
		return hashed;
	}

	if (client.ended || client.user !== user || !user.online) {
		return refuse('NOT_REGISTERED', 'The connection closed before the account was made.');
	}

	if (!chat.makeAccount(user, hashed.value)) {
		return refuse(
			'ACCOUNT_PROTECTED',
			`${user.name} became an account meanwhile (made by the operator); log in to it with SET_NAME ${user.name} <password>.`,
		);
	}

	log.info('account', {conn: client.conn, user: user.name});
	return durableSuccess({
		type: 'OK',
		command: 'SET_PASSWORD',
		user: user.name,
		text: `${user.name} is now an account: log in with SET_NAME ${user.name} <password>.`,
	});
});
