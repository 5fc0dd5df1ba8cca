import {formatAddress} from '../../protocol/index.js';

/**
 * The host's name did not resolve (ENOTFOUND: no such name; EAI_AGAIN: the name server did
 * not answer): nothing was reached, which the user must be able to tell from a server
 * that is down for a restart.
 */
export function isUnresolved(error: NodeJS.ErrnoException | undefined): boolean {
	return error?.code === 'ENOTFOUND' || error?.code === 'EAI_AGAIN';
}

/** Socket failures in words a clinician can act on, not errno codes. */
export function socketErrorSentence(error: NodeJS.ErrnoException | undefined, host: string, port: number): string {
	const where = formatAddress(host, port);
	if (!error) {
		return 'The server closed the connection.';
	}

	switch (error.code) {
		case undefined:
			return `${error.message}.`;
		case 'ECONNREFUSED':
			return `Nothing is accepting connections at ${where}; the server may be down or restarting.`;
		case 'ECONNRESET':
		case 'EPIPE':
			return 'The connection was cut off.';
		case 'ETIMEDOUT':
			return `${where} did not answer in time.`;
		case 'ENOTFOUND':
			return `The name ${host} does not resolve to an address: no such host, not a server restarting; check --host.`;
		case 'EAI_AGAIN':
			return `The name ${host} could not be looked up (the name server did not answer): no server was reached.`;
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
		case 'ENETDOWN':
			return `The network cannot reach ${where}.`;
		default:
			return `The connection failed (${error.code}).`;
	}
}
