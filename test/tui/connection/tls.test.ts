import net from 'node:net';
import tls from 'node:tls';
import test, {type ExecutionContext} from 'ava';
import type {ServerLine} from '../../../protocol/index.js';
import {ChatConnection, tlsTransport, type ConnectionEvent, type TlsOptions} from '../../../tui/connection/index.js';
import {tlsErrorSentence} from '../../../tui/connection/tls-error-sentence.js';
import {listenOnLoopback} from '../../helpers/loopback-server.js';
import {ManualScheduler} from '../../helpers/manual-scheduler.js';
import {makeCertificate, type TestCertificate} from '../../helpers/tls-cert.js';

/** A TLS (or, without a certificate, plain) server that greets every client with one line. */
async function greetingServer(t: ExecutionContext, certificate: TestCertificate | undefined): Promise<number> {
	const greet = (socket: net.Socket) => {
		socket.on('error', () => {});
		socket.write('HELLO 1 Welcome to chat.\n');
	};
	const server = certificate
		? tls.createServer({cert: certificate.cert, key: certificate.key}, greet)
		: net.createServer(greet);
	// A client that rejects the certificate resets the handshake; that is the point of these tests.
	server.on('tlsClientError', () => {});
	return listenOnLoopback(t, server);
}

/** Connects over TLS and resolves with the first thing that happens: a line, or going offline. */
function firstOutcome(
	t: ExecutionContext,
	host: string,
	port: number,
	options: TlsOptions,
): Promise<ServerLine | ConnectionEvent> {
	return new Promise((resolve) => {
		const connection = new ChatConnection(
			{host, port, scheduler: new ManualScheduler(), transport: tlsTransport(options)},
			{
				status: (event) => event.status === 'offline' && resolve(event),
				line: resolve,
				problem: (text) => resolve({status: 'offline', attempt: 0, nextRetryAt: 0, error: `problem: ${text}`}),
			},
		);
		t.teardown(() => connection.stop());
		connection.start();
	});
}

test("with --ca, the server's self-signed certificate is trusted and lines flow", async (t) => {
	const certificate = makeCertificate(t);
	const port = await greetingServer(t, certificate);
	t.like(await firstOutcome(t, '127.0.0.1', port, {ca: certificate.cert}), {type: 'HELLO', version: 1});
	t.like(await firstOutcome(t, 'localhost', port, {ca: certificate.cert}), {type: 'HELLO'}, 'by name too');
});

test('without --ca a self-signed certificate is refused, in words that say what to do', async (t) => {
	const certificate = makeCertificate(t);
	const port = await greetingServer(t, certificate);
	t.deepEqual(await firstOutcome(t, '127.0.0.1', port, {}), {
		status: 'offline',
		attempt: 1,
		nextRetryAt: 1_000_000 + 1000,
		error: "TLS: the server's certificate is not trusted (self-signed); pass --ca FILE.",
	});
});

test("a --ca that is not the server's certificate is refused", async (t) => {
	const certificate = makeCertificate(t);
	const other = makeCertificate(t, {commonName: 'other', altNames: 'DNS:other'});
	const port = await greetingServer(t, certificate);
	t.like(await firstOutcome(t, '127.0.0.1', port, {ca: other.cert}), {
		error: "TLS: the server's certificate is not trusted (self-signed, and not the --ca certificate).",
	});
});

test('a certificate for another host is refused, naming the host', async (t) => {
	const certificate = makeCertificate(t, {commonName: 'ward.example', altNames: 'DNS:ward.example'});
	const port = await greetingServer(t, certificate);
	t.like(await firstOutcome(t, '127.0.0.1', port, {ca: certificate.cert}), {
		error: "TLS: the server's certificate is not for 127.0.0.1; connect with a name it was issued for.",
	});
});

test('--tls against a plain server says it does not speak TLS', async (t) => {
	const port = await greetingServer(t, undefined);
	t.like(await firstOutcome(t, '127.0.0.1', port, {}), {
		error: 'TLS: the server does not speak TLS on this port; without --tls-cert it is plain TCP (drop --tls).',
	});
});

test('TLS sentences for the other certificate problems, and none for what is not TLS', (t) => {
	const sentence = (code: string, caGiven = false) =>
		tlsErrorSentence(Object.assign(new Error('x'), {code}), {host: 'ward', caGiven});
	t.is(
		sentence('SELF_SIGNED_CERT_IN_CHAIN'),
		"TLS: the server's certificate is not trusted (unknown authority); pass --ca FILE.",
	);
	t.is(
		sentence('UNABLE_TO_VERIFY_LEAF_SIGNATURE', true),
		"TLS: the server's certificate is not trusted (not signed by the --ca certificate).",
	);
	t.is(sentence('CERT_HAS_EXPIRED'), "TLS: the server's certificate has expired.");
	t.is(sentence('CERT_NOT_YET_VALID'), "TLS: the server's certificate is not valid yet; check the clocks.");
	t.is(sentence('CERT_REVOKED'), 'TLS: the secure connection failed (CERT_REVOKED).');
	t.is(
		sentence('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'),
		'TLS: the secure connection failed (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE).',
	);
	t.is(sentence('ECONNREFUSED'), undefined);
	t.is(sentence('ECONNRESET'), undefined);
});
