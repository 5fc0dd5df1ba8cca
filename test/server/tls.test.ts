/**
 * TLS on the port instead of plain TCP: in-process and as the real `chat serve
 * --tls-cert --tls-key`. A Node TLS client that trusts the test's self-signed
 * certificate talks the usual protocol; a plain client gets nothing readable, is
 * dropped, and nobody else notices; bad certificate files are one line and exit 1.
 */
import {writeFileSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import test from 'ava';
import {loadTlsCredentials, TlsSetupError} from '../../server/net/tls.js';
import {spawnChat} from '../helpers/chat-process.js';
import {HANG_MS} from '../helpers/hang.js';
import {HELLO, startTestServer} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';
import {makeCertificate} from '../helpers/tls-cert.js';

/** Connects without TLS, says something, and collects every byte until the server drops it. */
function plainAttempt(port: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const socket = net.connect({host: '127.0.0.1', port});
		const chunks: Buffer[] = [];
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error('The server did not drop a plain client on its TLS port'));
		}, HANG_MS);
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('error', () => {});
		socket.once('connect', () => socket.write('SET_NAME plain\nLIST\n'));
		socket.once('close', () => {
			clearTimeout(timer);
			resolve(Buffer.concat(chunks));
		});
	});
}

async function tlsClient(t: import('ava').ExecutionContext, port: number, ca: Buffer): Promise<TcpClient> {
	const client = await TcpClient.connectTls(port, {ca, greeting: HELLO});
	t.teardown(() => client.destroy());
	return client;
}

test('over TLS the protocol is the same: two clients register and exchange messages', async (t) => {
	const certificate = makeCertificate(t);
	const server = await startTestServer(t, {tls: loadTlsCredentials(certificate.certFile, certificate.keyFile)});
	const alice = await tlsClient(t, server.port, certificate.cert);
	const bob = await tlsClient(t, server.port, certificate.cert);
	await alice.command('SET_NAME alice');
	await bob.command('SET_NAME bob');
	t.is(await alice.next(), 'ONLINE bob lobby');
	t.regex((await alice.command('@id=t1 MESSAGE over TLS')).outcome, /^@id=t1 OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice over TLS$/);
	t.like(server.log.events('started')[0], {fields: {tls: true}});
});

test('a plain client on the TLS port reads nothing readable and is dropped; TLS clients go on', async (t) => {
	const certificate = makeCertificate(t);
	const server = await startTestServer(t, {tls: loadTlsCredentials(certificate.certFile, certificate.keyFile)});
	const alice = await tlsClient(t, server.port, certificate.cert);
	await alice.command('SET_NAME alice');

	const bytes = await plainAttempt(server.port);
	t.false(bytes.toString('latin1').includes('HELLO'), 'no protocol line, only (at most) a TLS alert');
	t.true(bytes.length < 64);
	t.like(await server.log.waitFor('tls_error'), {level: 'warn'});
	t.is(server.log.events('tls_error').length, 1, 'one line');
	t.is(server.log.events('connect').length, 1, 'the plain client never became a connection');

	t.is((await alice.command('PING')).outcome, 'OK PING 0 Pong.');
	const bob = await tlsClient(t, server.port, certificate.cert);
	t.is((await bob.command('SET_NAME bob')).outcome, 'OK SET_NAME bob lobby Welcome, bob. You are in group lobby.');
	t.is(await alice.next(), 'ONLINE bob lobby');
});

test('a TLS client that does not trust the certificate fails its handshake; the server goes on', async (t) => {
	const certificate = makeCertificate(t);
	const other = makeCertificate(t);
	const server = await startTestServer(t, {tls: loadTlsCredentials(certificate.certFile, certificate.keyFile)});
	await t.throwsAsync(TcpClient.connectTls(server.port, {ca: other.cert}), {
		message: /self.signed|unable to verify|certificate/i,
	});
	await tlsClient(t, server.port, certificate.cert);
});

