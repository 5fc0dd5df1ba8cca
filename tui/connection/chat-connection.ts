/**
 * The client's TCP connection: frames and parses server lines, writes commands, and
 * reconnects by itself with backoff when the connection fails or drops. It knows
 * nothing of names or groups; the session tells it when a registration succeeded,
 * which is what resets the backoff (a server that accepts connections and then drops
 * them must not be hammered).
 */
import net from 'node:net';
import {
	formatCommand,
	LineFramer,
	MAX_SERVER_LINE_BYTES,
	parseServerLine,
	quote,
	terminate,
	type ClientCommand,
	type ServerLine,
} from '../../protocol/index.js';
import {DEFAULT_BACKOFF, nextDelay, type BackoffPolicy} from './backoff.js';
import type {ConnectionEvent} from './connection-event.js';
import {SYSTEM_SCHEDULER, type Scheduler} from './scheduler.js';
import {socketErrorSentence} from './socket-error-sentence.js';

export interface ConnectionHandlers {
	status(event: ConnectionEvent): void;
	line(line: ServerLine): void;
	/** Something the server sent that could not be read, in words; the connection goes on. */
	problem(sentence: string): void;
}

export interface ChatConnectionOptions {
	readonly host: string;
	readonly port: number;
	readonly scheduler?: Scheduler;
	readonly backoff?: BackoffPolicy;
	/** How long a connect may take before it counts as failed. */
	readonly connectTimeoutMs?: number;
	/** Idle time before TCP keepalive probes start, so a silently dead peer is noticed. */
	readonly keepAliveMs?: number;
}

export class ChatConnection {
	private readonly scheduler: Scheduler;
	private readonly backoff: BackoffPolicy;
	private socket: net.Socket | undefined;
	private open = false;
	private attempt = 0;
	private previousDelay: number | undefined;
	private retryTimer: unknown;
	private stopped = false;

	constructor(
		private readonly options: ChatConnectionOptions,
		private readonly handlers: ConnectionHandlers,
	) {
		this.scheduler = options.scheduler ?? SYSTEM_SCHEDULER;
		this.backoff = options.backoff ?? DEFAULT_BACKOFF;
	}

	/** Starts the first attempt. */
	start(): void {
		if (!this.stopped && !this.socket && this.retryTimer === undefined) {
			this.connect();
		}
	}

	/** Writes a command. Returns false when there is no open connection to write it on. */
	send(command: ClientCommand): boolean {
		const text = formatCommand(command);
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

		this.socket?.destroy();
		this.socket = undefined;
		this.open = false;
		this.handlers.status({status: 'stopped'});
	}

	private connect(): void {
		this.retryTimer = undefined;
		this.attempt++;
		this.handlers.status({status: 'connecting', attempt: this.attempt});

		const {host, port} = this.options;
		const socket = net.connect({host, port});
		this.socket = socket;
		let failure: NodeJS.ErrnoException | undefined;
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
		socket.on('connect', () => {
			// The timeout guards the connect only: a quiet chat is not a dead one.
			socket.setTimeout(0);
			this.open = true;
			this.handlers.status({status: 'connected'});
		});
		socket.on('data', (chunk: Buffer) => {
			if (this.socket === socket) {
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
			this.scheduleRetry(socketErrorSentence(failure, host, port));
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

		this.handlers.line(line);
	}

	private scheduleRetry(error: string): void {
		if (this.stopped) {
			return;
		}

		const delay = nextDelay(this.previousDelay, this.scheduler.random(), this.backoff);
		this.previousDelay = delay;
		const nextRetryAt = this.scheduler.now() + delay;
		this.retryTimer = this.scheduler.setTimeout(() => this.connect(), delay);
		this.handlers.status({status: 'offline', attempt: this.attempt, nextRetryAt, error});
	}
}
