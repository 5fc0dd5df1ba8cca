/**
 * One accepted socket: bytes in through a LineFramer and a rate gate, wire text out
 * with a cap on what may queue up, a keepalive and a registration deadline, and one
 * clear account of how it ended. Whatever happens to this socket (a reset, a client
 * that stops reading, a flood, a bug in a handler) stays with this socket.
 *
 * Its collaborators each hold one of those ideas: output goes through its OutputQueue
 * (output-queue.ts), written once per turn of the event loop, fan-out lines arriving as
 * Buffers shared with every other recipient; the rate limit is the edge's RateAdmission
 * (rate-admission.ts) over this connection's RateGate; a client past the queue cap gets
 * a SlowConsumer (slow-consumer.ts) that counts what it misses and cuts it off. There
 * is one Connection per socket, thousands of them, so it holds no closures of its own:
 * the socket's listeners are shared functions that find their Connection on the socket.
 */
import type {Socket} from 'node:net';
import {LineFramer, SilenceWatch, type LineSink, type Scheduler, type SilenceEvents} from '../../protocol/index.js';
import {errorFields, type Logger} from '../log.js';
import type {Peer} from '../wire/peer.js';
import type {SharedWire} from '../wire/shared-wire.js';
import {toWire} from '../wire/to-wire.js';
import {idleBye, registrationTimeoutBye} from './byes.js';
import type {ConnectionHandler, ConnectionInfo, ConnectionSession, DisconnectReason} from './connection-handler.js';
import type {Deadlines} from './deadlines.js';
import type {Flusher} from './flusher.js';
import {OutputQueue, type OutputQueueOwner} from './output-queue.js';
import type {ConnectionPolicy} from './policy.js';
import type {RateAdmission} from './rate-admission.js';
import type {RateGate} from './rate-gate.js';
import {SlowConsumer} from './slow-consumer.js';

/** What the edge shares with all its connections: held once, not in a field of each (there are thousands). */
export interface EdgeServices {
	readonly policy: ConnectionPolicy;
	readonly log: Logger;
	readonly scheduler: Scheduler;
	readonly flusher: Flusher;
	/** The rate limit, for every connection. */
	readonly admission: RateAdmission;
	/** Registration deadlines (undefined: no registration timeout). */
	readonly registrations: Deadlines<Connection> | undefined;
	/** The socket of `connection` has closed; called once. */
	closed(connection: Connection): void;
}

const CONNECTION = Symbol('connection');
type OwnedSocket = Socket & {[CONNECTION]?: Connection};

/** The connection that took this socket, if one did. */
export function connectionOf(socket: Socket): Connection | undefined {
	return (socket as OwnedSocket)[CONNECTION];
}

