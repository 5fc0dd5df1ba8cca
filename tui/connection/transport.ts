/**
 * How the client reaches the server: plain TCP, or TLS (tls-transport.ts). Kept apart
 * from ChatConnection so the connection's framing, keepalive and reconnecting are the
 * same whatever carries the lines, and so tests can hand it any socket.
 */
import net from 'node:net';

export interface OpenedSocket {
	readonly socket: net.Socket;
	/** The event after which lines may be written: 'connect', or 'secureConnect' once a TLS handshake is done. */
	readonly ready: 'connect' | 'secureConnect';
}

export interface Transport {
	open(host: string, port: number): OpenedSocket;
	/** A failure in words when this transport knows it better than plain TCP does (a certificate problem); else undefined. */
	describe?(error: NodeJS.ErrnoException, host: string): string | undefined;
}

/** Bytes read from the socket at a time: a reconnect's backlog comes in chunks this big. */
const READ_BUFFER_BYTES = 64 * 1024;

/**
 * Reads into one buffer of its own (`onread`) and emits each read as 'data', without
 * the Readable stream's buffering between the socket and its listener (push, a queue,
 * a read-more pass on the next tick): a message reaches a client that is asleep, alone,
 * and that machinery was a tenth of what the client then spent before drawing it
 * (docs/PERFORMANCE.md, ninth pass). The chunk is valid until the listener returns;
 * the line framer copies what it keeps (protocol/framing.ts). End of stream, errors and
 * close are the socket's as ever.
 */
function openPlain(host: string, port: number): OpenedSocket {
	const socket: net.Socket = net.connect({
		host,
		port,
		onread: {
			buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
			callback: (bytes, buffer) => {
				socket.emit('data', buffer.subarray(0, bytes));
				// False would stop reading (socket.pause() is how to do that).
				return true;
			},
		},
	});
	return {socket, ready: 'connect'};
}

export const PLAIN_TCP: Transport = {open: openPlain};
