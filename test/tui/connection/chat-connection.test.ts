import net from 'node:net';
import test, {type ExecutionContext} from 'ava';
import type {ServerLine} from '../../../protocol/index.js';
import {ChatConnection, type ConnectionEvent} from '../../../tui/connection/index.js';
import type {Transport} from '../../../tui/connection/transport.js';
import {listenOnLoopback} from '../../helpers/loopback-server.js';
import {ManualScheduler} from '../../helpers/manual-scheduler.js';

type Heard =
	| {readonly kind: 'status'; readonly event: ConnectionEvent}
	| {readonly kind: 'line'; readonly line: ServerLine}
	| {readonly kind: 'problem'; readonly text: string};

/** Everything a connection reports, and a way to wait for a report without sleeping. */
class Recorder {
	readonly heard: Heard[] = [];
	private waiters: Array<{match: (heard: Heard) => boolean; resolve: (heard: Heard) => void}> = [];

	readonly handlers = {
		status: (event: ConnectionEvent) => this.add({kind: 'status', event}),
		line: (line: ServerLine) => this.add({kind: 'line', line}),
		problem: (text: string) => this.add({kind: 'problem', text}),
	};

	/** The next report matching, counting from report number `from`. */
	waitFor(match: (heard: Heard) => boolean, from = 0): Promise<Heard> {
		const found = this.heard.slice(from).find(match);
		return found ? Promise.resolve(found) : new Promise((resolve) => this.waiters.push({match, resolve}));
	}

	statuses(): string[] {
		return this.heard.flatMap((heard) => (heard.kind === 'status' ? [heard.event.status] : []));
	}

	private add(heard: Heard): void {
		this.heard.push(heard);
		for (const waiter of this.waiters.filter((waiter) => waiter.match(heard))) {
			this.waiters.splice(this.waiters.indexOf(waiter), 1);
			waiter.resolve(heard);
		}
	}
}

const status = (name: ConnectionEvent['status']) => (heard: Heard) =>
	heard.kind === 'status' && heard.event.status === name;

