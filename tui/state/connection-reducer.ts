/**
 * Connection events. Connecting registers (or asks for a name); losing the
 * connection resolves what was in flight honestly: a message written but not
 * confirmed may or may not have reached anyone, and the user is told so.
 */
import type {ConnectionEvent} from '../connection/connection-event.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere, updateMessage} from './conversations.js';
import {enqueue} from './in-flight.js';

const UNCONFIRMED =
	'The connection was lost before the server confirmed this message; it may not have been delivered.';

/** Registers with the wanted name if there is one and the socket is open. */
export function registerIfReady(state: ChatState): ChatState {
	const {me, connection} = state;
	const waiting = state.inFlight.some((item) => item.command.name === 'SET_NAME');
	if (connection.status !== 'registering' || me.registered || me.askingName || !me.wantedName || waiting) {
		return state;
	}

	return enqueue(state, {name: 'SET_NAME', username: me.wantedName}, 'register');
}

function dropConnection(state: ChatState): ChatState {
	let next = state;
	for (const item of state.inFlight) {
		if (item.entry) {
			next = updateMessage(next, item.entry, {delivery: 'failed', error: UNCONFIRMED});
		}
	}

	return {
		...next,
		me: {...next.me, registered: false},
		inFlight: [],
		outgoing: [],
		// Quitting while the connection goes away: nothing is left to say goodbye to.
		quit: next.quit === 'requested' ? 'done' : next.quit,
	};
}

export function connectionReducer(state: ChatState, event: ConnectionEvent): ChatState {
	switch (event.status) {
		case 'connecting':
			return {
				...state,
				connection: {...state.connection, status: 'connecting', attempt: event.attempt, nextRetryAt: undefined},
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
				},
			};
			// Said once when a working connection drops, not on every failed retry.
			return wasRegistered
				? addNoticeHere(
						offline,
						'error',
						`Disconnected: ${event.error} Reconnecting; messages you type are kept and sent when the connection is back.`,
					)
				: offline;
		}

		case 'stopped': {
			const dropped = dropConnection(state);
			return {...dropped, connection: {...dropped.connection, status: 'stopped', nextRetryAt: undefined}};
		}
	}
}
