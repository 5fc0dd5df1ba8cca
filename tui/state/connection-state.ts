/** The connection as the view shows it in the status bar. */

/**
 * connecting: a TCP connect is under way; registering: connected, registering the
 * name and restoring the group; online: ready, typed messages go out at once;
 * offline: waiting to retry (see nextRetryAt); stopped: no more retries.
 */
export type ConnectionStatus = 'connecting' | 'registering' | 'online' | 'offline' | 'stopped';

export interface ConnectionState {
	readonly status: ConnectionStatus;
	readonly host: string;
	readonly port: number;
	/**
	 * What the status line calls the server when host:port is not how the user reached it:
	 * an SSH session's client connects in-process to the chat's TCP address, but its user
	 * typed `ssh -p 2222 host`.
	 */
	readonly shownAs?: string | undefined;
	/** Connect attempts since the last successful registration (1 is the first try). */
	readonly attempt: number;
	/** While offline: when the next attempt starts (epoch ms), for a countdown. */
	readonly nextRetryAt: number | undefined;
	/** Why the last connection failed or dropped, as a sentence. */
	readonly lastError: string | undefined;
	/** While offline: the host's name did not resolve, so no server was reached (not a restart). */
	readonly unresolved?: boolean;
}

/** The server as its user knows it: how they reached it, else the host:port the client connects to. */
export function serverShownAs(connection: ConnectionState): string {
	return connection.shownAs ?? `${connection.host}:${connection.port}`;
}

/** Connected to the server (the socket is open), whether or not registered yet. */
export function isConnected(status: ConnectionStatus): boolean {
	return status === 'registering' || status === 'online';
}