/** A loopback server that hands each accepted socket to the test. */
async function listen(t: ExecutionContext): Promise<{port: number; accepted: () => Promise<net.Socket>}> {
	const sockets: net.Socket[] = [];
	const waiting: Array<(socket: net.Socket) => void> = [];
	const server = net.createServer((socket) => {
		sockets.push(socket);
		waiting.shift()?.(socket);
	});
	let taken = 0;
	return {
		port: await listenOnLoopback(t, server),
		accepted: () =>
			sockets.length > taken
				? Promise.resolve(sockets[taken++]!)
				: new Promise((resolve) => waiting.push((socket) => (taken++, resolve(socket)))),
	};
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

function start(t: ExecutionContext, port: number, scheduler = new ManualScheduler()) {
	const recorder = new Recorder();
	const connection = new ChatConnection({host: '127.0.0.1', port, scheduler}, recorder.handlers);
	t.teardown(() => connection.stop());
	connection.start();
	return {connection, recorder, scheduler};
}

function readLine(socket: net.Socket): Promise<string> {
	return new Promise((resolve) => {
		let buffered = '';
		const onData = (chunk: Buffer) => {
			buffered += chunk.toString('utf8');
			const newline = buffered.indexOf('\n');
			if (newline !== -1) {
				socket.off('data', onData);
				resolve(buffered.slice(0, newline + 1));
			}
		};

		socket.on('data', onData);
	});
}

test('reports connecting then connected, and parses lines however they are chunked', async (t) => {
	const server = await listen(t);
	const {recorder} = start(t, server.port);
	const socket = await server.accepted();
	await recorder.waitFor(status('connected'));
	t.deepEqual(recorder.statuses(), ['connecting', 'connected']);
	socket.write('HELLO 1 Welcome to chat.\nMSG 1 2026-11-24T05:10:00.000Z lobby bob hé');
	socket.write('llo wörld\r\n');
	const message = await recorder.waitFor((heard) => heard.kind === 'line' && heard.line.type === 'MSG');
	t.like(message, {line: {type: 'MSG', from: 'bob', text: 'héllo wörld'}});
	t.like(
		recorder.heard.find((heard) => heard.kind === 'line'),
		{line: {type: 'HELLO', version: 1}},
	);
});

test('writes each command as one LF-terminated protocol line', async (t) => {
	const server = await listen(t);
	const {connection, recorder} = start(t, server.port);
	const socket = await server.accepted();
	await recorder.waitFor(status('connected'));
	const line = readLine(socket);
	t.true(connection.send({name: 'DM', user: 'bob', text: 'bed 4'}));
	t.is(await line, 'DM bob bed 4\n');
});

test('refuses to write a command that would break the line framing', async (t) => {
	const server = await listen(t);
	const {connection, recorder} = start(t, server.port);
	await recorder.waitFor(status('connected'));
	t.throws(() => connection.send({name: 'MESSAGE', text: 'one\nSET_NAME mallory'}), {message: /line break/});
});

test('an unreadable or oversized server line is reported in words and the connection goes on', async (t) => {
	const server = await listen(t);
	const {recorder} = start(t, server.port);
	const socket = await server.accepted();
	await recorder.waitFor(status('connected'));
	socket.write('WHAT \u001b[2J is this\n');
	socket.write('x'.repeat(9000) + '\n');
	socket.write(Buffer.from([0xff, 0xfe, 0x0a]));
	socket.write('HELLO 1 still here\n');
	await recorder.waitFor((heard) => heard.kind === 'line');
	const problems = recorder.heard.flatMap((heard) => (heard.kind === 'problem' ? [heard.text] : []));
	t.deepEqual(problems, [
		'The server sent a line this client cannot read: "WHAT \\x1b[2J is this"',
		'The server sent a line longer than 8704 bytes; it was skipped.',
		'The server sent a line that was not valid UTF-8; it was skipped.',
	]);
});

test('a dropped connection schedules a retry with backoff and reconnects when it fires', async (t) => {
	const server = await listen(t);
	const {recorder, scheduler} = start(t, server.port);
	const first = await server.accepted();
	await recorder.waitFor(status('connected'));
	first.destroy();
	const offline = await recorder.waitFor(status('offline'));
	t.deepEqual(offline, {
		kind: 'status',
		event: {status: 'offline', attempt: 1, nextRetryAt: 1_000_000 + 1000, error: 'The server closed the connection.'},
	});
	t.deepEqual(scheduler.pendingDelays, [1000]);

	const mark = recorder.heard.length;
	scheduler.fireNext();
	await server.accepted();
	await recorder.waitFor(status('connected'), mark);
	t.deepEqual(recorder.statuses().slice(-2), ['connecting', 'connected']);
	t.like(recorder.heard[mark], {event: {status: 'connecting', attempt: 2}});
});

test('a refused connection is retried with growing delays, reset by a registration', async (t) => {
	const {connection, recorder, scheduler} = start(t, await closedPort());
	scheduler.randomValue = 0.999_999;
	const delays: number[] = [];
	const attempts: number[] = [];
	for (let round = 1; round <= 4; round++) {
		const mark = recorder.heard.length;
		const heard = await recorder.waitFor(status('offline'), mark);
		if (heard.kind === 'status' && heard.event.status === 'offline') {
			attempts.push(heard.event.attempt);
			t.regex(heard.event.error, /^Nothing is accepting connections at 127\.0\.0\.1:\d+/);
		}

		delays.push(...scheduler.pendingDelays);
		if (round === 2) {
			connection.registered();
		}

		scheduler.fireNext();
	}

	// Random pinned near 1: each delay is three times the last, until the registration resets it.
	t.deepEqual(delays, [1500, 4500, 1500, 4500]);
	t.deepEqual(attempts, [1, 2, 1, 2]);
});

/** Plain TCP whose name lookup answers as a resolver does for a name that does not exist (or a silent DNS). */
const unresolvedTransport = (code: 'ENOTFOUND' | 'EAI_AGAIN'): Transport => ({
	open: (host, port) => ({
		socket: net.connect({
			host,
			port,
			lookup: (hostname, _options, callback) => {
				const error: NodeJS.ErrnoException = new Error(`getaddrinfo ${code} ${hostname}`);
				error.code = code;
				process.nextTick(() => callback(error, '', 4));
			},
		}),
		ready: 'connect',
	}),
});

for (const code of ['ENOTFOUND', 'EAI_AGAIN'] as const) {
	test(`a host whose name does not resolve (${code}) is said to be so, and retried with growing delays`, async (t) => {
		const scheduler = new ManualScheduler();
		scheduler.randomValue = 0.999_999;
		const recorder = new Recorder();
		const connection = new ChatConnection(
			{host: 'chat.example.invalid', port: 8090, scheduler, transport: unresolvedTransport(code)},
			recorder.handlers,
		);
		t.teardown(() => connection.stop());
		connection.start();
		const delays: number[] = [];
		for (let round = 1; round <= 3; round++) {
			const heard = await recorder.waitFor(status('offline'), recorder.heard.length);
			t.like(heard, {event: {status: 'offline', attempt: round, unresolved: true}});
			t.regex((heard as {event: {error: string}}).event.error, /^The name chat\.example\.invalid /);
			t.regex((heard as {event: {error: string}}).event.error, /not a server restarting|no server was reached/);
			delays.push(...scheduler.pendingDelays);
			scheduler.fireNext();
		}

		t.deepEqual(delays, [1500, 4500, 13_500]);
	});
}

test('retry hangs up an open connection and reconnects with growing delays, saying why', async (t) => {
	const server = await listen(t);
	const {connection, recorder, scheduler} = start(t, server.port);
	scheduler.randomValue = 0.999_999;
	const delays: number[] = [];
	let mark = 0;
	for (let round = 1; round <= 2; round++) {
		const socket = await server.accepted();
		await recorder.waitFor(status('connected'), mark);
		mark = recorder.heard.length;
		const closed = new Promise((resolve) => socket.on('close', resolve));
		connection.retry('The server still holds alice for the lost connection.');
		await closed;
		const offline = await recorder.waitFor(status('offline'), mark);
		t.like(offline, {event: {attempt: round, error: 'The server still holds alice for the lost connection.'}});
		delays.push(...scheduler.pendingDelays);
		mark = recorder.heard.length;
		scheduler.fireNext();
	}

	// Not registered in between, so the backoff grows as for any failing server.
	t.deepEqual(delays, [1500, 4500]);
	// While connecting there is nothing to hang up: the attempt goes on.
	connection.retry('too early');
	t.is(recorder.statuses().at(-1), 'connecting');
	await recorder.waitFor(status('connected'), mark);
});

test('stop closes the connection, cancels any retry and reports stopped', async (t) => {
	const server = await listen(t);
	const {connection, recorder, scheduler} = start(t, server.port);
	const socket = await server.accepted();
	await recorder.waitFor(status('connected'));
	const closed = new Promise((resolve) => socket.on('close', resolve));
	connection.stop();
	await closed;
	t.deepEqual(recorder.statuses(), ['connecting', 'connected', 'stopped']);
	t.deepEqual(scheduler.pendingDelays, []);
	t.false(connection.send({name: 'LIST'}));
});

test('stop while waiting to retry cancels the retry', async (t) => {
	const {connection, recorder, scheduler} = start(t, await closedPort());
	await recorder.waitFor(status('offline'));
	t.is(scheduler.pendingDelays.length, 1);
	connection.stop();
	t.deepEqual(scheduler.pendingDelays, []);
	t.is(recorder.statuses().at(-1), 'stopped');
});

test('send before connecting says it could not', (t) => {
	const connection = new ChatConnection(
		{host: '127.0.0.1', port: 1, scheduler: new ManualScheduler()},
		new Recorder().handlers,
	);
	t.false(connection.send({name: 'LIST'}));
});
