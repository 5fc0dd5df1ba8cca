/** What a ChatConnection reports about its socket; the session turns these into state. */
export type ConnectionEvent =
	/** Attempt number `attempt` (1 is the first since the last successful registration) is under way. */
	| {
			readonly status: 'connecting';
			readonly attempt: number;
			/** Where to, when the client has several servers to choose from (ChatConnectionOptions.fallbacks). */
			readonly host?: string;
			readonly port?: number;
	  }
	/** The socket is open; lines may be sent. */
	| {readonly status: 'connected'}
	/** The attempt failed or the connection dropped; the next attempt starts at `nextRetryAt` (epoch ms). */
	| {
			readonly status: 'offline';
			readonly attempt: number;
			readonly nextRetryAt: number;
			readonly error: string;
			/** The host's name did not resolve to an address: no server was reached, restarting or not. */
			readonly unresolved?: true;
	  }
	/** Stopped on request: no more attempts. */
	| {readonly status: 'stopped'};
