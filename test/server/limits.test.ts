/**
 * The connection limits and the registration timeout: each refusal is a line that
 * says why, and nobody else is affected.
 */
import test from 'ava';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {connect, eventually, HELLO, register, registerAll, startTestServer} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';

async function refused(t: import('ava').ExecutionContext, port: number): Promise<string[]> {
	const client = await TcpClient.connect(port);
	t.teardown(() => client.destroy());
	const lines = await client.until((line) => line.startsWith('BYE '));
	await client.closed;
	return lines;
}

test('past --max-connections a new connection gets BYE TOO_MANY_CONNECTIONS instead of HELLO; the others go on', async (t) => {
	const server = await startTestServer(t, {maxConnections: 3});
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	const visitor = await connect(t, server);
	t.deepEqual(await refused(t, server.port), [
		'BYE TOO_MANY_CONNECTIONS The server has all the connections it takes (3); try again later.',
	]);
	t.like(server.log.events('refused')[0], {
		level: 'warn',
		fields: {limit: 'max_connections', connections: 3, refused: 1},
	});
	t.is(server.log.events('connect').length, 3, 'a refused socket is not a connection');

	// Nobody noticed.
	t.regex((await alice.command('MESSAGE still here')).outcome, /^OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice still here$/);
	t.is((await visitor.command('PING')).outcome, 'OK PING 0 Pong.');

	// A connection that ends makes room.
	visitor.destroy();
	await eventually('the visitor is gone', () => server.connectionCount() === 2);
	const carol = await register(t, server, 'carol');
	t.is((await carol.command('PING')).outcome, 'OK PING 0 Pong.');
});

test('past --max-connections-per-ip a new connection from that address is refused the same way', async (t) => {
	const server = await startTestServer(t, {maxConnectionsPerIp: 2, maxConnections: 100});
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	t.deepEqual(await refused(t, server.port), [
		'BYE TOO_MANY_CONNECTIONS Your address has all the connections the server takes from one address (2); close one and try again.',
	]);
	t.like(server.log.events('refused')[0], {fields: {limit: 'max_connections_per_ip'}});
	t.regex((await bob.command('DM alice fine')).outcome, /^OK DM /);
	t.regex(await alice.next(), /^DM \d+ \S+ bob alice fine$/);
	await alice.command('CLOSE');
	await alice.closed;
	await eventually("alice's connection is counted out", () => server.connectionCount() === 1);
	const again = await TcpClient.connect(server.port, {greeting: HELLO});
	t.teardown(() => again.destroy());
	// Served: greeted (the client checks HELLO) and answered.
	t.is((await again.command('PING')).outcome, 'OK PING 0 Pong.');
});

test('a burst of refused connections is logged once a second, with a count, not once each', async (t) => {
	const clock = new ManualScheduler();
	const server = await startTestServer(t, {
		maxConnections: 1,
		scheduler: clock,
		idleTimeoutMs: 0,
		registerTimeoutMs: 0,
	});
	await connect(t, server);
	for (let i = 0; i < 20; i++) {
		t.regex((await refused(t, server.port))[0] ?? '', /^BYE TOO_MANY_CONNECTIONS /);
	}

	t.deepEqual(
		server.log.events('refused').map((entry) => entry.fields['refused']),
		[1],
	);
	clock.advance(1000);
	await refused(t, server.port);
	t.deepEqual(
		server.log.events('refused').map((entry) => entry.fields['refused']),
		[1, 20],
	);
	t.is(server.connectionCount(), 1);
});

test('a connection that does not SET_NAME within --register-timeout gets BYE REGISTRATION_TIMEOUT', async (t) => {
	const clock = new ManualScheduler();
	const server = await startTestServer(t, {scheduler: clock, registerTimeoutMs: 60_000, idleTimeoutMs: 0});
	const [alice] = await registerAll(t, server, 'alice');
	const lurker = await connect(t, server);
	const late = await connect(t, server);
	t.is((await lurker.command('HELP')).outcome, 'OK HELP 22 Commands are case-insensitive; one per line.');
	clock.advance(59_999);
	t.is((await late.command('SET_NAME late')).outcome, 'OK SET_NAME late lobby Welcome, late. You are in group lobby.');
	t.is(await alice.next(), 'ONLINE late lobby');
	clock.advance(1);
	t.is(
		await lurker.next(),
		'BYE REGISTRATION_TIMEOUT You did not register within 60 seconds. Reconnect and send SET_NAME <name>.',
	);
	await lurker.closed;
	t.like(await server.log.waitFor('disconnect', {conn: 2}), {fields: {reason: 'registration_timeout', users: 2}});
	// Registered ones are not touched, however long they stay.
	clock.advance(10 * 60_000);
	t.is((await late.command('PING')).outcome, 'OK PING 0 Pong.');
	t.is((await alice.command('PING')).outcome, 'OK PING 0 Pong.');
});

test('--register-timeout 0 never times out', async (t) => {
	const clock = new ManualScheduler();
	const server = await startTestServer(t, {scheduler: clock, registerTimeoutMs: 0, idleTimeoutMs: 0});
	const lurker = await connect(t, server);
	clock.advance(24 * 60 * 60_000);
	t.is((await lurker.command('PING')).outcome, 'OK PING 0 Pong.');
	t.is(clock.pending, 0, 'no timer was even set');
});

test('the line limit is a server option (--max-line-bytes)', async (t) => {
	const server = await startTestServer(t, {maxLineBytes: 300});
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	t.is(
		(await alice.command(`MESSAGE ${'x'.repeat(300)}`)).outcome,
		'ERR LINE_TOO_LONG * Line longer than 300 bytes; it was discarded.',
	);
	t.regex((await alice.command(`MESSAGE ${'x'.repeat(292)}`)).outcome, /^OK MESSAGE 1 /);
	t.is((await bob.next()).length, 'MSG 1 '.length + 24 + ' lobby alice '.length + 292);
});
