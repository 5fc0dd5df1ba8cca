/** The goodbyes the edge sends when it closes a connection on its own. */
import type {Bye} from '../../protocol/index.js';
import {counted} from '../plural.js';
import {toWire} from '../wire/to-wire.js';

export const SHUTDOWN_TEXT = 'The server is shutting down.';
export const SHUTDOWN_BYE = toWire({type: 'BYE', reason: 'SHUTDOWN', text: SHUTDOWN_TEXT});

/** "120 seconds", "1 second", "0.5 seconds". */
export function seconds(ms: number): string {
	const value = Math.round(ms / 100) / 10;
	return counted(value, 'second');
}

export function slowConsumerBye(missed: number): string {
	const what = missed === 1 ? '1 message was' : `${missed} messages were`;
	return toWire({
		type: 'BYE',
		reason: 'SLOW_CONSUMER',
		text: `You were not reading; ${what} not delivered to you. Reconnect and send HISTORY <last-id> to fetch them.`,
	});
}

export function idleBye(idleMs: number): string {
	return toWire({
		type: 'BYE',
		reason: 'IDLE',
		text: `Nothing came from you for ${seconds(idleMs)}; the connection is closed. Reconnect to continue.`,
	});
}

export function floodBye(rate: number): string {
	return toWire({
		type: 'BYE',
		reason: 'FLOOD',
		text: `You kept sending far faster than ${rate} commands a second after being told to slow down; the connection is closed.`,
	});
}

export function registrationTimeoutBye(timeoutMs: number): string {
	return toWire({
		type: 'BYE',
		reason: 'REGISTRATION_TIMEOUT',
		text: `You did not register within ${seconds(timeoutMs)}. Reconnect and send SET_NAME <name>.`,
	});
}

/** Refusals of a new connection (edge.ts): lines, not wire text, so the edge can also say why in words. */
export function tooManyConnections(limit: number): Bye {
	return {
		type: 'BYE',
		reason: 'TOO_MANY_CONNECTIONS',
		text: `The server has all the connections it takes (${limit}); try again later.`,
	};
}

export function tooManyFromAddress(limit: number): Bye {
	return {
		type: 'BYE',
		reason: 'TOO_MANY_CONNECTIONS',
		text: `Your address has all the connections the server takes from one address (${limit}); close one and try again.`,
	};
}
