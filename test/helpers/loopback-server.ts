/**
 * A test's own server on 127.0.0.1: one that plays a server the real one never is (a
 * hostile one, one that only greets, one whose sockets the test drives), or that holds
 * a port so something else cannot have it.
 */
import type net from 'node:net';
import type {ExecutionContext} from 'ava';

/**
 * Starts `server` (plain or TLS) listening on 127.0.0.1 on a free port, and resolves with
 * the port. When the test ends it destroys every connection the server accepted, then
 * closes it: close() waits for all of them, and a socket nobody reads may never end.
 */
export async function listenOnLoopback(t: ExecutionContext, server: net.Server): Promise<number> {
	const sockets = new Set<net.Socket>();
	// For a TLS server too: 'connection' brings the TCP socket under the TLS one.
	server.on('connection', (socket: net.Socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	t.teardown(
		() =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) {
					socket.destroy();
				}

				server.close(() => resolve());
			}),
	);
	return (server.address() as net.AddressInfo).port;
}
