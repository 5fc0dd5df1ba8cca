/**
 * A TCP relay between a client and the server that can make a connection's path go
 * dead the way a dropped SSH or network path does: bytes stop passing, and neither
 * end is told. The server keeps such a connection (and its user's name) until its own
 * idle timeout; the client notices by its PING going unanswered.
 */
import net from 'node:net';
import type {ExecutionContext} from 'ava';

export interface RelayedConnection {
	/** Stops passing bytes: from the server only (replies are lost), or both ways (the path is dead). */
	cut(which: 'to-client' | 'both'): void;
	/** Keeps what the server sends until release(): a slow link, held as long as the test likes. */
	hold(): void;
	release(): void;
	/** Everything the client sent that reached the server, as text. */
	readonly fromClient: () => string;
}

export interface Relay {
	readonly port: number;
	/** One per connection the client made, in order. */
	readonly connections: RelayedConnection[];
}

export interface RelayOptions {
	/** Every connection starts held (see hold()), so not even the first reply gets through before the test looks. */
	readonly held?: boolean;
}

export async function startRelay(
	t: ExecutionContext,
	serverPort: number,
	{held: startHeld = false}: RelayOptions = {},
): Promise<Relay> {
	const connections: RelayedConnection[] = [];
	const sockets = new Set<net.Socket>();
	const relay = net.createServer((client) => {
		const server = net.connect(serverPort, '127.0.0.1');
		let toServer = true;
		let toClient = true;
		let held: Buffer[] | undefined = startHeld ? [] : undefined;
		let fromClient = '';
		for (const socket of [client, server]) {
			sockets.add(socket);
			socket.once('close', () => sockets.delete(socket));
			// A reset on either side ends that side; the other hears of it only while the path is alive.
			socket.on('error', () => {});
		}

		client.on('data', (chunk: Buffer) => {
			if (toServer) {
				fromClient += chunk.toString('utf8');
				server.write(chunk);
			}
		});
		server.on('data', (chunk: Buffer) => {
			if (held) {
				held.push(chunk);
			} else if (toClient) {
				client.write(chunk);
			}
		});
		client.once('close', () => toServer && server.end());
		server.once('close', () => toClient && client.end());
		connections.push({
			cut(which) {
				toClient = false;
				toServer = which === 'to-client';
			},
			hold() {
				held ??= [];
			},
			release() {
				const chunks = held ?? [];
				held = undefined;
				for (const chunk of chunks) {
					client.write(chunk);
				}
			},
			fromClient: () => fromClient,
		});
	});
	await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
	t.teardown(
		() =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) {
					socket.destroy();
				}

				relay.close(() => resolve());
			}),
	);
	return {port: (relay.address() as net.AddressInfo).port, connections};
}
