import {nameKey} from '../../protocol/index.js';
import {keyNoLongerLogsIn, type VerifiedAccount} from '../wire/verified-account.js';
import type {Account} from '../chat/store.js';
import type {CommandContext, Handler} from './handler.js';
import {refuse, success, type Outcome} from './outcome.js';
import {counted} from '../plural.js';

export const setName: Handler<'SET_NAME'> = ({username, password}, context) => {
	const {chat, client, log} = context;
	if (client.user) {
		return refuse('ALREADY_REGISTERED', `You are already registered as ${client.user.name}; names cannot be changed.`);
	}

	if (password !== undefined) {
		return login(username, password, context);
	}

	// An SSH session's own account: its key was checked before the connection existed.
	if (client.verified && nameKey(client.verified.account) === nameKey(username)) {
		return keyLogin(client.verified, context);
	}

	const registered = chat.register(client.peer, username, client.session);
	if (!registered.ok) {
		return registered;
	}

	const user = registered.value;
	client.user = user;
	chat.audit({
		kind: 'guest_login',
		user: user.name,
		address: client.address,
		transport: client.secure ? 'tls' : 'plain',
	});
	log.info('register', {conn: client.conn, user: user.name, users: chat.userCount});
	return success({
		type: 'OK',
		command: 'SET_NAME',
		user: user.name,
		group: user.group.name,
		text: `Welcome, ${user.name}. You are in group ${user.group.name}.`,
	});
};

// The password is never logged, and no refusal says whether the name or the password was wrong.
async function login(username: string, password: string, context: CommandContext): Promise<Outcome> {
	const {accounts, client, log} = context;
	const checked = await accounts.check(username, password, client);
	if (!checked.ok) {
		log.info('login_refused', {conn: client.conn, user: username, code: checked.code});
		return checked;
	}

	if (client.ended) {
		// The connection went while scrypt ran: nobody to log in.
		return refuse('LOGIN_FAILED', 'The connection closed before the login finished.');
	}

	return loggedIn(checked.value, context, {
		transport: client.secure ? 'tls' : 'plain',
		welcome: (name) => `Welcome back, ${name}.`,
	});
}

/**
 * The account an SSH key proved, read again now: the operator may have deleted the
 * account or the key since the key was checked.
 */
function keyLogin(verified: VerifiedAccount, context: CommandContext): Outcome {
	const {account: name, fingerprint, firstUse} = verified;
	const {chat, client, log} = context;
	const account = chat.account(name);
	if (!account || chat.store.accountKey(fingerprint)?.account !== account.name) {
		log.info('login_refused', {conn: client.conn, user: name, code: 'LOGIN_FAILED', key: fingerprint});
		return refuse('LOGIN_FAILED', keyNoLongerLogsIn(verified));
	}

	return loggedIn(account, context, {
		transport: 'ssh',
		key: fingerprint,
		welcome: (user) =>
			firstUse
				? `Welcome, ${user}. ${user} is a new account, and your SSH key ${fingerprint} logs in to it from now on.`
				: `Welcome back, ${user} (SSH key ${fingerprint}).`,
	});
}

interface LoginKind {
	readonly transport: 'plain' | 'tls' | 'ssh';
	/** The SSH key's fingerprint, for the audit trail and the log. */
	readonly key?: string;
	/** The welcome's first sentence, for the account's name as created. */
	readonly welcome: (name: string) => string;
}

/**
 * The account is proven (a password, or an SSH key): the connection becomes its user.
 * One path for every way in, so each gets all that waited for the account: its DMs'
 * delivered receipts, its unread count, and its pages (overdue if so).
 */
function loggedIn(account: Account, context: CommandContext, kind: LoginKind): Outcome {
	const {chat, client, log, pages, receipts} = context;
	// A key login names its key in the audit trail and the log; a password login has none to name.
	const key = kind.key === undefined ? {} : {key: kind.key};
	const user = chat.login(client.peer, account);
	client.user = user;
	receipts.loggedIn(user);
	chat.audit({
		kind: 'login',
		user: user.name,
		address: client.address,
		transport: kind.transport,
		...key,
	});
	log.info('login', {
		conn: client.conn,
		user: user.name,
		...key,
		connections: user.peers.size,
		users: chat.userCount,
	});
	return success(
		{
			type: 'OK',
			command: 'SET_NAME',
			user: user.name,
			group: user.group.name,
			text: `${kind.welcome(user.name)} You are in group ${user.group.name}.`,
		},
		...unread(account, context),
		// What waited for the account: its pages (overdue if so), delivered to this connection now.
		...pages.loggedIn(user),
	);
}

/** What the account has not read yet, as a count and where to page from: never the messages themselves. */
function unread(account: Account, {chat, client}: CommandContext) {
	const user = client.user!;
	const count = chat.store.countAfter(chat.viewer(user, client.session), account.readPosition);
	if (count === 0) {
		return [];
	}

	const after = String(account.readPosition);
	return [
		{
			type: 'UNREAD' as const,
			count,
			after,
			text: `${counted(count, 'message')} since you last read: HISTORY ${after} shows them.`,
		},
	];
}
