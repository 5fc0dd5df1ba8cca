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

export const PLAIN_TCP: Transport = {
	open: (host, port) => ({socket: net.connect({host, port}), ready: 'connect'}),
};
