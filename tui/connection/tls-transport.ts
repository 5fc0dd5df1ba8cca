/**
 * TLS to a `chat serve --tls-cert ... --tls-key ...` server. The certificate is always
 * checked: against the system's authorities, or only against --ca when given (a ward
 * server's self-signed certificate). The name checked is the host connected to; an IP
 * address is checked against the certificate's IP entries (SNI carries names only).
 */
import net from 'node:net';
import tls from 'node:tls';
import {tlsErrorSentence} from './tls-error-sentence.js';
import type {Transport} from './transport.js';

export interface TlsOptions {
	/** PEM certificate(s) to trust instead of the system's authorities: --ca. */
	readonly ca?: Buffer | undefined;
}

export function tlsTransport({ca}: TlsOptions = {}): Transport {
	return {
		open: (host, port) => ({
			socket: tls.connect({host, port, servername: net.isIP(host) === 0 ? host : undefined, ca}),
			ready: 'secureConnect',
		}),
		describe: (error, host) => tlsErrorSentence(error, {host, caGiven: ca !== undefined}),
	};
}
