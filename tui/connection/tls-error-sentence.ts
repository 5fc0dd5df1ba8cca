/**
 * TLS failures as one sentence that says what to do, for the status line: OpenSSL's
 * codes and messages mean nothing to a clinician, and a stack trace even less.
 */

export interface TlsContext {
	readonly host: string;
	/** Whether --ca was given: the advice differs. */
	readonly caGiven: boolean;
}

/** Certificate chains that end in an authority the client does not trust. */
const UNKNOWN_AUTHORITY = new Set([
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/** The sentence for a TLS failure, or undefined when the error is not one (a refused connection, a reset). */
export function tlsErrorSentence(error: NodeJS.ErrnoException, {host, caGiven}: TlsContext): string | undefined {
	const code = error.code ?? '';
	if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
		return caGiven
			? "TLS: the server's certificate is not trusted (self-signed, and not the --ca certificate)."
			: "TLS: the server's certificate is not trusted (self-signed); pass --ca FILE.";
	}

	if (UNKNOWN_AUTHORITY.has(code)) {
		return caGiven
			? "TLS: the server's certificate is not trusted (not signed by the --ca certificate)."
			: "TLS: the server's certificate is not trusted (unknown authority); pass --ca FILE.";
	}

	switch (code) {
		case 'ERR_TLS_CERT_ALTNAME_INVALID':
			return `TLS: the server's certificate is not for ${host}; connect with a name it was issued for.`;
		case 'CERT_HAS_EXPIRED':
			return "TLS: the server's certificate has expired.";
		case 'CERT_NOT_YET_VALID':
			return "TLS: the server's certificate is not valid yet; check the clocks.";
		case 'ERR_SSL_WRONG_VERSION_NUMBER':
		case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
			return 'TLS: the server does not speak TLS on this port; without --tls-cert it is plain TCP (drop --tls).';
		default:
			break;
	}

	if (code.startsWith('ERR_SSL_') || code.startsWith('CERT_') || code.startsWith('ERR_TLS_')) {
		return `TLS: the secure connection failed (${code}).`;
	}

	return undefined;
}
