/**
 * The network edge on its own, over real sockets, with a scripted ConnectionHandler
 * in place of the chat: how it frames, caps, ends and contains failures.
 */
import net from 'node:net';
import test from 'ava';
import {ListenError} from '../../server/net/listen-error.js';
import {startServer} from '../../server/serve.js';
import {CapturedLog} from '../helpers/capture-log.js';
import {HELLO} from '../helpers/hello.js';
import {startEdge, type Script} from '../helpers/edge.js';
import {listenOnLoopback} from '../helpers/loopback-server.js';
import {TcpClient} from '../helpers/tcp-client.js';

const echo: Script = {line: (peer, text) => peer.send(`OK HELP 1 ${text}\n`)};

test('a session that throws on a line is logged; that connection and the others go on', async (t) => {
	const {log, connect} = await startEdge(t, {
		line(peer, text) {
			if (text === 'boom') {
				throw new Error('session bug');
			}

			peer.send(`OK HELP 1 ${text}\n`);
		},
	});
	const a = await connect();
	const b = await connect();
	a.send('boom');
	t.like(await log.waitFor('error', {conn: 1}), {level: 'error', fields: {error: 'session bug'}});
	a.send('after');
	t.is(await a.next(), 'OK HELP 1 after');
	b.send('other');
	t.is(await b.next(), 'OK HELP 1 other');
});

test("the line limit is the policy's", async (t) => {
	const {connect} = await startEdge(t, echo, {maxLineBytes: 16});
	const client = await connect();
	client.send('x'.repeat(16));
	t.is(await client.next(), `OK HELP 1 ${'x'.repeat(16)}`);
	client.send('x'.repeat(17));
	t.is(await client.next(), 'ERR LINE_TOO_LONG * 16');
	client.send('\u00e9');
	t.is(await client.next(), 'OK HELP 1 é');
});

test('end() delivers what was sent, then closes; the session hears "close" once', async (t) => {
	const {reasons, connect} = await startEdge(t, {
		line(peer, text) {
			peer.send(`OK CLOSE ${text}\n`);
			peer.end();
			peer.send('OK HELP 1 dropped: sent after end\n');
		},
	});
	const client = await connect();
	client.send('bye');
	t.is(await client.next(), 'OK CLOSE bye');
	await client.closed;
	t.deepEqual(client.unread(), []);
	t.deepEqual(reasons, ['close']);
});

test('the client closing its side is "eof", reported once', async (t) => {
	const {edge, reasons, connect} = await startEdge(t, echo);
	const client = await connect();
	client.end();
	await client.closed;
	// Resolves once every server-side socket has closed too: all that was to be reported was.
	await edge.shutdown();
	t.deepEqual(reasons, ['eof']);
});

test('a slow consumer is cut off without re-entering the session from inside send(), told what it missed', async (t) => {
	let sending = false;
	const closedWhileSending: boolean[] = [];
	const {reasons, log, connect} = await startEdge(
		t,
		{
			line(peer) {
				sending = true;
				// 16 MB in one go, more than loopback socket buffers and the cap together:
				// the cap trips part-way through.
				for (let i = 0; i < 1024; i++) {
					peer.send(`MSG ${i} t g f ${'p'.repeat(16 * 1024)}\n`, 1);
				}

				sending = false;
			},
			closed() {
				closedWhileSending.push(sending);
			},
		},
		{maxQueuedBytes: 32 * 1024, closeGraceMs: 60_000},
	);
	const client = await connect();
	client.pause();
	client.send('flood');
	t.like(await log.waitFor('slow_consumer'), {level: 'warn', fields: {conn: 1, limit: 32 * 1024}});
	t.deepEqual(reasons, [], 'not cut yet: it may still read what was queued');
	client.resume();
	const lines = await client.until((line) => line.startsWith('BYE '));
	const missed = /^BYE SLOW_CONSUMER You were not reading; (\d+) messages were not delivered to you\./.exec(
		lines.at(-1) ?? '',
	);
	t.truthy(missed, lines.at(-1));
	t.true(lines.length < 1024, 'what came after the cut was dropped');
	t.is(lines.length - 1 + Number(missed?.[1]), 1024, 'each message was delivered or counted');
	await client.closed;
	t.deepEqual(reasons, ['slow_consumer']);
	t.deepEqual(closedWhileSending, [false]);
});

test('after shutdown, a socket the listener still hands over is closed without a word', async (t) => {
	const {edge, log, port} = await startEdge(t, echo);
	await edge.shutdown();
	// The listener is still open here (the server closes it first in real use): the edge refuses.
	const late = await TcpClient.connect(port);
	t.teardown(() => late.destroy());
	await late.closed;
	t.deepEqual(late.received, []);
	t.is(log.events('connect').length, 0);
});

test('a session whose closed() throws is logged and nothing else breaks', async (t) => {
	const {log, connect} = await startEdge(t, {
		...echo,
		closed() {
			throw new Error('cleanup bug');
		},
	});
	const a = await connect();
	a.destroy();
	t.like(await log.waitFor('error', {error: 'cleanup bug'}), {level: 'error', fields: {conn: 1}});
	const b = await connect();
	b.send('still up');
	t.is(await b.next(), 'OK HELP 1 still up');
});

test('a port in use is a ListenError that says so', async (t) => {
	const port = await listenOnLoopback(t, net.createServer());
	const error = await t.throwsAsync(startServer({host: '127.0.0.1', port, logger: new CapturedLog()}), {
		instanceOf: ListenError,
		message: `cannot listen on 127.0.0.1:${port}: the port is already in use`,
	});
	t.is(error?.code, 'EADDRINUSE');
});

test('a port out of range is a ListenError too, not a throw from inside listen()', async (t) => {
	await t.throwsAsync(startServer({host: '127.0.0.1', port: 70_000, logger: new CapturedLog()}), {
		instanceOf: ListenError,
		message: /^cannot listen on 127\.0\.0\.1:70000: /,
	});
});

test('the listener is swappable: the server serves whatever sockets a factory hands it', async (t) => {
	const accepted: number[] = [];
	const server = await startServer({
		host: '127.0.0.1',
		port: 0,
		logger: new CapturedLog(),
		createListener: (onSocket) =>
			net.createServer((socket) => {
				accepted.push(socket.remotePort ?? 0);
				onSocket(socket);
			}),
	});
	t.teardown(() => server.close());
	const client = await TcpClient.connect(server.port, {greeting: HELLO});
	t.teardown(() => client.destroy());
	t.deepEqual(accepted, [client.socket.localPort]);
	// Served: greeted (the client checks HELLO) and answered.
	t.is((await client.command('PING')).outcome, 'OK PING 0 Pong.');
});
