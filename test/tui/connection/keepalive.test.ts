import net from 'node:net';
import test, {type ExecutionContext} from 'ava';
import type {ServerLine} from '../../../protocol/index.js';
import {ChatConnection, type ConnectionEvent} from '../../../tui/connection/index.js';
import {listenOnLoopback} from '../../helpers/loopback-server.js';
import {ManualScheduler} from '../../helpers/manual-scheduler.js';

/** A loopback server whose one accepted socket the test drives, reading what the client writes line by line. */
async function fakeServer(t: ExecutionContext) {
	let accept!: (socket: net.Socket) => void;
	const accepted = new Promise<net.Socket>((resolve) => (accept = resolve));
	return {port: await listenOnLoopback(t, net.createServer(accept)), accepted};
}

/** Lines the client wrote, in order, and a way to wait for the next. */
function linesFrom(socket: net.Socket) {
	const lines: string[] = [];
	const waiting: Array<(line: string) => void> = [];
	let buffered = '';
	socket.on('data', (chunk: Buffer) => {
		buffered += chunk.toString('utf8');
		for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
			const line = buffered.slice(0, newline);
			buffered = buffered.slice(newline + 1);
			const waiter = waiting.shift();
			if (waiter) waiter(line);
			else lines.push(line);
		}
	});
	return {
		next: () =>
			lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise<string>((resolve) => waiting.push(resolve)),
	};
}

/** What the connection reported: statuses and lines, each waited for as it comes, never by time. */
class Reports {
	readonly events: ConnectionEvent[] = [];
	readonly lines: ServerLine[] = [];
	private readonly waiters: Array<() => boolean> = [];

	readonly handlers = {
		status: (event: ConnectionEvent) => this.add(() => this.events.push(event)),
		line: (line: ServerLine) => this.add(() => this.lines.push(line)),
		problem: (text: string) => {
			throw new Error(`Unexpected problem: ${text}`);
		},
	};

	/** Resolves once `condition` holds; checked again after every report. */
	when<T>(condition: () => T | undefined): Promise<T> {
		return new Promise((resolve) => {
			const check = () => {
				const value = condition();
				if (value === undefined) return false;
				resolve(value);
				return true;
			};

			if (!check()) this.waiters.push(check);
		});
	}

	status(name: ConnectionEvent['status']): Promise<ConnectionEvent> {
		return this.when(() => this.events.find((event) => event.status === name));
	}

	private add(record: () => void): void {
		record();
		for (const waiter of [...this.waiters]) {
			if (waiter()) this.waiters.splice(this.waiters.indexOf(waiter), 1);
		}
	}
}

function connect(t: ExecutionContext, port: number) {
	const scheduler = new ManualScheduler();
	const reports = new Reports();
	const connection = new ChatConnection({host: '127.0.0.1', port, scheduler}, reports.handlers);
	t.teardown(() => connection.stop());
	connection.start();
	return {connection, scheduler, reports};
}

test('a quiet server is sent PING; its OK PING keeps the link and is not passed on', async (t) => {
	const server = await fakeServer(t);
	const client = connect(t, server.port);
	const socket = await server.accepted;
	const written = linesFrom(socket);
	await client.reports.status('connected');
	t.deepEqual(client.scheduler.pendingDelays, [5000], 'only the watch is waiting');

	client.scheduler.fireNext();
	t.is(await written.next(), 'PING ka1');
	socket.write('OK PING ka1 Pong.\nHELLO 1 still here\n');
	await client.reports.when(() => client.reports.lines.at(0));
	t.deepEqual(
		client.reports.lines.map((line) => line.type),
		['HELLO'],
		'the OK PING went no further',
	);
	// The answer came: the next round probes again instead of giving up.
	client.scheduler.fireNext();
	t.is(await written.next(), 'PING ka2');
	t.deepEqual(
		client.reports.events.map((event) => event.status),
		['connecting', 'connected'],
	);
});

test('no answer to the PING: the link is dead, the socket closed, and a retry scheduled', async (t) => {
	const server = await fakeServer(t);
	const client = connect(t, server.port);
	const socket = await server.accepted;
	const written = linesFrom(socket);
	await client.reports.status('connected');
	const closedByClient = new Promise((resolve) => socket.once('end', resolve));

	client.scheduler.fireNext();
	t.is(await written.next(), 'PING ka1');
	client.scheduler.fireNext();
	const offline = await client.reports.status('offline');
	await closedByClient;
	t.like(offline, {
		status: 'offline',
		error: `127.0.0.1:${server.port} stopped answering; the connection is treated as lost.`,
	});
	t.is(client.scheduler.pendingDelays.length, 1, 'the retry, and no watch');
	t.false(client.connection.send({name: 'LIST'}));
});

test("the server's PING is answered with PONG and its token, and not passed on", async (t) => {
	const server = await fakeServer(t);
	const client = connect(t, server.port);
	const socket = await server.accepted;
	const written = linesFrom(socket);
	await client.reports.status('connected');
	socket.write('PING 42 Reply PONG 42 (or send anything) to stay connected.\n');
	t.is(await written.next(), 'PONG 42');
	socket.write('ERR RATE_LIMITED PING Slow down.\nHELLO 1 next\n');
	await client.reports.when(() => client.reports.lines.at(0));
	t.deepEqual(
		client.reports.lines.map((line) => line.type),
		['HELLO'],
		'neither the PING nor a refused probe reach the session',
	);
});

test('a command is written with its tags', async (t) => {
	const server = await fakeServer(t);
	const client = connect(t, server.port);
	const socket = await server.accepted;
	const written = linesFrom(socket);
	await client.reports.status('connected');
	t.true(client.connection.send({name: 'MESSAGE', text: 'bed 4'}, {id: 'k-1'}));
	t.is(await written.next(), '@id=k-1 MESSAGE bed 4');
});
