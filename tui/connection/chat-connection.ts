/**
 * The client's connection to the server: frames and parses server lines, writes
 * commands, keeps the link checked (PING when the server is quiet, PONG when it asks),
 * and reconnects by itself with backoff when the connection fails, drops or goes dead.
 * It knows nothing of names or groups; the session tells it when a registration
 * succeeded, which is what resets the backoff (a server that accepts connections and
 * then drops them must not be hammered).
 */
import {
	formatAddress,
	formatCommand,
	formatTags,
	LineFramer,
	MAX_SERVER_LINE_BYTES,
	parseServerLine,
	quote,
	SilenceWatch,
	terminate,
	type ClientCommand,
	type ServerLine,
	type Tags,
} from '../../protocol/index.js';
import type net from 'node:net';
import {DEFAULT_BACKOFF, nextDelay, type BackoffPolicy} from './backoff.js';
import type {ConnectionEvent} from './connection-event.js';
import {isKeepaliveLine} from './keepalive-lines.js';
import {DEFAULT_LINK_WATCH, LINK_WATCH_TOKEN_PREFIX, type LinkWatchTiming} from './link-watch.js';
import {SYSTEM_SCHEDULER, type ReconnectScheduler} from './scheduler.js';
import {isUnresolved, socketErrorSentence} from './socket-error-sentence.js';
import {PLAIN_TCP, type Transport} from './transport.js';

export interface ConnectionHandlers {
	status(event: ConnectionEvent): void;
	/** Every server line but the keepalive traffic, which the connection handles itself. */
	line(line: ServerLine): void;
	/** Something the server sent that could not be read, in words; the connection goes on. */
	problem(sentence: string): void;
}

export interface ServerAddress {
	readonly host: string;
	readonly port: number;
}

export interface ChatConnectionOptions {
	readonly host: string;
	readonly port: number;
	/**
	 * Other nodes of the same chat (a cluster, docs/CLUSTER.md): after a failed or lost
	 * connection the next attempt goes to the next address, in turn, so a dead node is
	 * left for a live one; any node serves any user, and the session resumes as usual.
	 */
	readonly fallbacks?: readonly ServerAddress[];
	readonly scheduler?: ReconnectScheduler;
	readonly backoff?: BackoffPolicy;
	/** Plain TCP unless told otherwise (tlsTransport). */
	readonly transport?: Transport;
	/** When to PING a quiet server and when to give a silent one up. */
	readonly linkWatch?: LinkWatchTiming;
	/** How long a connect (with its TLS handshake) may take before it counts as failed. */
	readonly connectTimeoutMs?: number;
	/** Idle time before TCP keepalive probes start: the kernel's own, slower, check. */
	readonly keepAliveMs?: number;
}

export class ChatConnection {
	private readonly scheduler: ReconnectScheduler;
	private readonly backoff: BackoffPolicy;
	private readonly transport: Transport;
	private readonly addresses: readonly ServerAddress[];
	/** The address the current (or next) attempt goes to. */
	private current = 0;
	private socket: net.Socket | undefined;
	private watch: SilenceWatch | undefined;
	private open = false;
	private attempt = 0;
	private previousDelay: number | undefined;
	private retryTimer: unknown;
	private stopped = false;
	/** Gives the open connection up, saying why: set while there is one. */
	private hangUp: ((reason: string) => void) | undefined;

	constructor(
		private readonly options: ChatConnectionOptions,
		private readonly handlers: ConnectionHandlers,
	) {
		this.scheduler = options.scheduler ?? SYSTEM_SCHEDULER;
		this.backoff = options.backoff ?? DEFAULT_BACKOFF;
		this.transport = options.transport ?? PLAIN_TCP;
		this.addresses = [{host: options.host, port: options.port}, ...(options.fallbacks ?? [])];
	}

	/** Starts the first attempt. */
	start(): void {
		if (!this.stopped && !this.socket && this.retryTimer === undefined) {
			this.connect();
		}
	}

	/** Writes a command, with tags if given. Returns false when there is no open connection to write it on. */
	send(command: ClientCommand, tags?: Tags): boolean {
		const text = formatTags(tags) + formatCommand(command);
		// A line break inside a command would smuggle a second command past every check.
		if (/[\r\n]/.test(text)) {
			throw new Error(`Refusing to send a command containing a line break: ${command.name}`);
		}

		if (!this.open || !this.socket || !this.socket.writable) {
			return false;
		}

		this.socket.write(terminate(text));
		return true;
	}

	/** A registration succeeded on this connection: the next outage starts backing off from the beginning. */
	registered(): void {
		this.attempt = 0;
		this.previousDelay = undefined;
	}

