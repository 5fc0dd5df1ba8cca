/**
 * One connection as the commands see it: who it is registered as, if anyone, where its
 * replies go, and where it comes from.
 */
import type {Origin} from '../chat/accounts.js';
import type {VerifiedAccount} from '../wire/verified-account.js';
import type {User} from '../chat/user.js';
import type {Peer} from '../wire/peer.js';

export interface Client extends Origin {
	/** The connection id operators see in the log. */
	readonly conn: number;
	readonly peer: Peer;
	/**
	 * This connection's own token: a guest's DMs are stored with it, so they are read by
	 * this connection only, never by whoever takes the name later.
	 */
	readonly session: string;
	/**
	 * The account the server proved this connection's owner holds before it spoke (an SSH
	 * key): SET_NAME of that name logs in to it without a password. Undefined for TCP.
	 */
	readonly verified?: VerifiedAccount | undefined;
	/** Set by SET_NAME; kept after CLOSE so the log can still say who left. */
	user: User | undefined;
	/** Set once the connection is on its way out (CLOSE, or closed): later lines are ignored. */
	ended: boolean;
	/**
	 * Lines that arrived while a command of this connection was still running (a login's
	 * scrypt): run in order once it is done, so a connection's lines keep their order.
	 */
	held: string[] | undefined;
	/** Lines that came past the held ones' limit: each is refused in its turn, after the held lines run. */
	refusedWhileHeld: number;
}

export function newClient(conn: number, peer: Peer, origin: Partial<Origin> = {}, session = `c${conn}`): Client {
	return {
		conn,
		peer,
		session,
		address: origin.address ?? '127.0.0.1',
		secure: origin.secure ?? false,
		user: undefined,
		ended: false,
		held: undefined,
		refusedWhileHeld: 0,
	};
}
