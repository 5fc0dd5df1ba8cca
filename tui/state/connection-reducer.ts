/**
 * Connection events. Connecting registers (or asks for a name). Losing the connection
 * keeps every message that was not confirmed: written or not, it stays pending and is
 * sent again, with the same id, once the session is back (registration.ts), so it
 * arrives once whether or not the first attempt did. Only a session that stops for
 * good gives up on them, and says they may not have arrived.
 */
import type {ConnectionEvent} from '../connection/connection-event.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere, updateMessage} from './conversations.js';
import {enqueue} from './in-flight.js';
import type {OutboxItem} from './outbox.js';

const UNCONFIRMED = 'The connection was lost before the server confirmed this message; it may not have been delivered.';

/**
 * Registers with the wanted name if there is one and the socket is open: a --name, a
 * name typed at the prompt (still up while it is checked), or the name we had; and
 * logs in to its account with the password, when there is one.
 */
export function registerIfReady(state: ChatState): ChatState {
	const {me, connection, passwordPrompt: prompt} = state;
	const waiting = state.inFlight.some((item) => item.command.name === 'SET_NAME');
	const typing = (me.askingName && !me.checkingName) || (prompt?.purpose === 'login' && !prompt.checking);
	if (connection.status !== 'registering' || me.registered || typing || !me.wantedName || waiting) {
		return state;
	}

	const username = me.wantedName;
	return enqueue(
		state,
		me.password === undefined ? {name: 'SET_NAME', username} : {name: 'SET_NAME', username, password: me.password},
		'register',
	);
}

/**
 * Messages written and not confirmed go back to the front of the outbox, in the order
 * they were sent, ahead of anything typed since: they were typed first.
 */
function keepUnconfirmed(state: ChatState): readonly OutboxItem[] {
	const unconfirmed = state.inFlight.flatMap((item): OutboxItem[] =>
		(item.command.name === 'MESSAGE' || item.command.name === 'DM') && item.entry && item.clientId !== undefined
			? [{command: item.command, entry: item.entry, clientId: item.clientId, inDoubtAs: item.sentAs}]
			: [],
	);
	return [...unconfirmed, ...state.outbox];
}

function dropConnection(state: ChatState): ChatState {
	return {
		...state,
		me: {...state.me, registered: false},
		outbox: keepUnconfirmed(state),
		// What waited for recipients waits in the outbox for the next registration, and may wait again then.
		recipientWait: undefined,
		inFlight: [],
		outgoing: [],
		// Quitting while the connection goes away: nothing is left to say goodbye to.
		quit: state.quit === 'requested' ? 'done' : state.quit,
	};
}

/** The session is over: nothing will be sent again, so what was not confirmed is said to have failed. */
function stopConnection(state: ChatState): ChatState {
	let next = dropConnection(state);
	for (const item of next.outbox) {
		next = updateMessage(next, item.entry, {
			delivery: 'failed',
			error: item.inDoubtAs === undefined ? 'Not sent: the client stopped.' : UNCONFIRMED,
		});
	}

	return {...next, outbox: []};
}

export function connectionReducer(state: ChatState, event: ConnectionEvent): ChatState {
	switch (event.status) {
		case 'connecting':
			return {
				...state,
				connection: {
					...state.connection,
					status: 'connecting',
					attempt: event.attempt,
					nextRetryAt: undefined,
					host: event.host ?? state.connection.host,
					port: event.port ?? state.connection.port,
				},
			};

		case 'connected':
			return registerIfReady({
				...state,
				connection: {...state.connection, status: 'registering', nextRetryAt: undefined, lastError: undefined},
				me: {...state.me, registered: false},
				inFlight: [],
				outgoing: [],
			});

		case 'offline': {
			const wasRegistered = state.me.registered;
			const dropped = dropConnection(state);
			const offline: ChatState = {
				...dropped,
				connection: {
					...dropped.connection,
					status: 'offline',
					attempt: event.attempt,
					nextRetryAt: event.nextRetryAt,
					lastError: event.error,
					unresolved: event.unresolved === true,
				},
			};
			// Said once when a working connection drops, and once for each new reason a
			// retry fails (a refused connection, an untrusted certificate): the status line
			// has room for only part of a sentence, and retrying with the same reason again
			// and again would bury the conversation.
			if (wasRegistered) {
				return addNoticeHere(
					offline,
					'error',
					`Disconnected: ${event.error} Reconnecting; messages you type are kept and sent when the connection is back.`,
				);
			}

			// A connection that opened and then closed has had its say (a BYE, a notice).
			const connectFailed = state.connection.status === 'connecting';
			return !connectFailed || event.error === state.connection.lastError
				? offline
				: addNoticeHere(offline, 'error', `Cannot connect: ${event.error} Retrying.`);
		}

		case 'stopped': {
			const stopped = stopConnection(state);
			return {...stopped, connection: {...stopped.connection, status: 'stopped', nextRetryAt: undefined}};
		}
	}
}
