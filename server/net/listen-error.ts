/**
 * Why the server could not listen, said the way an operator wants to read it:
 * `cannot listen on 127.0.0.1:8090: the port is already in use`.
 */
import {formatAddress} from '../../protocol/index.js';

const EXPLANATIONS: Readonly<Record<string, string>> = {
	EADDRINUSE: 'the port is already in use',
	EACCES: 'permission denied (ports below 1024 need privileges)',
	EADDRNOTAVAIL: 'the address does not belong to this machine',
	ENOTFOUND: 'no such host',
	EAI_AGAIN: 'the host name could not be resolved',
};

export class ListenError extends Error {
	readonly code: string | undefined;

	constructor(
		readonly host: string,
		readonly port: number,
		cause: NodeJS.ErrnoException,
	) {
		const why = (cause.code && EXPLANATIONS[cause.code]) ?? cause.message;
		super(`cannot listen on ${formatAddress(host, port)}: ${why}`, {cause});
		this.name = 'ListenError';
		this.code = cause.code;
	}
}
