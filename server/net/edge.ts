/**
 * The network edge: takes over accepted sockets, holds them to the connection limits,
 * numbers them, and closes them all when the server stops. It does not listen itself
 * (see listener.ts), so the TLS listener hands its sockets to the same edge.
 */
import type {Socket} from 'node:net';
import {formatAddress, type Bye, type Scheduler} from '../../protocol/index.js';
import type {TLSSocket} from 'node:tls';
import type {Logger} from '../log.js';
import {SHUTDOWN_BYE, SHUTDOWN_TEXT, tooManyConnections, tooManyFromAddress} from './byes.js';
import {toWire} from '../wire/to-wire.js';
import type {VerifiedAccount} from '../wire/verified-account.js';
import type {ConnectionHandler} from './connection-handler.js';
import {Connection, connectionOf, type EdgeServices} from './connection.js';
import {Deadlines} from './deadlines.js';
import {Flusher} from './flusher.js';
import {RateAdmission} from './rate-admission.js';
import type {ConnectionPolicy} from './policy.js';
import {realScheduler} from './scheduler.js';

export interface EdgeOptions {
	readonly handler: ConnectionHandler;
	readonly policy: ConnectionPolicy;
	readonly log: Logger;
	readonly scheduler?: Scheduler;
	/** Output coalescing; one per process is enough (the default). */
	readonly flusher?: Flusher;
}

/** The open connections from one address, and the address as a string they all share. */
interface AddressCount {
	readonly address: string;
	count: number;
}

/** The flusher of edges made without one. */
const sharedFlusher = new Flusher();

/** Refusals are logged at most this often, with a count, so a connect flood is not also a log flood. */
const REFUSAL_LOG_MS = 1000;

export class Edge {
	private readonly connections = new Set<Connection>();
	/** Open connections per remote address. */
	private readonly perAddress = new Map<string, AddressCount>();
	/** Refused sockets still delivering their BYE. */
	private readonly refused = new Set<Socket>();
	private readonly scheduler: Scheduler;
	private readonly services: EdgeServices;
	private lastId = 0;
	private accepting = true;
	private refusedSinceLog = 0;
	private lastRefusalLog = Number.NEGATIVE_INFINITY;
	/** shutdown() waiting for the last connection to close: one wait for all of them, not a promise per connection. */
	private readonly waitingForNone: Array<() => void> = [];

	constructor(private readonly options: EdgeOptions) {
		this.scheduler = options.scheduler ?? realScheduler;
		const {registerTimeoutMs} = options.policy;
		this.services = {
			policy: options.policy,
			log: options.log,
			scheduler: this.scheduler,
			flusher: options.flusher ?? sharedFlusher,
			admission: new RateAdmission(options.policy, options.log, this.scheduler),
			registrations:
				registerTimeoutMs > 0
					? new Deadlines<Connection>(this.scheduler, registerTimeoutMs, (connection) => connection.registrationDue())
					: undefined,
			closed: (connection) => this.forget(connection),
		};
	}

	get connectionCount(): number {
		return this.connections.size;
	}

	/**
	 * Takes over a freshly accepted socket, or refuses it with a BYE if a connection limit
	 * is reached. `verified` comes only from inside the server (an SSH session's in-process
	 * socket, server/ssh/): the listener never passes it.
	 *
	 * Returns why it refused, in words (undefined when it took the socket): a client in
	 * this process (an SSH session) is told so and ends, where a remote one reads the BYE
	 * and may try again later.
	 */
	accept(socket: Socket, verified?: VerifiedAccount): string | undefined {
		if (!this.accepting) {
			socket.destroy();
			// No line: the clients being told BYE SHUTDOWN are the ones that matter now.
			return SHUTDOWN_TEXT;
		}

		const {handler, policy, log} = this.options;
		const from = addressOf(socket);
		const known = this.perAddress.get(from);
		// The string already counted, when there is one: one per address, not one per connection.
		const address = known?.address ?? from;
		const fromAddress = known?.count ?? 0;
		if (this.connections.size >= policy.maxConnections) {
			return this.refuse(socket, tooManyConnections(policy.maxConnections), 'max_connections');
		}

		if (fromAddress >= policy.maxConnectionsPerIp) {
			return this.refuse(socket, tooManyFromAddress(policy.maxConnectionsPerIp), 'max_connections_per_ip');
		}

		const id = ++this.lastId;
		const remote = formatRemote(socket);
		forgetPeerName(socket);
		log.info('connect', {conn: id, remote, connections: this.connections.size + 1});
		const connection = new Connection(
			socket,
			{id, remote, address, secure: (socket as Partial<TLSSocket>).encrypted === true, verified},
			address,
			handler,
			this.services,
		);
		this.connections.add(connection);
		if (known) {
			known.count++;
		} else {
			this.perAddress.set(address, {address, count: 1});
		}

		return undefined;
	}

