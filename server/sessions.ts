/**
 * Joins the edge to the chat: each connection gets a Client, is greeted when its
 * first line comes (never before: a client may not be ready to read yet), has its
 * lines dispatched and its line-level errors answered, and leaves the chat the
 * moment the edge says it is going away.
 */
import {randomBytes} from 'node:crypto';
import {PROTOCOL_VERSION} from '../protocol/index.js';
import type {VerifiedAccount} from './wire/verified-account.js';
import type {Chat} from './chat/chat.js';
import type {User} from './chat/user.js';
import type {Client} from './commands/client.js';
import type {Dispatcher} from './commands/dispatcher.js';
import {errorFields, type Logger} from './log.js';
import type {ConnectionHandler, ConnectionSession, DisconnectReason} from './net/connection-handler.js';
import type {Peer} from './wire/peer.js';
import {SharedWire} from './wire/shared-wire.js';
import {toWire} from './wire/to-wire.js';

/** The same bytes for every connection: a registration storm encodes it once, not once per client. */
const HELLO = new SharedWire(
	toWire({
		type: 'HELLO',
		version: PROTOCOL_VERSION,
		text: 'Welcome to chat. Register with SET_NAME <name>; HELP lists the commands.',
	}),
	0,
);

const INVALID_UTF8 = toWire({
	type: 'ERR',
	code: 'INVALID_UTF8',
	command: '*',
	text: 'The line was not valid UTF-8; it was discarded.',
});

const INTERNAL = toWire({
	type: 'ERR',
	code: 'INTERNAL',
	command: '*',
	text: 'The server failed while handling that line. Try again; if it keeps failing, tell the operator.',
});

export interface SessionsOptions {
	readonly chat: Chat;
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
}

export function chatSessions(options: SessionsOptions): ConnectionHandler {
	return {
		open(peer, {id, address, secure, verified}) {
			return new ConnectionClient(id, peer, address, secure, verified, options);
		},
	};
}

/**
 * One connection's session, and the Client the commands see: a class rather than an
 * object of closures, because there is one per connection and thousands of them.
 */
class ConnectionClient implements ConnectionSession, Client {
	user: User | undefined = undefined;
	ended = false;
	held: string[] | undefined = undefined;
	refusedWhileHeld = 0;
	/** Unguessable: it is what a guest's DMs are stored under. */
	readonly session = randomBytes(12).toString('base64url');

	constructor(
		readonly conn: number,
		readonly peer: Peer,
		readonly address: string,
		readonly secure: boolean,
		readonly verified: VerifiedAccount | undefined,
		private readonly options: SessionsOptions,
	) {}

	/**
	 * HELLO goes just before the reply to the first line, not on connect: a client may
	 * start reading before it is ready for a line (the lab's Tkinter client writes every
	 * line into a window it builds after connecting), and the lab's own server never
	 * speaks first either.
	 */
	firstLine(): void {
		this.peer.sendShared(HELLO);
	}

	line(text: string): void {
		// The dispatcher answers a throwing handler itself; this catches a bug anywhere
		// else on the way, so that too gets an answer, not silence.
		try {
			this.options.dispatcher.dispatch(this, text);
		} catch (error) {
			this.options.log.error('error', {conn: this.conn, ...errorFields(error, {stack: true})});
			this.peer.send(INTERNAL);
		}
	}

	tooLong(limit: number): void {
		this.peer.send(
			toWire({
				type: 'ERR',
				code: 'LINE_TOO_LONG',
				command: '*',
				text: `Line longer than ${limit} bytes; it was discarded.`,
			}),
		);
	}

	invalidUtf8(): void {
		this.peer.send(INVALID_UTF8);
	}

	isRegistered(): boolean {
		return this.user !== undefined;
	}

	closed(reason: DisconnectReason): void {
		const {chat, log} = this.options;
		const {user} = this;
		this.ended = true;
		if (user) {
			chat.remove(user, this.peer);
		}

		log.info('disconnect', {conn: this.conn, user: user?.name, reason, users: chat.userCount});
	}
}
