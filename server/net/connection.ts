/**
 * One accepted socket: bytes in through a LineFramer and a rate gate, wire text out
 * with a cap on what may queue up, a keepalive and a registration deadline, and one
 * clear account of how it ended. Whatever happens to this socket (a reset, a client
 * that stops reading, a flood, a bug in a handler) stays with this socket.
 *
 * Output is queued and written once per turn of the event loop (see flusher.ts); fan-out
 * lines arrive as Buffers shared with every other recipient. There is one Connection per
 * socket, thousands of them, so it holds no closures of its own: the socket's listeners
 * are shared functions that find their Connection on the socket.
 */
import type {Socket} from 'node:net';
import {LineFramer, SilenceWatch, type LineSink, type SilenceEvents} from '../../protocol/index.js';
import type {Peer} from '../chat/peer.js';
import {toWire, type SharedWire} from '../chat/wire.js';
import {errorFields, type Logger} from '../log.js';
import {floodBye, idleBye, registrationTimeoutBye, slowConsumerBye} from './byes.js';
import type {ConnectionHandler, ConnectionInfo, ConnectionSession, DisconnectReason} from './connection-handler.js';
import {countMessages} from './count-messages.js';
import type {Deadlines} from './deadlines.js';
import type {Flushable, Flusher} from './flusher.js';
import type {ConnectionPolicy} from './policy.js';
import {RateGate} from './rate-gate.js';
import {rateLimitedReply} from './rate-limited.js';
import type {Scheduler, TimerHandle} from './scheduler.js';

/**
 * Queued output is written at once, without waiting for the end of the turn, when it
 * reaches this many bytes: big fan-outs go out in pieces the client can start reading
 * while the server goes on, and what waits in the queue stays small.
 */
export const FLUSH_BYTES = 64 * 1024;

/**
 * Queued parts this large on average are written as they are (writev) rather than
 * joined: copying them would cost more than the write machinery per part.
 */
const WRITEV_PART_BYTES = 2048;

/** A queue array that held more entries than this is dropped after its write, not kept: idle connections stay small. */
const QUEUE_KEPT = 32;

/** What the edge shares with all its connections. */
export interface EdgeServices {
	readonly flusher: Flusher;
	/** Registration deadlines (undefined: no registration timeout). */
	readonly registrations: Deadlines<Connection> | undefined;
	/** The socket of `connection` has closed; called once. */
	closed(connection: Connection): void;
}

/** With the rate limit off, every connection can share one gate: it never refuses and keeps no state. */
let openGate: RateGate | undefined;

const CONNECTION = Symbol('connection');
type OwnedSocket = Socket & {[CONNECTION]?: Connection};

export class Connection implements Peer, Flushable, LineSink, SilenceEvents {
	/** The connection number operators see in the log. */
	readonly id: number;
	private readonly framer: LineFramer;
	private readonly session: ConnectionSession;
	private readonly gate: RateGate;
	private readonly keepalive: SilenceWatch | undefined;
	/** Ticket of this connection's registration deadline. */
	private registrationTicket = -1;
	/** Whether send() still writes; false once the connection is going away. */
	private sending = true;
	/** Why the connection is going away; undefined while it is in use. */
	private reason: DisconnectReason | undefined;
	private sessionClosed = false;
	private socketClosed = false;
	private closedPromise: Promise<void> | undefined;
	private resolveClosed: (() => void) | undefined;
	private graceTimer: NodeJS.Timeout | undefined;
	/** Set once the client passed the queue cap: nothing more is queued, only counted. */
	private overflowed = false;
	/** MSG and DM lines not queued since the cap was passed. */
	private missed = 0;
	private slowConsumerTimer: TimerHandle | undefined;
	/**
	 * Output queued and not yet written, in order: Buffers shared with the other
	 * recipients of the same fan-out (never copied per recipient until the one write
	 * that coalesces them).
	 */
	private queue: Array<Buffer | undefined> = [];
	/** How many entries of `queue` are in use: the array is reused, not made anew for every write. */
	private queued = 0;
	private queuedBytes = 0;
	/**
	 * Lazy wires given since then, after everything in `queue`: the range [lazyFrom,
	 * lazyEnd) of the flusher's LazyLog, lazyBytes long (0: none).
	 */
	private lazyFrom = 0;
	private lazyEnd = 0;
	private lazyBytes = 0;
	/** Whether the flusher has this connection on its list for the end of this turn. */
	private flushScheduled = false;
	/** Whether the flusher has this connection on its lazy list. */
	private lazyScheduled = false;
	/**
	 * How many more bytes may be queued before the cap has to be looked at again:
	 * maxQueuedBytes minus what the socket held after the last write. The socket only
	 * gives bytes back to the kernel between writes, so this never overstates the room.
	 */
	private room: number;

