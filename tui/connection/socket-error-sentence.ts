import {formatAddress} from '../../protocol/index.js';

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
		case 'EAI_AGAIN':
			return `The server name ${host} could not be found.`;
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
		case 'ENETDOWN':
			return `The network cannot reach ${where}.`;
		default:
			return `The connection failed (${error.code}).`;
	}
}
