/**
 * The write path: lines queued for a socket in one turn go out together, fan-out lines
 * are formatted and encoded once and shared, presence events wait a little for company,
 * and none of it bends a protocol rule: order per connection, a reply in one piece, the
 * slow-consumer cap and its exact missed count, CLOSE and shutdown after what was queued.
 */
import net from 'node:net';
import {Writable} from 'node:stream';
import test, {type ExecutionContext} from 'ava';
import {Chat} from '../../server/chat/chat.js';
import {sharedWire} from '../../server/chat/wire.js';
import type {Peer} from '../../server/wire/peer.js';
import {SharedWire} from '../../server/wire/shared-wire.js';
import {Deadlines} from '../../server/net/deadlines.js';
import {Flusher, LazyLog, SLICE_COPY_ABOVE} from '../../server/net/flusher.js';
import {OutputQueue} from '../../server/net/output-queue.js';
import {EDGE_HELLO, startEdge} from '../helpers/edge.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {MemoryPeer} from '../helpers/memory-peer.js';
import {eagerStore} from '../helpers/store.js';
import {eventually, HELLO, register, registerAll, startTestServer} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';

/** A raw socket that counts the chunks it reads and keeps every line. */
function rawClient(t: ExecutionContext, port: number) {
	const socket = net.connect({host: '127.0.0.1', port});
	t.teardown(() => socket.destroy());
	const lines: string[] = [];
	let chunks = 0;
	let partial = '';
	socket.setEncoding('utf8');
	socket.on('data', (chunk: string) => {
		chunks++;
		const parts = (partial + chunk).split('\n');
		partial = parts.pop()!;
		lines.push(...parts);
	});
	return {
		socket,
		lines,
		get chunks() {
			return chunks;
		},
	};
}

test('many lines for one socket in one turn arrive complete, in order, in a few writes rather than one each', async (t) => {
	const count = 5000;
	const {port} = await startEdge(t, {
		line: (peer, text) => {
			if (text === 'burst') {
				for (let index = 0; index < count; index++) {
					peer.send(`OK HELP 1 line ${index}\n`);
				}
			}
		},
	});
	const client = rawClient(t, port);
	client.socket.write('burst\n');
	await eventually(`${count} lines`, () => client.lines.length === count + 1);
	t.deepEqual(client.lines, [EDGE_HELLO, ...Array.from({length: count}, (_, index) => `OK HELP 1 line ${index}`)]);
	// One write per line with TCP_NODELAY would be thousands of segments; coalesced, the
	// ~90 KB (HELLO with them) go out in two writes (one at 64 KiB queued, one at the end of the turn).
	t.true(client.chunks < 100, `${client.chunks} chunks`);
});

class SharingPeer implements Peer {
	readonly shared: SharedWire[] = [];
	readonly texts: string[] = [];
	send(wire: string): void {
		this.texts.push(wire);
	}

	sendShared(wire: SharedWire): void {
		this.shared.push(wire);
	}

	end(): void {}
}

test('a group message is formatted and encoded once: every recipient is handed the same wire and the same bytes', (t) => {
	const chat = new Chat({store: eagerStore()});
	const peers = [new SharingPeer(), new SharingPeer(), new SharingPeer()];
	const [alice] = ['alice', 'bob', 'carol'].map((name, index) => {
		const registered = chat.register(peers[index]!, name, `s-${name}`);
		if (!registered.ok) {
			throw new Error(registered.message);
		}

		return registered.value;
	});
	for (const peer of peers) {
		peer.shared.length = 0;
	}

	t.true(chat.postToGroup(alice!, alice!.peers.all()[0]!, 'hello').ok);
	const [bobs, carols] = [peers[1]!.shared, peers[2]!.shared];
	t.is(peers[0]!.shared.length, 0, 'no echo');
	t.is(bobs.length, 1);
	t.is(bobs[0], carols[0], 'the same wire object');
	t.is(bobs[0]!.bytes, carols[0]!.bytes, 'the same Buffer');
	t.regex(bobs[0]!.text, /^MSG 1 \S+ lobby alice hello\n$/);
	t.is(bobs[0]!.messages, 1);
	t.false(bobs[0]!.lazy);
	t.deepEqual([...bobs[0]!.bytes], [...Buffer.from(bobs[0]!.text)]);
});

test('presence and membership events are lazy wires that count no message; an in-memory peer keeps their text', (t) => {
	const online = sharedWire({type: 'ONLINE', user: 'alice', group: 'lobby'});
	t.true(online.lazy);
	t.is(online.messages, 0);
	const moved = sharedWire({type: 'LEFT', group: 'lobby', user: 'a'}, {type: 'JOINED', group: 'g', user: 'a'});
	t.true(moved.lazy);
	t.is(moved.text, 'LEFT lobby a\nJOINED g a\n');
	const message = sharedWire({type: 'DM', id: '1', time: 't', from: 'a', to: 'b', text: 'x'});
	t.false(message.lazy);
	t.is(message.messages, 1);
	const peer = new MemoryPeer();
	peer.sendShared(online);
	t.deepEqual(peer.sends, ['ONLINE alice lobby\n']);
});

