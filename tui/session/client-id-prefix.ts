/**
 * The random start of a session's client message ids. The server deduplicates resends
 * by user name and id, so ids must not repeat across sessions under the same name: 48
 * random bits make a collision between two sessions of a ward practically impossible.
 */
import {randomBytes} from 'node:crypto';

export function newClientIdPrefix(): string {
	return randomBytes(6).toString('base64url');
}
