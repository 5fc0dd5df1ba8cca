/** The goodbyes the edge sends when it closes a connection on its own. */
import {toWire} from '../chat/wire.js';

export const SHUTDOWN_BYE = toWire({type: 'BYE', reason: 'SHUTDOWN', text: 'The server is shutting down.'});

export function slowConsumerBye(limit: number): string {
	return toWire({
		type: 'BYE',
		reason: 'SLOW_CONSUMER',
		text: `You fell behind: more than ${limit} bytes were waiting for you to read. Reconnect to continue.`,
	});
}
