/**
 * One connection as the commands see it: who it is registered as, if anyone, and
 * where its replies go.
 */
import type {User} from '../chat/user.js';
import type {Peer} from '../wire/peer.js';

export interface Client {
	/** The connection id operators see in the log. */
	readonly conn: number;
	readonly peer: Peer;
	/** Set by SET_NAME; kept after CLOSE so the log can still say who left. */
	user: User | undefined;
	/** Set once the connection is on its way out (CLOSE): later lines are ignored. */
	ended: boolean;
}

export function newClient(conn: number, peer: Peer): Client {
	return {conn, peer, user: undefined, ended: false};
}
