/**
 * One accepted socket: bytes in through a LineFramer, wire text out with a cap on what
 * may queue up, and one clear account of how it ended. Whatever happens to this socket
 * (a reset, a client that stops reading, a bug in a handler) stays with this socket.
 */
import type {Socket} from 'node:net';
import {LineFramer} from '../../protocol/index.js';
import type {Peer} from '../chat/peer.js';
import {errorFields, type Logger} from '../log.js';
import {slowConsumerBye} from './byes.js';
import type {ConnectionHandler, ConnectionInfo, ConnectionSession, DisconnectReason} from './connection-handler.js';
import type {ConnectionPolicy} from './policy.js';

export class Connection implements Peer {
	/** Resolves once the socket has closed. */
	readonly closed: Promise<void>;
	private readonly framer: LineFramer;
	private readonly session: ConnectionSession;
	/** Whether send() still writes; false once the connection is going away. */
	private sending = true;
	/** Why the connection is going away; undefined while it is in use. */
	private reason: DisconnectReason | undefined;
	private sessionClosed = false;
	private graceTimer: NodeJS.Timeout | undefined;

	constructor(
		private readonly socket: Socket,
		readonly info: ConnectionInfo,
		handler: ConnectionHandler,
		private readonly policy: ConnectionPolicy,
		private readonly log: Logger,
	) {
		socket.setNoDelay(true);
		// Once the connection is going away, lines still in the same chunk are ignored:
		// nothing after CLOSE gets an answer.
		this.framer = new LineFramer(policy.maxLineBytes, {
			line: (text) => {
				if (this.reason === undefined) {
					this.session.line(text);
				}
			},
			tooLong: (limit) => {
				if (this.reason === undefined) {
					this.session.tooLong(limit);
				}
			},
			invalidUtf8: () => {
				if (this.reason === undefined) {
					this.session.invalidUtf8();
				}
			},
		});
		this.closed = new Promise((resolve) => socket.once('close', resolve));
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
		socket.on('end', () => this.close('eof'));
		socket.on('error', (error) => this.failed(error));
		socket.on('close', () => this.finished());
		this.session = handler.open(this, info);
	}

	send(wire: string): void {
		if (!this.sending) {
			return;
		}

		this.socket.write(wire);
		if (this.socket.writableLength > this.policy.maxQueuedBytes) {
			this.log.warn('slow_consumer', {
				conn: this.info.id,
				queued: this.socket.writableLength,
				limit: this.policy.maxQueuedBytes,
			});
			this.close('slow_consumer', slowConsumerBye(this.policy.maxQueuedBytes));
		}
	}

	/** Peer.end: the chat is done with this client (CLOSE). */
	end(): void {
		this.close('close');
	}

	/** Stops sending anything but a goodbye; the first step of a shutdown. */
	mute(): void {
		this.sending = false;
	}

	/**
	 * Ends the connection: `bye` (if any) goes after everything already queued, the
	 * socket is ended, and destroyed if the client has not taken it all within the
	 * grace period. The session hears of it at once, not when the socket finally closes.
	 */
	close(reason: DisconnectReason, bye?: string): void {
		if (this.reason !== undefined) {
			return;
		}

		this.reason = reason;
		this.sending = false;
		if (!this.socket.destroyed) {
			if (bye) {
				this.socket.end(bye);
			} else {
				this.socket.end();
			}

			this.graceTimer = setTimeout(() => this.socket.destroy(), this.policy.closeGraceMs);
		}

		// Deferred: close() can be reached from send() in the middle of a fan-out, and
		// the session's reaction (an OFFLINE fan-out) must not run inside that loop.
		queueMicrotask(() => this.closeSession(reason));
	}

	private receive(chunk: Buffer): void {
		try {
			this.framer.push(chunk);
		} catch (error) {
			// Commands have their own safety net; this one catches a bug in framing or in
			// the session, so it is logged and the server goes on.
			this.log.error('error', {conn: this.info.id, ...errorFields(error, {stack: true})});
		}
	}

	private failed(error: Error): void {
		this.log.warn('error', {conn: this.info.id, ...errorFields(error)});
		if (this.reason === undefined) {
			this.reason = 'error';
			this.sending = false;
			this.closeSession('error');
		}
	}

	private finished(): void {
		clearTimeout(this.graceTimer);
		// A socket can close with no 'end' and no 'error' (destroyed by the server itself).
		this.closeSession(this.reason ?? 'eof');
	}

	private closeSession(reason: DisconnectReason): void {
		if (this.sessionClosed) {
			return;
		}

		this.sessionClosed = true;
		try {
			this.session.closed(reason);
		} catch (error) {
			this.log.error('error', {conn: this.info.id, ...errorFields(error, {stack: true})});
		}
	}
}
