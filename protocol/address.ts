/**
 * Where a server is found: the address `chat serve` listens on and `chat tui` connects to
 * unless told otherwise, and how a host and port are written for people to read.
 */

/** Loopback: exposing the server is a decision, not a default. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8090;

/** `host:port`, with an IPv6 address in brackets (`[::1]:8090`) so the port stays readable. */
export function formatAddress(host: string, port: number): string {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
