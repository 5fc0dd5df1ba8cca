/**
 * The network edge: takes over accepted sockets, numbers them, and closes them all
 * when the server stops. It does not listen itself (see listener.ts), so a TLS or
 * second listener hands its sockets to the same edge.
 */
import type {Socket} from 'node:net';
import type {Logger} from '../log.js';
import {SHUTDOWN_BYE} from './byes.js';
import type {ConnectionHandler} from './connection-handler.js';
import {Connection} from './connection.js';
import type {ConnectionPolicy} from './policy.js';

export interface EdgeOptions {
	readonly handler: ConnectionHandler;
	readonly policy: ConnectionPolicy;
	readonly log: Logger;
}

export class Edge {
	private readonly connections = new Set<Connection>();
	private lastId = 0;
	private accepting = true;

	constructor(private readonly options: EdgeOptions) {}

	get connectionCount(): number {
		return this.connections.size;
	}

	/** Takes over a freshly accepted socket. Limits on connections belong here. */
	accept(socket: Socket): void {
		if (!this.accepting) {
			socket.destroy();
			return;
		}

		const {handler, policy, log} = this.options;
		const id = ++this.lastId;
		const remote = formatRemote(socket);
		log.info('connect', {conn: id, remote, connections: this.connections.size + 1});
		const connection = new Connection(socket, {id, remote}, handler, policy, log);
		this.connections.add(connection);
		void connection.closed.then(() => this.connections.delete(connection));
	}

	/**
	 * Tells every client the server is going and closes every connection; resolves once
	 * all are closed (a client that does not take its goodbye is destroyed after the
	 * grace period).
	 */
	async shutdown(): Promise<void> {
		this.accepting = false;
		const all = [...this.connections];
		// Everyone is muted first, so no one hears "X went offline" from the server
		// closing X before hearing that the server itself is going.
		for (const connection of all) {
			connection.mute();
		}

		for (const connection of all) {
			connection.close('shutdown', SHUTDOWN_BYE);
		}

		await Promise.all(all.map((connection) => connection.closed));
	}
}

function formatRemote(socket: Socket): string {
	const address = socket.remoteAddress ?? 'unknown';
	return address.includes(':') ? `[${address}]:${socket.remotePort}` : `${address}:${socket.remotePort}`;
}