	constructor(
		private readonly socket: Socket,
		info: ConnectionInfo,
		/** The address connections are counted by (the edge's per-address limit). */
		readonly address: string,
		handler: ConnectionHandler,
		private readonly policy: ConnectionPolicy,
		private readonly log: Logger,
		private readonly scheduler: Scheduler,
		private readonly services: EdgeServices,
	) {
		this.id = info.id;
		// Latency: a line goes out as soon as it is written. Coalescing queued output into
		// one write per turn (see flusher.ts) is what keeps the segment count down.
		socket.setNoDelay(true);
		this.room = policy.maxQueuedBytes;
		this.framer = new LineFramer(policy.maxLineBytes, this);
		this.gate = policy.rate > 0 ? new RateGate(policy, scheduler.now()) : (openGate ??= new RateGate(policy, 0));
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

	/** Resolves once the socket has closed. */
	get closed(): Promise<void> {
		this.closedPromise ??= this.socketClosed
			? Promise.resolve()
			: new Promise((resolve) => {
					this.resolveClosed = resolve;
				});
		return this.closedPromise;
	}

	send(wire: string): void {
		if (!this.sending) {
			if (this.overflowed) {
				this.missed += countMessages(wire);
			}

			return;
		}

		this.enqueue(Buffer.from(wire, 'utf8'));
	}

	/** Peer.sendShared: the fan-out path; the bytes are queued as they are, shared with every other recipient. */
	sendShared(wire: SharedWire): void {
		if (!this.sending) {
			if (this.overflowed) {
				this.missed += wire.messages;
			}

			return;
		}

		if (wire.lazy) {
			this.enqueueLazy(wire);
		} else {
			this.enqueue(wire.bytes);
		}
	}

	/** Flusher: the end of the turn, or the lazy timer; whatever is queued goes out in one write. */
	flushQueued(soon: boolean): void {
		if (soon) {
			this.flushScheduled = false;
		} else {
			this.lazyScheduled = false;
		}

		this.flush();
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
			this.flush();
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

	/** LineSink: a line from the client. Once the connection is going away, lines still in the same chunk are ignored: nothing after CLOSE gets an answer. */
	line(text: string): void {
		if (this.admit(text)) {
			this.session.line(text);
		}
	}

	/** LineSink: a line over the limit. */
	tooLong(limit: number): void {
		if (this.admit(undefined)) {
			this.session.tooLong(limit);
		}
	}

	/** LineSink: a line that is not UTF-8. */
	invalidUtf8(): void {
		if (this.admit(undefined)) {
			this.session.invalidUtf8();
		}
	}

	/** SilenceEvents (the keepalive): silent for half the idle timeout. */
	probe(token: string): void {
		this.send(toWire({type: 'PING', token, text: `Reply PONG ${token} (or send anything) to stay connected.`}));
	}

	/** SilenceEvents (the keepalive): silent for all of it. */
	dead(): void {
		this.log.info('idle', {conn: this.id, timeout: this.policy.idleTimeoutMs});
		this.close(
			this.overflowed ? 'slow_consumer' : 'idle',
			this.overflowed ? slowConsumerBye(this.missed) : idleBye(this.policy.idleTimeoutMs),
		);
	}

	/** The registration deadline came (Deadlines). */
	registrationDue(): void {
		this.registrationTicket = -1;
		if (this.session.isRegistered?.() === false) {
			this.log.info('registration_timeout', {conn: this.id, timeout: this.policy.registerTimeoutMs});
			this.close('registration_timeout', registrationTimeoutBye(this.policy.registerTimeoutMs));
		}
	}

	/** Queues bytes for the end of the turn, after any lazy lines given before them. */
	private enqueue(bytes: Buffer): void {
		if (this.lazyBytes > 0) {
			this.queueLazyRange();
		}

		this.queue[this.queued++] = bytes;
		this.queuedBytes += bytes.length;
		if (!this.flushScheduled) {
			this.flushScheduled = true;
			this.services.flusher.schedule(this);
		}

		this.checkRoom();
	}

	/** Adds a lazy wire to this connection's range of the lazy log; it goes out with the next write. */
	private enqueueLazy(wire: SharedWire): void {
		const log = this.services.flusher.lazyLog;
		const index = log.add(wire);
		if (this.lazyBytes === 0) {
			log.hold();
			this.lazyFrom = index;
		} else if (index !== this.lazyEnd) {
			// Left out of a wire in between (an event about itself): the range so far is queued, a new one starts.
			this.queueLazyRange();
			log.hold();
			this.lazyFrom = index;
		}

		this.lazyEnd = index + 1;
		this.lazyBytes += wire.bytes.length;
		// Every holder of a range is on the lazy list, so after a lazy run none is left and the log empties.
		if (!this.lazyScheduled) {
			this.lazyScheduled = true;
			this.services.flusher.scheduleLazy(this);
		}

		this.checkRoom();
	}

	/**
	 * Past FLUSH_BYTES, or past the room left under the cap, what is queued is written at
	 * once (the kernel takes what it can, as it would have without coalescing) and the cap
	 * is judged on what the socket still holds: exact bytes, not an estimate.
	 */
	private checkRoom(): void {
		const pending = this.queuedBytes + this.lazyBytes;
		if (pending >= FLUSH_BYTES || pending > this.room) {
			this.flush();
			if (this.socket.writableLength > this.policy.maxQueuedBytes) {
				this.overflow();
			}
		}
	}

	/** Moves the lazy range into the queue: a slice of the lazy log, shared with every other connection's. */
	private queueLazyRange(): void {
		const log = this.services.flusher.lazyLog;
		this.queue[this.queued++] = log.bytes(this.lazyFrom, this.lazyEnd);
		this.queuedBytes += this.lazyBytes;
		this.lazyBytes = 0;
		log.release();
	}

	/**
	 * Writes everything queued in one go: one Buffer as it is (a lazy range alone is a
	 * slice of the lazy log, shared), small parts joined (one copy, one write), large
	 * parts (a lazy range with a message after it, a HISTORY reply) handed to the kernel
	 * as they are in one writev, with no copy.
	 */
	private flush(): void {
		if (this.lazyBytes > 0) {
			this.queueLazyRange();
		}

		const count = this.queued;
		if (count === 0) {
			return;
		}

		const {queue, queuedBytes} = this;
		if (!this.socket.destroyed && !this.socket.writableEnded) {
			try {
				if (count === 1) {
					this.socket.write(queue[0]!);
				} else if (queuedBytes < WRITEV_PART_BYTES * count) {
					this.socket.write(this.services.flusher.joins.join(queue, count, queuedBytes));
				} else {
					this.socket.cork();
					for (let index = 0; index < count; index++) {
						this.socket.write(queue[index]!);
					}

					this.socket.uncork();
				}
			} catch (error) {
				// socket.write reports failures through 'error'; this is a safety net for a bug.
				this.log.error('error', {conn: this.id, ...errorFields(error, {stack: true})});
			}

			this.room = this.policy.maxQueuedBytes - this.socket.writableLength;
		}

		this.clearQueue();
	}

	/** Lets go of what was queued; the array is kept for the next turn unless a burst made it large. */
	private clearQueue(): void {
		if (this.queued > QUEUE_KEPT) {
			this.queue = [];
		} else {
			for (let index = 0; index < this.queued; index++) {
				this.queue[index] = undefined;
			}
		}

		this.queued = 0;
		this.queuedBytes = 0;
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
			this.log.warn('flood', {conn: this.id, refused: this.gate.refusalsInRow});
			this.close('flood', floodBye(this.policy.rate));
			return false;
		}

		if (this.gate.refusalsInRow === 1) {
			// Once per streak: a flood must not become a flood of log lines.
			this.log.warn('rate_limited', {conn: this.id, rate: this.policy.rate, burst: this.policy.burst});
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
			conn: this.id,
			queued: this.socket.writableLength,
			limit: this.policy.maxQueuedBytes,
		});
		const cut = () => this.close('slow_consumer', slowConsumerBye(this.missed));
		if (this.socket.writableNeedDrain) {
			this.socket.once('drain', cut);
		} else {
			// Only with a cap below the socket's own high-water mark: no 'drain' will come.
			setImmediate(cut);
		}

		this.slowConsumerTimer = this.scheduler.setTimeout(cut, this.policy.slowConsumerCutMs);
	}