	/**
	 * Hangs up and reconnects with the usual backoff, `reason` being what the offline
	 * status says: for a connection that works but is of no use yet (the session's name
	 * is still held by a connection the server has not noticed is gone). A fresh
	 * connection per try keeps the server's registration timeout from cutting it off.
	 */
	retry(reason: string): void {
		this.hangUp?.(reason);
	}

	/** Closes the connection and stops reconnecting. */
	stop(): void {
		if (this.stopped) {
			return;
		}

		this.stopped = true;
		if (this.retryTimer !== undefined) {
			this.scheduler.clearTimeout(this.retryTimer);
			this.retryTimer = undefined;
		}

		this.watch?.stop();
		this.watch = undefined;
		this.hangUp = undefined;
		this.socket?.destroy();
		this.socket = undefined;
		this.open = false;
		this.handlers.status({status: 'stopped'});
	}

	private connect(): void {
		this.retryTimer = undefined;
		this.attempt++;
		const {host, port} = this.addresses[this.current]!;
		this.handlers.status(
			this.addresses.length > 1
				? {status: 'connecting', attempt: this.attempt, host, port}
				: {status: 'connecting', attempt: this.attempt},
		);

		const {socket, ready} = this.transport.open(host, port);
		this.socket = socket;
		let failure: NodeJS.ErrnoException | undefined;
		// Set when this side gives the connection up, to say why instead of the socket error.
		let givenUp: string | undefined;
		const hangUp = (reason: string) => {
			givenUp = reason;
			socket.destroy();
		};
		const framer = new LineFramer(MAX_SERVER_LINE_BYTES, {
			line: (text) => this.received(text),
			tooLong: (limit) => this.handlers.problem(`The server sent a line longer than ${limit} bytes; it was skipped.`),
			invalidUtf8: () => this.handlers.problem('The server sent a line that was not valid UTF-8; it was skipped.'),
		});

		socket.setNoDelay(true);
		socket.setKeepAlive(true, this.options.keepAliveMs ?? 15_000);
		socket.setTimeout(this.options.connectTimeoutMs ?? 10_000, () => {
			const timedOut: NodeJS.ErrnoException = new Error('timed out');
			timedOut.code = 'ETIMEDOUT';
			socket.destroy(timedOut);
		});
		socket.on(ready, () => {
			// The timeout guards the connect only: a quiet chat is not a dead one (the watch says when it is).
			socket.setTimeout(0);
			this.open = true;
			this.hangUp = hangUp;
			this.watch = new SilenceWatch(
				this.scheduler,
				this.options.linkWatch ?? DEFAULT_LINK_WATCH,
				{
					probe: (token) => this.send({name: 'PING', token}),
					dead: () => hangUp(`${formatAddress(host, port)} stopped answering; the connection is treated as lost.`),
				},
				LINK_WATCH_TOKEN_PREFIX,
			);
			this.handlers.status({status: 'connected'});
		});
		socket.on('data', (chunk: Buffer) => {
			if (this.socket === socket) {
				this.watch?.heard();
				framer.push(chunk);
			}
		});
		socket.on('error', (error: NodeJS.ErrnoException) => {
			failure = error;
		});
		socket.on('close', () => {
			if (this.socket !== socket) {
				return;
			}

			this.socket = undefined;
			this.open = false;
			this.hangUp = undefined;
			this.watch?.stop();
			this.watch = undefined;
			const transportSays = failure === undefined ? undefined : this.transport.describe?.(failure, host);
			this.current = (this.current + 1) % this.addresses.length;
			this.scheduleRetry(
				givenUp ?? transportSays ?? socketErrorSentence(failure, host, port),
				givenUp === undefined && isUnresolved(failure),
			);
		});
	}

	private received(text: string): void {
		let line: ServerLine;
		try {
			line = parseServerLine(text);
		} catch {
			// Quoted: the line is untrusted and may hold terminal control sequences.
			this.handlers.problem(`The server sent a line this client cannot read: ${quote(text)}`);
			return;
		}

		if (isKeepaliveLine(line)) {
			if (line.type === 'PING') {
				this.send({name: 'PONG', token: line.token});
			}

			return;
		}

		this.handlers.line(line);
	}

	/** `unresolved`: the host's name did not resolve; the retries go on (DNS may catch up), the status says so. */
	private scheduleRetry(error: string, unresolved = false): void {
		if (this.stopped) {
			return;
		}

		const delay = nextDelay(this.previousDelay, this.scheduler.random(), this.backoff);
		this.previousDelay = delay;
		const nextRetryAt = this.scheduler.now() + delay;
		this.retryTimer = this.scheduler.setTimeout(() => this.connect(), delay);
		this.handlers.status({
			status: 'offline',
			attempt: this.attempt,
			nextRetryAt,
			error,
			...(unresolved ? {unresolved} : {}),
		});
	}
}
