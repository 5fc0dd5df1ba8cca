/**
 * The lines that only keep the link checked: the server's PING, and the outcome of
 * the connection's own PINGs. The connection handles them; the session never sees
 * them, so they cannot disturb the order replies are matched to commands in (the
 * state never sends PING, so any OK or ERR for PING answers the connection's probe).
 */
import type {ServerLine} from '../../protocol/index.js';

export function isKeepaliveLine(line: ServerLine): boolean {
	switch (line.type) {
		case 'PING':
			return true;
		case 'OK':
		case 'ERR':
			return line.command === 'PING';
		default:
			return false;
	}
}