	private receive(chunk: Buffer): void {
		// Any byte is a sign of life, a line still on its way included.
		this.keepalive?.heard();
		try {
			this.framer.push(chunk);
		} catch (error) {
			// Commands have their own safety net; this one catches a bug in framing or in
			// the session, so it is logged and the server goes on.
			this.log.error('error', {conn: this.id, ...errorFields(error, {stack: true})});
		}
	}

	private failed(error: Error): void {
		this.log.warn('error', {conn: this.id, ...errorFields(error)});
		this.dropQueue();
		if (this.reason === undefined) {
			this.reason = 'error';
			this.sending = false;
			this.stopTimers();
			this.closeSession('error');
		}
	}

	private finished(): void {
		clearTimeout(this.graceTimer);
		this.dropQueue();
		this.stopTimers();
		// A socket can close with no 'end' and no 'error' (destroyed by the server itself).
		this.closeSession(this.reason ?? 'eof');
		this.socketClosed = true;
		this.resolveClosed?.();
		this.services.closed(this);
	}

	/** The socket is gone: nothing queued can be written any more. */
	private dropQueue(): void {
		this.clearQueue();
		if (this.lazyBytes > 0) {
			this.lazyBytes = 0;
			this.services.flusher.lazyLog.release();
		}
	}

	private stopTimers(): void {
		this.keepalive?.stop();
		if (this.registrationTicket !== -1) {
			this.services.registrations?.cancel(this.registrationTicket);
			this.registrationTicket = -1;
		}

		if (this.slowConsumerTimer !== undefined) {
			this.scheduler.clearTimeout(this.slowConsumerTimer);
			this.slowConsumerTimer = undefined;
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
			this.log.error('error', {conn: this.id, ...errorFields(error, {stack: true})});
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