test('loadTlsCredentials says what is wrong with the files, in a sentence', (t) => {
	const certificate = makeCertificate(t);
	const other = makeCertificate(t);
	const garbage = path.join(certificate.dir, 'garbage.pem');
	writeFileSync(garbage, 'not a certificate\n');
	const missing = path.join(certificate.dir, 'missing.pem');
	t.throws(() => loadTlsCredentials(missing, certificate.keyFile), {
		instanceOf: TlsSetupError,
		message: `cannot read the TLS certificate ${missing}: no such file`,
	});
	t.throws(() => loadTlsCredentials(certificate.certFile, certificate.dir), {
		instanceOf: TlsSetupError,
		message: `cannot read the TLS key ${certificate.dir}: it is a directory`,
	});
	t.throws(() => loadTlsCredentials(garbage, certificate.keyFile), {
		instanceOf: TlsSetupError,
		message: /^cannot use the TLS certificate .*garbage\.pem with the key .*: not a PEM certificate and key /,
	});
	t.throws(() => loadTlsCredentials(certificate.certFile, other.keyFile), {
		instanceOf: TlsSetupError,
		message: /: the key does not belong to the certificate$/,
	});
	t.notThrows(() => loadTlsCredentials(certificate.certFile, certificate.keyFile));
});

const STARTED = /level=info event=started host=127\.0\.0\.1 port=(\d+) pid=\d+ tls=true\n/;

test('chat serve --tls-cert --tls-key: TLS clients work, a plain client is dropped with one log line, SIGTERM says BYE', async (t) => {
	const certificate = makeCertificate(t);
	const chat = spawnChat(t, [
		'serve',
		'--port',
		'0',
		'--tls-cert',
		certificate.certFile,
		'--tls-key',
		certificate.keyFile,
	]);
	const [, port] = await chat.waitForStderr(STARTED);
	const alice = await tlsClient(t, Number(port), certificate.cert);
	t.is(
		(await alice.command('SET_NAME alice')).outcome,
		'OK SET_NAME alice lobby Welcome, alice. You are in group lobby.',
	);

	const bytes = await plainAttempt(Number(port));
	t.false(bytes.toString('latin1').includes('HELLO'));
	await chat.waitForStderr(/level=warn event=tls_error remote=127\.0\.0\.1:\d+ /);
	t.is(chat.stderr.match(/event=tls_error/g)?.length, 1);
	t.is((await alice.command('PING tls')).outcome, 'OK PING tls Pong.');

	// A socket that never starts its handshake is not a connection yet; it must not hold
	// up the shutdown either.
	const silent = net.connect({host: '127.0.0.1', port: Number(port)});
	silent.on('error', () => {});
	t.teardown(() => silent.destroy());
	await new Promise((resolve) => silent.once('connect', resolve));

	chat.child.kill('SIGTERM');
	t.is(await alice.next(), 'BYE SHUTDOWN The server is shutting down.');
	t.deepEqual(await chat.exited, {code: 0, signal: null});
	t.notRegex(chat.stderr, /shutdown_forced/);
	t.regex(chat.stderr, /event=stopped\n$/);
});

test('chat serve with a bad certificate or key says so in one line and exits 1', async (t) => {
	const certificate = makeCertificate(t);
	const other = makeCertificate(t);
	const missing = path.join(certificate.dir, 'nope.pem');
	const cases: Array<[string[], RegExp]> = [
		[
			['--tls-cert', missing, '--tls-key', certificate.keyFile],
			/^chat: cannot read the TLS certificate .*nope\.pem: no such file\n$/,
		],
		[
			['--tls-cert', certificate.certFile, '--tls-key', other.keyFile],
			/^chat: cannot use the TLS certificate .* with the key .*: the key does not belong to the certificate\n$/,
		],
		[
			['--tls-cert', certificate.keyFile, '--tls-key', certificate.keyFile],
			/^chat: cannot use the TLS certificate .*: .+\n$/,
		],
	];
	for (const [args, message] of cases) {
		const chat = spawnChat(t, ['serve', '--port', '0', ...args]);
		t.deepEqual(await chat.exited, {code: 1, signal: null});
		t.regex(chat.stderr, message);
		t.notRegex(chat.stderr, /\n {4}at /, 'no stack trace');
	}

	const half = spawnChat(t, ['serve', '--port', '0', '--tls-cert', certificate.certFile]);
	t.is((await half.exited).code, 1);
	t.regex(half.stderr, /TLS needs both --tls-cert and --tls-key\.\n$/);
});
