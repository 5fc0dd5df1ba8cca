/**
 * Joins the edge to the chat: each connection gets a Client, is greeted, has its
 * lines dispatched and its line-level errors answered, and leaves the chat the
 * moment the edge says it is going away.
 */
import {PROTOCOL_VERSION} from '../protocol/index.js';
import type {Chat} from './chat/chat.js';
import {toWire} from './chat/wire.js';
import {newClient} from './commands/client.js';
import type {Dispatcher} from './commands/dispatcher.js';
import {errorFields, type Logger} from './log.js';
import type {ConnectionHandler} from './net/connection-handler.js';

const HELLO = toWire({
	type: 'HELLO',
	version: PROTOCOL_VERSION,
	text: 'Welcome to chat. Register with SET_NAME <name>; HELP lists the commands.',
});

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

export function chatSessions({chat, dispatcher, log}: SessionsOptions): ConnectionHandler {
	return {
		open(peer, {id}) {
			const client = newClient(id, peer);
			peer.send(HELLO);
			return {
				line(text) {
					// The dispatcher answers a throwing handler itself; this catches a bug
					// anywhere else on the way, so that too gets an answer, not silence.
					try {
						dispatcher.dispatch(client, text);
					} catch (error) {
						log.error('error', {conn: id, ...errorFields(error, {stack: true})});
						peer.send(INTERNAL);
					}
				},
				tooLong(limit) {
					peer.send(
						toWire({
							type: 'ERR',
							code: 'LINE_TOO_LONG',
							command: '*',
							text: `Line longer than ${limit} bytes; it was discarded.`,
						}),
					);
				},
				invalidUtf8() {
					peer.send(INVALID_UTF8);
				},
				isRegistered() {
					return client.user !== undefined;
				},
				closed(reason) {
					const {user} = client;
					if (user) {
						chat.remove(user);
					}

					client.ended = true;
					log.info('disconnect', {conn: id, user: user?.name, reason, users: chat.userCount});
				},
			};
		},
	};
}
