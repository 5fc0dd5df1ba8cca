/**
 * Making the listening socket, kept apart so it can be swapped: a TLS listener is
 * `(onSocket) => tls.createServer(options, onSocket)`, the same shape.
 */
import net, {type Server, type Socket} from 'node:net';
import {ListenError} from './listen-error.js';

export type ListenerFactory = (onSocket: (socket: Socket) => void) => Server;

export const plainTcp: ListenerFactory = (onSocket) => net.createServer({noDelay: true}, onSocket);

/** Starts listening; resolves with the port actually bound (the real one when asked for 0). */
export function listen(server: Server, host: string, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const onError = (error: NodeJS.ErrnoException) => {
			server.off('listening', onListening);
			reject(new ListenError(host, port, error));
		};

		const onListening = () => {
			server.off('error', onError);
			const address = server.address();
			resolve(typeof address === 'object' && address ? address.port : port);
		};

		server.once('error', onError);
		server.once('listening', onListening);
		try {
			server.listen({host, port});
		} catch (error) {
			// A bad port or host is thrown, not emitted.
			server.off('error', onError);
			server.off('listening', onListening);
			reject(new ListenError(host, port, error as NodeJS.ErrnoException));
		}
	});
}
