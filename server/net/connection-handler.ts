/**
 * The port between the network edge and what runs over it. The edge turns bytes into
 * lines and knows why a connection ended; the handler knows what lines mean. Neither
 * sees the other's insides, which is what lets the chat be tested without sockets and
 * the edge be reused for a TLS listener.
 */
import type {LineSink} from '../../protocol/index.js';
import type {VerifiedAccount} from '../wire/verified-account.js';
import type {Peer} from '../wire/peer.js';

/** Why a connection ended, as the log shows it. */
export type DisconnectReason =
	/** The client sent CLOSE. */
	| 'close'
	/** The client closed its side without CLOSE. */
	| 'eof'
	/** The socket failed (ECONNRESET, EPIPE, ...). */
	| 'error'
	/** The client did not read and too much was queued for it. */
	| 'slow_consumer'
	/** Nothing came from the client for the whole idle timeout. */
	| 'idle'
	/** The client kept sending far past the rate limit. */
	| 'flood'
	/** The client did not register in time. */
	| 'registration_timeout'
	/** The server is shutting down. */
	| 'shutdown';

export interface ConnectionInfo {
	readonly id: number;
	/** host:port of the client, for the log. */
	readonly remote: string;
	/** The client's address, an IPv4 address seen through IPv6 as itself: a password is accepted from loopback. */
	readonly address: string;
	/** Whether the connection is TLS: a password is accepted over it from anywhere. */
	readonly secure: boolean;
	/** Set only for an SSH session: SET_NAME of this account logs in without a password. */
	readonly verified?: VerifiedAccount;
}

export interface ConnectionSession extends LineSink {
	/**
	 * The client's first line has come (a command, or a line too long or not UTF-8),
	 * before anything answers it: the moment to greet the client. Called once. Nothing
	 * goes to a client before its first line (docs/PROTOCOL.md, "Connecting").
	 */
	firstLine?(): void;
	/** Called exactly once, as soon as the connection is known to be going away. */
	closed(reason: DisconnectReason): void;
	/**
	 * Whether the client has registered, asked when the registration timeout comes. A
	 * session without it is never timed out for that.
	 */
	isRegistered?(): boolean;
}

export interface ConnectionHandler {
	open(peer: Peer, info: ConnectionInfo): ConnectionSession;
}