test('a slow consumer fed shared wires, lazy events and plain sends is cut off with the exact count of messages it missed', async (t) => {
	// 16 MB in one go: more than loopback socket buffers and the cap together.
	const total = 4000;
	const padding = 'p'.repeat(4000);
	let messages = 0;
	const {log, reasons, port} = await startEdge(
		t,
		{
			line(peer, text) {
				if (text !== 'flood') {
					return;
				}

				for (let index = 0; index < total; index++) {
					if (index % 7 === 0) {
						peer.send(`DM ${index} t f t ${padding}\n`, 1);
					} else {
						peer.sendShared(new SharedWire(`MSG ${index} t g f ${padding}\n`, 1));
					}

					messages++;
					if (index % 10 === 0) {
						peer.sendShared(sharedWire({type: 'ONLINE', user: `u${index}`, group: 'lobby'}));
					}
				}
			},
		},
		{maxQueuedBytes: 64 * 1024, closeGraceMs: 60_000},
	);
	const client = await TcpClient.connect(port, {greeting: EDGE_HELLO});
	t.teardown(() => client.destroy());
	client.pause();
	client.send('flood');
	t.like(await log.waitFor('slow_consumer'), {level: 'warn', fields: {limit: 64 * 1024}});
	client.resume();
	const lines = await client.until((line) => line.startsWith('BYE '));
	const missed = /^BYE SLOW_CONSUMER You were not reading; (\d+) messages were not delivered to you\./.exec(
		lines.at(-1)!,
	);
	t.truthy(missed, lines.at(-1));
	const delivered = lines.filter((line) => line.startsWith('MSG ') || line.startsWith('DM ')).length;
	t.true(delivered < total, 'the cap tripped part-way');
	t.is(delivered + Number(missed?.[1]), messages, 'every message was delivered or counted, none twice');
	// In order: the message numbers only go up.
	const numbers = lines.filter((line) => /^(MSG|DM) /.test(line)).map((line) => Number(line.split(' ')[1]));
	t.deepEqual(
		numbers,
		[...numbers].sort((a, b) => a - b),
	);
	await client.closed;
	t.deepEqual(reasons, ['slow_consumer']);
});

test('a multi-line reply is never split by events fanned out in the same turns', async (t) => {
	const server = await startTestServer(t, {rate: 0});
	const [lister, ...senders] = await registerAll(t, server, 'lister', 's1', 's2', 's3');
	const lists = 30;
	const flood = senders.map((sender) => sender.sendRaw('MESSAGE flood\n'.repeat(300)));
	for (let index = 0; index < lists; index++) {
		lister.send('LIST');
	}

	await Promise.all(flood);
	let replies = 0;
	const lines = await lister.until((line) => line.startsWith('OK LIST') && ++replies === lists);
	let inReply = false;
	for (const line of lines) {
		if (line.startsWith('MEMBER ') || line.startsWith('USER ')) {
			inReply = true;
		} else if (line.startsWith('OK LIST ')) {
			t.true(inReply, 'OK LIST ends a run of MEMBER and USER lines');
			inReply = false;
		} else {
			t.false(inReply, `"${line}" inside a LIST reply`);
		}
	}
});

test('a presence event goes out before the message that follows it, and on its own soon after', async (t) => {
	const server = await startTestServer(t);
	const alice = await register(t, server, 'alice');
	const bob = await TcpClient.connect(server.port, {greeting: HELLO});
	t.teardown(() => bob.destroy());
	// Registered and talking in one write: ONLINE (lazy) and MSG are made in the same turn.
	await bob.sendRaw('SET_NAME bob\nMESSAGE hi\n');
	t.is(await alice.next(), 'ONLINE bob lobby');
	t.regex(await alice.next(), /^MSG 1 \S+ lobby bob hi$/);
	// With nothing after it, carol's ONLINE goes out on its own, on the flusher's lazy timer:
	// how long that waits (LAZY_FLUSH_MS, milliseconds) is checked on a mock clock in
	// flusher.test.ts; a wall-clock bound here measured the machine's load as much as that.
	const carol = await register(t, server, 'carol');
	t.is(await alice.next(), 'ONLINE carol lobby');
	t.is(await bob.until((line) => line.startsWith('ONLINE ')).then((lines) => lines.at(-1)), 'ONLINE carol lobby');
	carol.send('CLOSE');
	t.is((await carol.until((line) => line.startsWith('OK CLOSE'))).at(-1), 'OK CLOSE Goodbye, carol.');
	t.is(await alice.next(), 'OFFLINE carol lobby');
});

