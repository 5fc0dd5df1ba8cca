/**
 * TLS end to end: the real `chat serve --tls-cert --tls-key` and the real
 * `chat tui --tls --ca` in a terminal, with a raw TLS client typing the protocol; and
 * what a user sees when the certificate is not trusted or --ca cannot be read.
 */
import tls from 'node:tls';
import test, {type ExecutionContext} from 'ava';
import {parseServerLine} from '../../protocol/index.js';
import {spawnChat} from '../helpers/chat-process.js';
import {HANG_MS} from '../helpers/hang.js';
import {
	startServe,
	startTui,
	statusRow,
	typeLine,
	waitForScreen,
	waitOnline,
	type ServeProcess,
} from '../helpers/e2e.js';
import {makeCertificate, type TestCertificate} from '../helpers/tls-cert.js';

/** A raw protocol client over TLS, trusting `ca`: lines in, each awaited as it comes (bounded). */
async function rawTlsClient(t: ExecutionContext, port: number, ca: Buffer) {
	const socket = tls.connect({host: '127.0.0.1', port, ca});
	t.teardown(() => socket.destroy());
	await new Promise<void>((resolve, reject) => {
		socket.once('secureConnect', resolve);
		socket.once('error', reject);
	});
	const received: string[] = [];
	const waiting: Array<() => void> = [];
	let buffered = '';
	socket.setEncoding('utf8').on('data', (chunk: string) => {
		buffered += chunk;
		const lines = buffered.split('\n');
		buffered = lines.pop()!;
		received.push(...lines);
		for (const wake of waiting.splice(0)) wake();
	});
	let read = 0;
	/** The next line matching, skipping others; fails after HANG_MS rather than hang. */
	const next = (match: (line: string) => boolean) =>
		new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`No matching line; received:\n${received.join('\n')}`)), HANG_MS);
			const look = () => {
				for (; read < received.length; read++) {
					if (match(received[read]!)) {
						clearTimeout(timer);
						resolve(received[read++]!);
						return;
					}
				}

				waiting.push(look);
			};

			look();
		});
	return {send: (line: string) => socket.write(line + '\n'), next, received};
}

async function tlsServer(
	t: ExecutionContext,
): Promise<{server: ServeProcess; port: number; certificate: TestCertificate}> {
	const certificate = makeCertificate(t);
	const server = await startServe(t, 0, ['--tls-cert', certificate.certFile, '--tls-key', certificate.keyFile]);
	t.regex(server.process.stderr, /event=started .*tls=true/);
	return {server, port: server.port, certificate};
}

test('chat tui --tls --ca against chat serve --tls-*: messages both ways with a raw TLS client', async (t) => {
	t.timeout(90_000);
	const {port, certificate} = await tlsServer(t);
	const alice = await startTui(t, {port, name: 'alice', args: ['--tls', '--ca', certificate.certFile], rows: 40});
	await waitOnline(alice, 'alice');

	const bob = await rawTlsClient(t, port, certificate.cert);
	bob.send('SET_NAME bob');
	t.regex(await bob.next((line) => line.startsWith('HELLO ')), /^HELLO 1 /);
	t.regex(await bob.next((line) => line.startsWith('OK ') || line.startsWith('ERR ')), /^OK SET_NAME bob lobby /);
	await waitForScreen(alice, 'bob is online.');

	await typeLine(alice, 'sent over TLS');
	const message = parseServerLine(await bob.next((line) => line.startsWith('MSG ')));
	t.like(message, {type: 'MSG', group: 'lobby', from: 'alice', text: 'sent over TLS'});
	await waitForScreen(alice, /\d\d:\d\d <alice> sent over TLS/);

	bob.send('@id=b-1 MESSAGE and back over TLS');
	t.regex(await bob.next((line) => line.startsWith('@id=b-1 ')), /^@id=b-1 OK MESSAGE \d+ \S+ lobby 1 /);
	await waitForScreen(alice, /\d\d:\d\d <bob> and back over TLS/);
	t.false((await alice.state()).dead);
});

test('chat tui --tls without --ca: the status line says the certificate is not trusted, and the client keeps trying', async (t) => {
	t.timeout(90_000);
	const {server, port} = await tlsServer(t);
	// Wide enough for the whole status line, the reason included.
	const carol = await startTui(t, {port, name: 'carol', args: ['--tls'], cols: 180, rows: 40});
	const screen = await waitForScreen(carol, (s) =>
		statusRow(s).includes("TLS: the server's certificate is not trusted (self-signed); pass --ca FILE."),
	);
	t.regex(statusRow(screen), /^ offline, retrying /);
	// It tries again by itself: the server sees a second handshake refused.
	await server.process.waitForStderr(/event=tls_error[\s\S]*event=tls_error/);
	t.false((await carol.state()).dead, 'no crash');
	t.false(/at .*\.js:\d+|Error:/.test(await carol.capture()), 'no stack trace on screen');
});

test('chat tui --tls --ca with a missing file: one line, exit 1, before the screen opens', async (t) => {
	const chat = spawnChat(t, ['tui', '--tls', '--ca', '/nonexistent/ca.pem', '--name', 'alice']);
	t.like(await chat.exited, {code: 1});
	t.is(chat.stderr, 'chat: cannot read the --ca file /nonexistent/ca.pem: no such file.\n');
	t.is(chat.stdout, '');
});
