/**
 * The in-process socket pair an SSH session's client reaches the edge through: bytes
 * both ways in order, the close of a TCP connection (ending one end ends the other,
 * destroying one destroys the other), real backpressure, and the addresses the edge
 * counts and logs.
 */
import {once} from 'node:events';
import type {Socket} from 'node:net';
import test from 'ava';
import {socketPair} from '../../server/ssh/socket-pair.js';

const FROM = {address: '192.0.2.7', port: 50_000};
const SERVER = {address: '127.0.0.1', port: 8090};

/** Everything `socket` reads, once it has read `expected` characters' worth. */
function readAll(socket: Socket, length: number): Promise<string> {
	let text = '';
	return new Promise((resolve) => {
		socket.setEncoding('utf8').on('data', (chunk: string) => {
			text += chunk;
			if (text.length >= length) {
				resolve(text);
			}
		});
	});
}

test('each end reads what the other wrote, in order, on a later turn; the client connects; addresses are the far ends', async (t) => {
	const {client, server} = socketPair(FROM, SERVER);
	await once(client, 'connect');
	t.is(server.remoteAddress, '192.0.2.7');
	t.is(server.remotePort, 50_000);
	t.is(client.remoteAddress, '127.0.0.1');
	const heard = readAll(server, 'SET_NAME bob\nPING x\n'.length);
	let early = false;
	server.once('data', () => (early = inWrite));
	let inWrite = true;
	client.write('SET_NAME bob\n');
	inWrite = false;
	client.write('PING x\n');
	const replies = readAll(client, 'OK SET_NAME\n'.length);
	server.write('OK SET_NAME\n');
	t.is(await heard, 'SET_NAME bob\nPING x\n');
	t.is(await replies, 'OK SET_NAME\n');
	t.false(early, 'bytes never arrive inside the write that sent them');
});

test('ending one end ends the other (no half-open pair), and both close', async (t) => {
	const {client, server} = socketPair(FROM, SERVER);
	server.resume();
	client.resume();
	const serverEnded = once(server, 'end');
	const bothClosed = Promise.all([once(client, 'close'), once(server, 'close')]);
	client.end();
	await serverEnded;
	await bothClosed;
	t.true(client.destroyed && server.destroyed);
});

test('destroying one end closes the other at once', async (t) => {
	const {client, server} = socketPair(FROM, SERVER);
	const closed = once(server, 'close');
	client.destroy();
	await closed;
	t.true(server.destroyed);
});

test('a reader that does not read holds the writer: writableLength counts what it has not taken', async (t) => {
	const {client, server} = socketPair(FROM, SERVER);
	const chunk = Buffer.alloc(64 * 1024, 0x61);
	// Nobody reads the client end: its buffer fills, then the server end's writes wait.
	let accepted = 0;
	while (server.write(chunk)) {
		accepted++;
		t.true(accepted < 100, 'the writer was never held');
	}

	t.true(server.writableLength > 0);
	t.true(server.writableNeedDrain);
	const drained = once(server, 'drain');
	client.resume();
	await drained;
	t.is(server.writableLength, 0);
});