test('everything queued in the turn of a CLOSE goes out before its OK, and then the socket closes', async (t) => {
	const server = await startTestServer(t, {rate: 0});
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	const count = 200;
	await bob.sendRaw(`${'MESSAGE x\n'.repeat(count)}CLOSE\n`);
	const lines = await bob.until((line) => line.startsWith('OK CLOSE'));
	t.is(lines.filter((line) => line.startsWith('OK MESSAGE ')).length, count);
	t.is(lines.length, count + 1);
	await bob.closed;
	const received = await alice.until((line) => line.startsWith('OFFLINE '));
	t.is(received.filter((line) => line.startsWith('MSG ')).length, count);
	t.is(received.at(-1), 'OFFLINE bob lobby');
});

test('a shutdown says BYE after the presence events still waiting to go out', async (t) => {
	const server = await startTestServer(t);
	const alice = await register(t, server, 'alice');
	await register(t, server, 'bob');
	// bob's ONLINE may still be waiting for company when the shutdown starts.
	void server.close();
	t.is(await alice.next(), 'ONLINE bob lobby');
	t.is(await alice.next(), 'BYE SHUTDOWN The server is shutting down.');
});

test('the lazy log hands each connection its range as a slice of one joined Buffer, and empties once nobody holds one', (t) => {
	const log = new LazyLog();
	const wires = ['ONLINE a lobby\n', 'ONLINE b lobby\n', 'ONLINE c lobby\n'].map(
		(text) => new SharedWire(text, 0, true),
	);
	const indexes = wires.map((wire) => log.add(wire));
	t.deepEqual(indexes, [0, 1, 2]);
	t.is(log.add(wires[2]!), 2, 'the same wire again (its next recipient) is not appended twice');
	log.hold();
	log.hold();
	const all = log.bytes(0, 3);
	const tail = log.bytes(1, 3);
	t.is(all.toString(), 'ONLINE a lobby\nONLINE b lobby\nONLINE c lobby\n');
	t.is(tail.toString(), 'ONLINE b lobby\nONLINE c lobby\n');
	t.is(all.buffer, tail.buffer, 'slices of the same memory');
	t.is(log.bytes(2, 3), wires[2]!.bytes, 'a range of one is the wire itself');
	log.release();
	t.is(log.end, 3);
	log.release();
	t.is(log.add(new SharedWire('ONLINE d lobby\n', 0, true)), 3, 'numbers go on after the log empties');
	log.hold();
	t.is(log.bytes(3, 4).toString(), 'ONLINE d lobby\n');
	log.release();
});

test('a short range of a long lazy log is a copy, so a client that does not read cannot keep the whole log alive', (t) => {
	const log = new LazyLog();
	const line = 'ONLINE someone-with-a-long-name lobby\n';
	const count = Math.ceil((SLICE_COPY_ABOVE * 2) / line.length);
	for (let index = 0; index < count; index++) {
		log.add(new SharedWire(line, 0, true));
	}

	log.hold();
	log.hold();
	const all = log.bytes(0, count);
	const lastTwo = log.bytes(count - 2, count);
	const mostOf = log.bytes(1, count);
	t.is(lastTwo.toString(), line + line);
	t.not(lastTwo.buffer, all.buffer, 'copied: it does not pin the join');
	t.is(mostOf.buffer, all.buffer, 'a long range stays a slice: no copy where it would not save memory');
	t.is(mostOf.length, all.length - line.length);
	log.release();
	log.release();
});

test('registration deadlines fall due in order, each at its time, with one timer for all; a cancelled one never does', (t) => {
	const scheduler = new ManualScheduler(0);
	const due: string[] = [];
	const deadlines = new Deadlines<string>(scheduler, 1000, (item) => due.push(`${item}@${scheduler.now()}`));
	deadlines.add('a');
	scheduler.advance(300);
	const b = deadlines.add('b');
	scheduler.advance(200);
	deadlines.add('c');
	t.is(scheduler.pending, 1, 'one timer, however many deadlines');
	deadlines.cancel(b);
	scheduler.advance(2000);
	t.deepEqual(due, ['a@1000', 'c@1500']);
	t.is(scheduler.pending, 0);
	deadlines.add('d');
	scheduler.advance(1000);
	t.deepEqual(due, ['a@1000', 'c@1500', 'd@3500']);
});