	/**
	 * Whether the edge answers for `socket`: it took it, is refusing it, or destroyed it at
	 * once. Its shutdown ends each of those in bounded time.
	 */
	owns(socket: Socket): boolean {
		return connectionOf(socket) !== undefined || this.refused.has(socket) || socket.destroyed;
	}

	/** A connection's socket has closed: it no longer counts against the limits. */
	private forget(connection: Connection): void {
		if (!this.connections.delete(connection)) {
			return;
		}

		const known = this.perAddress.get(connection.address);
		if (known && --known.count === 0) {
			this.perAddress.delete(connection.address);
		}

		if (this.connections.size === 0) {
			for (const resolve of this.waitingForNone.splice(0)) {
				resolve();
			}
		}
	}

	/**
	 * Tells every client the server is going and closes every connection; resolves once
	 * all are closed (a client that does not take its goodbye is destroyed after the
	 * grace period).
	 */
	async shutdown(): Promise<void> {
		this.accepting = false;
		for (const socket of this.refused) {
			socket.destroy();
		}

		const all = [...this.connections];
		// Everyone is muted first, so no one hears "X went offline" from the server
		// closing X before hearing that the server itself is going.
		for (const connection of all) {
			connection.mute();
		}

		for (const connection of all) {
			connection.close('shutdown', SHUTDOWN_BYE);
		}

		// Nothing is accepted any more, and a socket's 'close' comes on a later turn: the
		// set only shrinks, and forget() sees it empty.
		if (this.connections.size > 0) {
			await new Promise<void>((resolve) => this.waitingForNone.push(resolve));
		}
	}

	/**
	 * The socket gets one BYE line instead of HELLO and is closed; nobody else notices.
	 * The one line the server sends before a client's first: a person at telnet must see
	 * why the connection closed at once, and a client that cannot take a line yet has
	 * lost nothing, as it could not have used the connection anyway.
	 */
	private refuse(socket: Socket, bye: Bye, limit: string): string {
		const {policy, log} = this.options;
		this.refusedSinceLog++;
		const now = this.scheduler.now();
		if (now - this.lastRefusalLog >= REFUSAL_LOG_MS) {
			log.warn('refused', {
				remote: formatRemote(socket),
				limit,
				connections: this.connections.size,
				refused: this.refusedSinceLog,
			});
			this.lastRefusalLog = now;
			this.refusedSinceLog = 0;
		}

		this.refused.add(socket);
		// A reset from a client that gave up is expected here and not worth a line.
		socket.on('error', () => {});
		socket.end(toWire(bye));
		const timer = setTimeout(() => socket.destroy(), policy.closeGraceMs);
		socket.once('close', () => {
			clearTimeout(timer);
			this.refused.delete(socket);
		});
		return bye.text;
	}
}

/** The address connections are counted by; an IPv4 address seen through IPv6 counts as itself. */
function addressOf(socket: Socket): string {
	const address = socket.remoteAddress ?? 'unknown';
	return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * Node keeps the peer's address object on a socket once asked for it (about 60 bytes, for
 * the socket's life); the edge asks once, at accept, and keeps the address it needs, so
 * the socket need not. Asked again, Node reads it from the kernel anew.
 */
function forgetPeerName(socket: Socket): void {
	const named = socket as Socket & {_peername?: unknown};
	// Only a net.Socket has it (an SSH session's in-process socket answers from its own fields).
	if (named._peername !== undefined) {
		named._peername = undefined;
	}
}

/** The client's host:port, for the log. */
export function formatRemote(socket: Socket): string {
	return formatAddress(socket.remoteAddress ?? 'unknown', socket.remotePort ?? 0);
}
