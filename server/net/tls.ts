/**
 * TLS on the listening port, instead of plain TCP: the certificate and key are read and
 * checked once at startup, so a bad path or a key that does not match the certificate
 * is one clear line for the operator, not a stack trace and not a failure at the first
 * client.
 */
import {readFileSync} from 'node:fs';
import tls from 'node:tls';
import type {ListenerFactory} from './listener.js';

export interface TlsCredentials {
	readonly cert: Buffer;
	readonly key: Buffer;
}

/** Why the certificate or key cannot be used, said so an operator can fix it. */
export class TlsSetupError extends Error {
	override readonly name = 'TlsSetupError';
}

/**
 * A client that has connected but not finished its handshake is not a connection yet
 * (the edge has not seen it): it gets this long, not Node's default two minutes.
 */
export const TLS_HANDSHAKE_TIMEOUT_MS = 10_000;

const FILE_PROBLEMS: Readonly<Record<string, string>> = {
	ENOENT: 'no such file',
	EACCES: 'permission denied',
	EISDIR: 'it is a directory',
};

function readPem(what: string, file: string): Buffer {
	try {
		return readFileSync(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? '';
		throw new TlsSetupError(`cannot read the TLS ${what} ${file}: ${FILE_PROBLEMS[code] ?? (error as Error).message}`);
	}
}

/** Reads and checks a certificate (chain) and its private key, both PEM. Throws TlsSetupError. */
export function loadTlsCredentials(certFile: string, keyFile: string): TlsCredentials {
	const cert = readPem('certificate', certFile);
	const key = readPem('key', keyFile);
	try {
		// Parses both and checks that the key is the certificate's.
		tls.createSecureContext({cert, key});
	} catch (error) {
		throw new TlsSetupError(`cannot use the TLS certificate ${certFile} with the key ${keyFile}: ${describe(error)}`);
	}

	return {cert, key};
}

function describe(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	if (/no start line|bad base64|PEM/i.test(message)) {
		return `not a PEM certificate and key (${message})`;
	}

	if (/key values mismatch/i.test(message)) {
		return 'the key does not belong to the certificate';
	}

	return message;
}

/** A listener that speaks TLS; the edge gets each socket once its handshake is done. */
export function tlsListener(credentials: TlsCredentials): ListenerFactory {
	return (onSocket) =>
		tls.createServer({...credentials, handshakeTimeout: TLS_HANDSHAKE_TIMEOUT_MS}, (socket) => {
			socket.setNoDelay(true);
			onSocket(socket);
		});
}