test('once every registration deadline is cancelled, no timer is left pending: a closed server keeps nothing alive', (t) => {
	const scheduler = new ManualScheduler(0);
	const due: string[] = [];
	const deadlines = new Deadlines<string>(scheduler, 60_000, (item) => due.push(item));
	const a = deadlines.add('a');
	const b = deadlines.add('b');
	deadlines.cancel(a);
	t.is(scheduler.pending, 1, 'b still falls due');
	deadlines.cancel(b);
	deadlines.cancel(b);
	t.is(scheduler.pending, 0);
	deadlines.add('c');
	t.is(scheduler.pending, 1);
	scheduler.advance(60_000);
	t.deepEqual(due, ['c']);
	t.is(scheduler.pending, 0);
});

test('a connection left out of a wire in between, holding the log alone, keeps its new range: the log is not emptied under it', async (t) => {
	const flusher = new Flusher();
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	t.teardown(() => server.close());
	const {port} = server.address() as net.AddressInfo;
	const sockets = await Promise.all(
		[0, 1].map(
			() =>
				new Promise<net.Socket>((resolve) => {
					const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
				}),
		),
	);
	t.teardown(() => {
		for (const socket of sockets) socket.destroy();
	});
	const owner = {writeFailed: (error: unknown) => t.fail(String(error))};
	const [first, second] = sockets.map((socket) => new OutputQueue(socket, flusher, 1 << 20, owner));
	const wire = (text: string) => new SharedWire(text, 0, true);
	first!.addLazy(wire('ONLINE a lobby\n'));
	second!.addLazy(wire('ONLINE b lobby\n'));
	// second's range goes out with its next line: first is the log's only holder now.
	second!.add(Buffer.from('OK PING\n'));
	// A wire first was not given (b's), then one it is: a new range, held alone.
	first!.addLazy(wire('ONLINE c lobby\n'));
	t.notThrows(() => first!.flush());
	t.is(flusher.lazyLog.end, 3);
});

test('one queued entry (held without an array) and the ones after it go out in order, turn after turn, as the array is made and let go of', async (t) => {
	const flusher = new Flusher();
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	t.teardown(() => server.close());
	const {port} = server.address() as net.AddressInfo;
	const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
	const client = rawClient(t, port);
	const socket = await accepted;
	t.teardown(() => socket.destroy());
	const queue = new OutputQueue(socket, flusher, 1 << 20, {writeFailed: (error) => t.fail(String(error))});
	const turn = () => new Promise((resolve) => setImmediate(resolve));
	const line = (text: string) => Buffer.from(`${text}\n`);
	// One entry; two (the array made); one (the array let go of at the end); a lazy range and two after it; one.
	const turns = [['a'], ['b', 'c'], ['d'], ['lazy', 'e', 'f'], ['g']];
	for (const texts of turns) {
		for (const text of texts) {
			if (text === 'lazy') {
				queue.addLazy(new SharedWire('ONLINE x lobby\n', 0, true));
			} else {
				t.true(queue.add(line(text)));
			}
		}

		await turn();
		await turn();
	}

	await eventually('all eight lines arrived', () => client.lines.length === 8);
	t.deepEqual(client.lines, ['a', 'b', 'c', 'd', 'ONLINE x lobby', 'e', 'f', 'g']);
});

test('joins written over in the shared slab never reach a socket that kept one: every socket gets its own bytes', async (t) => {
	const flusher = new Flusher();
	const owner = {writeFailed: (error: unknown) => t.fail(String(error))};
	// A socket whose writes are done at once (the kernel copied them) and one that keeps
	// each write until it is let go of (a client not reading): its writes are not done at once.
	const copied: Buffer[] = [];
	const fast = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			copied.push(Buffer.from(chunk));
			callback();
		},
	});
	const kept: Buffer[] = [];
	const waiting: Array<() => void> = [];
	const slow = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			kept.push(chunk);
			waiting.push(callback);
		},
	});
	const fastQueue = new OutputQueue(fast as unknown as net.Socket, flusher, 1 << 20, owner);
	const slowQueue = new OutputQueue(slow as unknown as net.Socket, flusher, 1 << 20, owner);
	const expected = {fast: '', slow: ''};
	for (let turn = 0; turn < 200; turn++) {
		for (const [name, queue] of [
			['fast', fastQueue],
			['slow', slowQueue],
		] as const) {
			for (const part of ['a', 'b', 'c']) {
				const text = `OK ${name} ${turn} ${part}\n`;
				expected[name] += text;
				queue.add(Buffer.from(text));
			}

			queue.flush();
		}
	}

	while (waiting.length > 0) {
		waiting.shift()!();
		await new Promise((resolve) => setImmediate(resolve));
	}

	t.is(Buffer.concat(copied).toString(), expected.fast);
	t.is(Buffer.concat(kept).toString(), expected.slow);
	t.is(copied.length, 200, 'one write per turn');
});