export class Connection implements Peer, OutputQueueOwner, LineSink, SilenceEvents {
	/** The connection number operators see in the log. */
	readonly id: number;
	private readonly framer: LineFramer;
	private readonly session: ConnectionSession;
	private readonly gate: RateGate;
	private readonly keepalive: SilenceWatch | undefined;
	/** Ticket of this connection's registration deadline. */
	private registrationTicket = -1;
	/**
	 * Whether a line has come from the client. Until then the edge says nothing to it
	 * either: no PING, and a connection closed before it spoke gets no BYE (only a
	 * connection refused at once, in edge.ts, is told why).
	 */
	private spoken = false;
	/** Whether send() still writes; false once the connection is going away. */
	private sending = true;
	/** Why the connection is going away; undefined while it is in use. */
	private reason: DisconnectReason | undefined;
	private sessionClosed = false;
	private graceTimer: NodeJS.Timeout | undefined;
	/** Set once the client passed the queue cap: nothing more is queued, only counted. */
	private slow: SlowConsumer | undefined;
	/** What is queued for the client and not yet written. */
	private readonly output: OutputQueue;
	constructor(
		private readonly socket: Socket,
		info: ConnectionInfo,
		/** The address connections are counted by (the edge's per-address limit). */
		readonly address: string,
		handler: ConnectionHandler,
		private readonly services: EdgeServices,
	) {
		const {policy, scheduler} = services;
		this.id = info.id;
		// Latency: a line goes out as soon as it is written. Coalescing queued output into
		// one write per turn (see flusher.ts) is what keeps the segment count down.
		socket.setNoDelay(true);
		this.output = new OutputQueue(socket, services.flusher, policy.maxQueuedBytes, this);
		this.framer = new LineFramer(policy.maxLineBytes, this);
		this.gate = services.admission.newGate();
		(socket as OwnedSocket)[CONNECTION] = this;
		socket.on('data', Connection.onData);
		socket.on('end', Connection.onEnd);
		socket.on('error', Connection.onError);
		socket.on('close', Connection.onClose);
		this.session = handler.open(this, info);
		if (policy.idleTimeoutMs > 0) {
			// Silent for half the idle timeout: PING; silent for all of it: dropped.
			const half = policy.idleTimeoutMs / 2;
			this.keepalive = new SilenceWatch(scheduler, {idleMs: half, answerMs: half}, this);
		}

		if (services.registrations && this.session.isRegistered) {
			this.registrationTicket = services.registrations.add(this);
		}
	}

	send(wire: string, messages = 0): void {
		if (!this.sending) {
			this.slow?.missedMessages(messages);
			return;
		}

		if (!this.output.add(Buffer.from(wire, 'utf8'))) {
			this.overflow();
		}
	}

	/** Peer.sendShared: the fan-out path; the bytes are queued as they are, shared with every other recipient. */
	sendShared(wire: SharedWire): void {
		if (!this.sending) {
			this.slow?.missedMessages(wire.messages);
			return;
		}

		if (!(wire.lazy ? this.output.addLazy(wire) : this.output.add(wire.bytes))) {
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
			// Everything queued before the goodbye goes before it.
			this.output.flush();
			// A client that has not spoken is not spoken to, not even to say goodbye.
			if (bye && this.spoken) {
				this.socket.end(bye);
			} else {
				this.socket.end();
			}

			this.graceTimer = setTimeout(() => this.socket.destroy(), this.services.policy.closeGraceMs);
		}

		// Deferred: close() can be reached from send() in the middle of a fan-out, and
		// the session's reaction (an OFFLINE fan-out) must not run inside that loop.
		queueMicrotask(() => this.closeSession(reason));
	}

	/** LineSink: a line from the client. Once the connection is going away, lines still in the same chunk are ignored: nothing after CLOSE gets an answer. */
	line(text: string): void {
		this.heardLine();
		if (this.admit(text)) {
			this.session.line(text);
			// Registered (SET_NAME answered at once): the deadline is let go of now rather than
			// held until it comes, a minute later, for every connection of a registration storm.
			// A login that finishes later (scrypt) is checked when the deadline comes, as before.
			if (this.registrationTicket !== -1 && this.session.isRegistered?.() === true) {
				this.cancelRegistrationDeadline();
			}
		}
	}

	/** LineSink: a line over the limit. */
	tooLong(limit: number): void {
		this.heardLine();
		if (this.admit(undefined)) {
			this.session.tooLong(limit);
		}
	}

	/** LineSink: a line that is not UTF-8. */
	invalidUtf8(): void {
		this.heardLine();
		if (this.admit(undefined)) {
			this.session.invalidUtf8();
		}
	}

	/** SilenceEvents (the keepalive): silent for half the idle timeout. */
	probe(token: string): void {
		// A client that never spoke is not PINGed: it is dropped, silently, at the whole timeout.
		if (!this.spoken) {
			return;
		}

		this.send(toWire({type: 'PING', token, text: `Reply PONG ${token} (or send anything) to stay connected.`}));
	}

