/**
 * Keepalive both ways. The server PINGs a client silent for half the idle timeout and
 * drops one silent for all of it (a silently dead peer included); the client PINGs the
 * server and gets OK PING; PONG gets no reply. Time is a ManualScheduler the test moves,
 * over real sockets, so nothing here waits for a timeout to pass.
 */
import test from 'ava';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {connect, eventually, registerAll, startTestServer} from '../helpers/server.js';

const IDLE_MS = 120_000;
const PING = (token: number) => `PING ${token} Reply PONG ${token} (or send anything) to stay connected.`;
const BYE_IDLE = 'BYE IDLE Nothing came from you for 120 seconds; the connection is closed. Reconnect to continue.';

async function startClocked(t: import('ava').ExecutionContext) {
	const clock = new ManualScheduler();
	const server = await startTestServer(t, {
		scheduler: clock,
		idleTimeoutMs: IDLE_MS,
		registerTimeoutMs: 0,
		closeGraceMs: 100,
	});
	return {clock, server};
}

test('a silent client is sent PING at half the idle timeout, and BYE IDLE at the whole', async (t) => {
	const {clock, server} = await startClocked(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	// What bob sends keeps bob alive, not alice: each DM to alice also marks, on her
	// socket, the moment it was sent, so a PING sent before it would come before it.
	const poke = async (text: string) => {
		await bob.command(`DM alice ${text}`);
		t.regex(await alice.next(), new RegExp(`^DM \\d+ \\S+ bob alice ${text}$`));
	};

	clock.advance(IDLE_MS / 2 - 1);
	await poke('one');
	clock.advance(1);
	t.is(await alice.next(), PING(1));
	clock.advance(IDLE_MS / 2 - 1);
	await poke('two');
	clock.advance(1);
	t.is(await alice.next(), BYE_IDLE);
	await alice.closed;
	t.is(await bob.next(), 'OFFLINE alice lobby');
	t.like(await server.log.waitFor('disconnect', {user: 'alice'}), {fields: {reason: 'idle', users: 1}});
});

test('any line is a sign of life; PONG is one that gets no reply', async (t) => {
	const {clock, server} = await startClocked(t);
	const [alice] = await registerAll(t, server, 'alice');
	clock.advance(IDLE_MS / 2);
	t.is(await alice.next(), PING(1));
	alice.send('PONG 1');
	// The next line is PING's OK: PONG said nothing.
	t.deepEqual(await alice.command('PING after-pong'), {lines: [], outcome: 'OK PING after-pong Pong.'});
	clock.advance(IDLE_MS / 2);
	t.is(await alice.next(), PING(2));
	t.regex((await alice.command('FOO')).outcome, /^ERR UNKNOWN_COMMAND FOO /);
	clock.advance(IDLE_MS - 1);
	t.deepEqual(await alice.command('LIST_GROUP'), {
		lines: [PING(3), 'GROUP lobby 1'],
		outcome: 'OK LIST_GROUP 1 1 group.',
	});
	clock.advance(IDLE_MS - 1);
	t.deepEqual(await alice.command('PING still-here'), {lines: [PING(4)], outcome: 'OK PING still-here Pong.'});
	t.deepEqual(server.log.events('idle'), []);
});

test('a silently dead peer (never reads, never writes) is dropped, and the others hear it left', async (t) => {
	const {clock, server} = await startClocked(t);
	const [watcher, dead] = await registerAll(t, server, 'watcher', 'dead');
	const unregistered = await connect(t, server);
	// It spoke once: one that never spoke is neither PINGed nor told BYE (lab-client.test.ts).
	t.is((await unregistered.command('PING')).outcome, 'OK PING 0 Pong.');
	dead.pause();
	unregistered.pause();
	// The watcher keeps talking, so only the silent ones are affected.
	clock.advance(IDLE_MS / 2);
	t.is(await watcher.next(), PING(1));
	watcher.send('PONG 1');
	t.is((await watcher.command('PING')).outcome, 'OK PING 0 Pong.');
	clock.advance(IDLE_MS / 2);
	// The watcher, silent since its PONG, is due a PING at the same moment.
	t.deepEqual(await watcher.until((line) => line === 'OFFLINE dead lobby'), [PING(2), 'OFFLINE dead lobby']);
	t.like(await server.log.waitFor('disconnect', {user: 'dead'}), {fields: {reason: 'idle'}});
	t.like(await server.log.waitFor('disconnect', {conn: 3}), {fields: {reason: 'idle', users: 1}});
	// Had they been reading, this is what they would have seen.
	for (const client of [dead, unregistered]) {
		client.resume();
		t.deepEqual(await client.until((line) => line.startsWith('BYE ')), [PING(1), BYE_IDLE]);
		await client.closed;
	}

	await eventually('only the watcher is connected', () => server.connectionCount() === 1);
	t.is(server.userCount(), 1);
});

test('with a real clock and a tiny timeout, the same happens in real time', async (t) => {
	const server = await startTestServer(t, {idleTimeoutMs: 200, registerTimeoutMs: 0});
	const client = await connect(t, server);
	t.is((await client.command('PING')).outcome, 'OK PING 0 Pong.');
	t.is(await client.next(), 'PING 1 Reply PONG 1 (or send anything) to stay connected.');
	t.is(
		await client.next(),
		'BYE IDLE Nothing came from you for 0.2 seconds; the connection is closed. Reconnect to continue.',
	);
	await client.closed;
});

test('a client probes the server with PING, registered or not, with or without a token', async (t) => {
	const server = await startTestServer(t);
	const client = await connect(t, server);
	t.deepEqual(await client.command('PING'), {lines: [], outcome: 'OK PING 0 Pong.'});
	t.deepEqual(await client.command('ping tui-42'), {lines: [], outcome: 'OK PING tui-42 Pong.'});
	t.deepEqual(await client.command('@id=p1 PING x'), {lines: [], outcome: '@id=p1 OK PING x Pong.'});
	t.is(
		(await client.command('PING a b')).outcome,
		'ERR TOO_MANY_ARGUMENTS PING PING takes at most one token. Usage: PING [token].',
	);
	t.regex(
		(await client.command('PING \u001b[2J')).outcome,
		/^ERR TOKEN_INVALID PING A token is up to 128 characters .*"\\x1b\[2J"\.$/,
	);
	// PONG never answers, well-formed or not, registered or not.
	client.send('PONG');
	client.send('PONG 7');
	client.send('@id=q PONG a b c');
	client.send('PONG \u001b');
	t.deepEqual(await client.command('PING last'), {lines: [], outcome: 'OK PING last Pong.'});
});
