/**
 * Thousands of connections coming and going, politely and not: CLOSE, a plain end, a
 * destroy in the middle of a line, a TCP reset. Afterwards the server holds nothing:
 * no users, no connections, no sockets, and its heap is back where it started.
 */
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import test from 'ava';
import type {LogFields, Logger} from '../../server/log.js';
import {eventually, HELLO, registerAll, startTestServer} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';

const CONNECTIONS = 10_000;
const AT_ONCE = 200;
const MiB = 1024 * 1024;

// --expose-gc, switched on from inside: ava starts the worker with its own flags.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGc(): number {
	for (let i = 0; i < 3; i++) {
		gc();
	}

	return process.memoryUsage().heapUsed;
}

/** Counts events and keeps nothing else, so the log is not what the heap measures. */
class CountingLog implements Logger {
	readonly counts = new Map<string, number>();
	readonly errors: string[] = [];

	info(event: string, fields?: LogFields): void {
		this.count(event, fields);
	}

	warn(event: string, fields?: LogFields): void {
		this.count(event, fields);
	}

	error(event: string, fields?: LogFields): void {
		this.errors.push(`${event} ${JSON.stringify(fields)}`);
	}

	get(event: string): number {
		return this.counts.get(event) ?? 0;
	}

	private count(event: string, fields?: LogFields): void {
		const key = event === 'disconnect' ? `disconnect ${String(fields?.['reason'])}` : event;
		this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
		if (event === 'disconnect') {
			this.counts.set(event, (this.counts.get(event) ?? 0) + 1);
		}
	}
}

async function churn(port: number, from: number, count: number): Promise<void> {
	for (let start = from; start < from + count; start += AT_ONCE) {
		const wave = Array.from({length: Math.min(AT_ONCE, from + count - start)}, (_, offset) =>
			visit(port, start + offset),
		);
		await Promise.all(wave);
	}
}

/** One connection that comes and goes in the way `kind` says. */
async function visit(port: number, index: number): Promise<void> {
	const kind = index % 5;
	if (kind === 2) {
		// A reset in the middle of a line, without waiting for anything.
		await new Promise<void>((resolve) => {
			const socket = net.connect({host: '127.0.0.1', port});
			socket.on('error', () => {});
			socket.once('connect', () => {
				socket.write('MESSAGE half a li');
				socket.resetAndDestroy();
			});
			socket.once('close', () => resolve());
		});
		return;
	}

	const client = await TcpClient.connect(port, {greeting: HELLO});
	try {
		switch (kind) {
			case 0: {
				await client.command(`SET_NAME churn${index}`);
				await client.command(`@id=c${index} MESSAGE hello from ${index}`);
				await client.command('CLOSE');
				await client.closed;
				break;
			}

			case 1: {
				client.send(`SET_NAME churn${index}`);
				client.destroy();
				break;
			}

			case 3: {
				client.end();
				await client.closed;
				break;
			}

			default: {
				await client.command(`SET_NAME churn${index}`);
				client.send(`DM anchor hi from ${index}`);
				client.send('LIST');
				client.destroy();
			}
		}
	} finally {
		client.destroy();
	}
}

test.serial(
	`${CONNECTIONS} connections come and go, abruptly too; afterwards nothing is left and the heap is back`,
	async (t) => {
		const log = new CountingLog();
		const server = await startTestServer(t, {rate: 0, logger: log});
		const [anchor] = await registerAll(t, server, 'anchor');
		// A first round warms up what is made once (compiled code, pools); the second is measured.
		await churn(server.port, 0, AT_ONCE);
		await eventually('the warm-up is over', () => server.connectionCount() === 1);
		await anchor.command('PING');
		anchor.received.length = 0;
		const before = heapAfterGc();

		await churn(server.port, AT_ONCE, CONNECTIONS);
		await eventually('every churned connection is gone', () => server.connectionCount() === 1);
		await eventually('every churned user is gone', () => server.userCount() === 1);
		// The anchor heard every ONLINE, OFFLINE, MSG and DM; all are read by now.
		t.is((await anchor.command('PING')).outcome, 'OK PING 0 Pong.');
		const connects = log.get('connect');
		t.true(
			connects > (CONNECTIONS + AT_ONCE) * 0.8,
			'a reset may come before the edge sees its socket; the rest are connections',
		);
		t.is(log.get('disconnect'), connects - 1, 'every connection the edge took ended, but the anchor');
		t.deepEqual(log.errors, []);

		anchor.received.length = 0;
		const after = heapAfterGc();
		const grown = (after - before) / MiB;
		await anchor.command('CLOSE');
		await anchor.closed;
		await eventually('no connections', () => server.connectionCount() === 0);
		t.is(server.userCount(), 0);
		let sockets = -1;
		await eventually('the listener holds no sockets', () => {
			void server.socketCount().then((count) => (sockets = count));
			return sockets === 0;
		});

		t.log(
			`heap after GC: ${(before / MiB).toFixed(1)} MiB before, ${(after / MiB).toFixed(1)} MiB after ${CONNECTIONS} more connections (+${grown.toFixed(2)} MiB, history and remembered ids included)`,
		);
		t.log(`events: ${JSON.stringify(Object.fromEntries(log.counts))}`);
		t.true(grown < 8, `heap grew by ${grown.toFixed(1)} MiB`);
	},
);
