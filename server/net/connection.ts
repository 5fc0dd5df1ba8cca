/**
 * One accepted socket: bytes in through a LineFramer and a rate gate, wire text out
 * with a cap on what may queue up, a keepalive and a registration deadline, and one
 * clear account of how it ended. Whatever happens to this socket (a reset, a client
 * that stops reading, a flood, a bug in a handler) stays with this socket.
 */
import type {Socket} from 'node:net';
import {LineFramer} from '../../protocol/index.js';
import type {Peer} from '../chat/peer.js';
import {toWire} from '../chat/wire.js';
import {errorFields, type Logger} from '../log.js';
import {floodBye, idleBye, registrationTimeoutBye, slowConsumerBye} from './byes.js';
import type {ConnectionHandler, ConnectionInfo, ConnectionSession, DisconnectReason} from './connection-handler.js';
import {countMessages} from './count-messages.js';
import {Keepalive} from './keepalive.js';
import type {ConnectionPolicy} from './policy.js';
import {RateGate} from './rate-gate.js';
import {rateLimitedReply} from './rate-limited.js';
import type {Scheduler, TimerHandle} from './scheduler.js';

export class Connection implements Peer {
	/** Resolves once the socket has closed. */
	readonly closed: Promise<void>;
	private readonly framer: LineFramer;
	private readonly session: ConnectionSession;
	private readonly gate: RateGate;
	private readonly keepalive: Keepalive | undefined;
	private registrationTimer: TimerHandle | undefined;
	/** Whether send() still writes; false once the connection is going away. */
	private sending = true;
	/** Why the connection is going away; undefined while it is in use. */
	private reason: DisconnectReason | undefined;
	private sessionClosed = false;
	private graceTimer: NodeJS.Timeout | undefined;
	/** Set once the client passed the queue cap: nothing more is queued, only counted. */
	private overflowed = false;
	/** MSG and DM lines not queued since the cap was passed. */
	private missed = 0;
	private slowConsumerTimer: TimerHandle | undefined;

	constructor(
		private readonly socket: Socket,
		readonly info: ConnectionInfo,
		handler: ConnectionHandler,
		private readonly policy: ConnectionPolicy,
		private readonly log: Logger,
		private readonly scheduler: Scheduler,
	) {
		socket.setNoDelay(true);
		// Once the connection is going away, lines still in the same chunk are ignored:
		// nothing after CLOSE gets an answer.
		this.framer = new LineFramer(policy.maxLineBytes, {
			line: (text) => {
				if (this.admit(text)) {
					this.session.line(text);
				}
			},
			tooLong: (limit) => {
				if (this.admit(undefined)) {
					this.session.tooLong(limit);
				}
			},
			invalidUtf8: () => {
				if (this.admit(undefined)) {
					this.session.invalidUtf8();
				}
			},
		});
		this.gate = new RateGate(policy, scheduler.now());
		this.closed = new Promise((resolve) => socket.once('close', resolve));
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
		socket.on('end', () => this.close('eof'));
		socket.on('error', (error) => this.failed(error));
		socket.on('close', () => this.finished());
		this.session = handler.open(this, info);
		if (policy.idleTimeoutMs > 0) {
			this.keepalive = new Keepalive(scheduler, policy.idleTimeoutMs, {
				ping: (token) => this.send(ping(token)),
				idle: () => this.idle(),
			});
		}

		if (policy.registerTimeoutMs > 0 && this.session.isRegistered) {
			this.registrationTimer = scheduler.setTimeout(() => this.registrationDue(), policy.registerTimeoutMs);
		}
	}

	send(wire: string): void {
		if (!this.sending) {
			if (this.overflowed) {
				this.missed += countMessages(wire);
			}

			return;
		}

		this.socket.write(wire);
		if (this.socket.writableLength > this.policy.maxQueuedBytes) {
			this.overflow();
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
		this.stopTimers();
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

	/** Whether a line (undefined: a line refused before it was read) may go to the session. */
	private admit(text: string | undefined): boolean {
		if (this.reason !== undefined || this.overflowed) {
			return false;
		}

		const admission = this.gate.admit(this.scheduler.now());
		if (admission === 'run') {
			return true;
		}

		if (admission === 'flood') {
			this.log.warn('flood', {conn: this.info.id, refused: this.gate.refusalsInRow});
			this.close('flood', floodBye(this.policy.rate));
			return false;
		}

		if (this.gate.refusalsInRow === 1) {
			// Once per streak: a flood must not become a flood of log lines.
			this.log.warn('rate_limited', {conn: this.info.id, rate: this.policy.rate, burst: this.policy.burst});
		}

		const reply = rateLimitedReply(text, this.policy.rate, this.policy.burst);
		if (reply) {
			this.send(reply);
		}

		return false;
	}

	/**
	 * The client passed the queue cap. Nothing more is queued for it, and its lines are
	 * no longer run (it resends what got no OK); the messages it misses are counted, and
	 * it is cut off with that count as soon as it has read what was queued, or after
	 * slowConsumerCutMs if it does not.
	 */
	private overflow(): void {
		this.sending = false;
		this.overflowed = true;
		this.log.warn('slow_consumer', {
			conn: this.info.id,
			queued: this.socket.writableLength,
			limit: this.policy.maxQueuedBytes,
		});
		const cut = () => this.close('slow_consumer', slowConsumerBye(this.missed));
		this.socket.once('drain', cut);
		this.slowConsumerTimer = this.scheduler.setTimeout(cut, this.policy.slowConsumerCutMs);
	}

	private idle(): void {
		this.log.info('idle', {conn: this.info.id, timeout: this.policy.idleTimeoutMs});
		this.close(
			this.overflowed ? 'slow_consumer' : 'idle',
			this.overflowed ? slowConsumerBye(this.missed) : idleBye(this.policy.idleTimeoutMs),
		);
	}

	private registrationDue(): void {
		this.registrationTimer = undefined;
		if (this.session.isRegistered?.() === false) {
			this.log.info('registration_timeout', {conn: this.info.id, timeout: this.policy.registerTimeoutMs});
			this.close('registration_timeout', registrationTimeoutBye(this.policy.registerTimeoutMs));
		}
	}

	private receive(chunk: Buffer): void {
		// Any byte is a sign of life, a line still on its way included.
		this.keepalive?.heard();
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
			this.stopTimers();
			this.closeSession('error');
		}
	}

	private finished(): void {
		clearTimeout(this.graceTimer);
		this.stopTimers();
		// A socket can close with no 'end' and no 'error' (destroyed by the server itself).
		this.closeSession(this.reason ?? 'eof');
	}

	private stopTimers(): void {
		this.keepalive?.stop();
		for (const timer of [this.registrationTimer, this.slowConsumerTimer]) {
			if (timer !== undefined) {
				this.scheduler.clearTimeout(timer);
			}
		}

		this.registrationTimer = undefined;
		this.slowConsumerTimer = undefined;
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

function ping(token: string): string {
	return toWire({type: 'PING', token, text: `Reply PONG ${token} (or send anything) to stay connected.`});
}
