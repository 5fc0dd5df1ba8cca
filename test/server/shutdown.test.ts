/**
 * Stopping the server in-process: every client hears why, then the connection ends.
 * (The SIGTERM path of the real process is in cli.test.ts.)
 */
import net from 'node:net';
import test from 'ava';
import {connect, registerAll, startTestServer} from '../helpers/server.js';

const BYE = 'BYE SHUTDOWN The server is shutting down.';

test('close() says BYE SHUTDOWN to every client first, closes every connection, and stops listening', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	await bob.command('NEW_GROUP night');
	await alice.until((line) => line === 'JOINED night bob');
	const visitor = await connect(t, server);
	// Unregistered but it has spoken: one that never spoke is closed without a word (lab-client.test.ts).
	t.is((await visitor.command('PING')).outcome, 'OK PING 0 Pong.');

	await server.close();
	for (const client of [alice, bob, visitor]) {
		// BYE is the very next line: nobody hears "X went offline" from the shutdown itself.
		t.is(await client.next(), BYE);
		await client.closed;
		t.deepEqual(client.unread(), []);
	}

	const refused = await new Promise<string>((resolve) => {
		const socket = net.connect({host: '127.0.0.1', port: server.port});
		socket.once('connect', () => resolve('connected'));
		socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
	});
	t.is(refused, 'ECONNREFUSED');

	const events = server.log.entries.map((entry) => entry.event);
	t.is(events.filter((event) => event === 'disconnect').length, 3);
	t.true(server.log.events('disconnect').every((entry) => entry.fields['reason'] === 'shutdown'));
	t.like(server.log.events('shutdown')[0], {fields: {connections: 3, users: 2}});
	t.is(events.at(-1), 'stopped');
});

test('a client that does not read its goodbye is destroyed after the grace period, so close() still ends', async (t) => {
	const server = await startTestServer(t, {closeGraceMs: 50});
	const [reader, deaf] = await registerAll(t, server, 'reader', 'deaf');
	deaf.pause();
	await server.close();
	t.is(await reader.next(), BYE);
	await reader.closed;
	deaf.resume();
	await deaf.closed;
	t.is(deaf.received.at(-1), BYE, 'the BYE was already in the socket buffer');
});

test('close() twice is one shutdown', async (t) => {
	const server = await startTestServer(t);
	const first = server.close();
	const second = server.close();
	await Promise.all([first, second]);
	t.is(server.log.events('shutdown').length, 1);
	t.is(server.log.events('stopped').length, 1);
});