	/** SilenceEvents (the keepalive): silent for all of it. */
	dead(): void {
		const {log, policy} = this.services;
		log.info('idle', {conn: this.id, timeout: policy.idleTimeoutMs});
		this.close(this.slow ? 'slow_consumer' : 'idle', this.slow ? this.slow.bye() : idleBye(policy.idleTimeoutMs));
	}

	/** The registration deadline came (Deadlines). */
	registrationDue(): void {
		this.registrationTicket = -1;
		if (this.session.isRegistered?.() === false) {
			const {log, policy} = this.services;
			log.info('registration_timeout', {conn: this.id, timeout: policy.registerTimeoutMs});
			this.close('registration_timeout', registrationTimeoutBye(policy.registerTimeoutMs));
		}
	}

	/** OutputQueueOwner: socket.write threw, which it should never do (it reports failures through 'error'). */
	writeFailed(error: unknown): void {
		this.services.log.error('error', {conn: this.id, ...errorFields(error, {stack: true})});
	}

	/** A line came: the first one lets the session greet the client, before anything answers it. */
	private heardLine(): void {
		if (this.spoken || this.reason !== undefined) {
			return;
		}

		this.spoken = true;
		this.session.firstLine?.();
	}

	/** Whether a line (undefined: a line refused before it was read) may go to the session. */
	private admit(text: string | undefined): boolean {
		if (this.reason !== undefined || this.slow) {
			return false;
		}

		return this.services.admission.admit(this, this.gate, text);
	}

	/** The client passed the queue cap: from now on it is a slow consumer (slow-consumer.ts). */
	private overflow(): void {
		this.sending = false;
		const {policy, log, scheduler} = this.services;
		this.slow = new SlowConsumer(this, this.socket, policy, log, scheduler);
	}

	private receive(chunk: Buffer): void {
		// Any byte is a sign of life, a line still on its way included.
		this.keepalive?.heard();
		try {
			this.framer.push(chunk);
		} catch (error) {
			// Commands have their own safety net; this one catches a bug in framing or in
			// the session, so it is logged and the server goes on.
			this.services.log.error('error', {conn: this.id, ...errorFields(error, {stack: true})});
		}
	}

	private failed(error: Error): void {
		this.services.log.warn('error', {conn: this.id, ...errorFields(error)});
		this.output.drop();
		if (this.reason === undefined) {
			this.reason = 'error';
			this.sending = false;
			this.stopTimers();
			this.closeSession('error');
		}
	}

	private finished(): void {
		clearTimeout(this.graceTimer);
		this.output.drop();
		this.stopTimers();
		// A socket can close with no 'end' and no 'error' (destroyed by the server itself).
		this.closeSession(this.reason ?? 'eof');
		this.services.closed(this);
	}

	private stopTimers(): void {
		this.keepalive?.stop();
		this.cancelRegistrationDeadline();
		this.slow?.stop();
	}

	private cancelRegistrationDeadline(): void {
		if (this.registrationTicket !== -1) {
			this.services.registrations?.cancel(this.registrationTicket);
			this.registrationTicket = -1;
		}
	}

	private closeSession(reason: DisconnectReason): void {
		if (this.sessionClosed) {
			return;
		}

		this.sessionClosed = true;
		try {
			this.session.closed(reason);
		} catch (error) {
			this.services.log.error('error', {conn: this.id, ...errorFields(error, {stack: true})});
		}
	}

	// The socket's listeners: one function each for all sockets, `this` being the socket.
	private static onData(this: OwnedSocket, chunk: Buffer): void {
		this[CONNECTION]!.receive(chunk);
	}

	private static onEnd(this: OwnedSocket): void {
		this[CONNECTION]!.close('eof');
	}

	private static onError(this: OwnedSocket, error: Error): void {
		this[CONNECTION]!.failed(error);
	}

	private static onClose(this: OwnedSocket): void {
		this[CONNECTION]!.finished();
	}
}
