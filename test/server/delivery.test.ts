/**
 * Loss-free delivery, the server's half: a command's `@id` comes back on its outcome;
 * a MESSAGE or DM resent under an id already delivered is not delivered again but
 * answered with the first OK plus `dup`, on the same connection or after a reconnect;
 * and message ids keep increasing across a restart.
 */
import test from 'ava';
import {clockIds} from '../../server/chat/message-ids.js';
import {SentIds} from '../../server/chat/sent-ids.js';
import {startServer} from '../../server/serve.js';
import {CapturedLog} from '../helpers/capture-log.js';
import {HELLO} from '../helpers/hello.js';
import {connect, register, registerAll, startTestServer} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';

test('the outcome of any command carries its @id back, OK or ERR; data lines do not', async (t) => {
	const server = await startTestServer(t);
	const client = await connect(t, server);
	t.is((await client.command('@id=a LIST')).outcome, '@id=a ERR NOT_REGISTERED LIST Register first: SET_NAME <name>.');
	const help = await client.command('@id=b;x=1 HELP');
	t.is(help.outcome, '@id=b OK HELP 22 Commands are case-insensitive; one per line.');
	t.true(help.lines.every((line) => line.startsWith('COMMAND ')));
	t.is(
		(await client.command('@id=c SET_NAME a!')).outcome,
		"@id=c ERR NAME_INVALID SET_NAME Names may contain only letters, digits, '-', '_' and '.': \"a!\".",
	);
	t.is(
		(await client.command('@id=d SET_NAME alice')).outcome,
		'@id=d OK SET_NAME alice lobby Welcome, alice. You are in group lobby.',
	);
	t.is(
		(await client.command('@id=e MESSAGE anyone?')).outcome,
		'@id=e ERR NO_RECIPIENTS MESSAGE Nobody else is in lobby to receive it; the message was not sent.',
	);
	t.is(
		(await client.command('@id=f WHAT')).outcome,
		'@id=f ERR UNKNOWN_COMMAND WHAT Unknown command "WHAT". Type HELP for the list of commands.',
	);
	t.is((await client.command('@id=g PING')).outcome, '@id=g OK PING 0 Pong.');
	// An id that is not a token is no id: the outcome comes back untagged.
	t.is((await client.command('@id= PING')).outcome, 'OK PING 0 Pong.');
	t.is((await client.command('@id=a\u0007 PING')).outcome, 'OK PING 0 Pong.');
	t.is((await client.command(`@id=${'x'.repeat(129)} PING`)).outcome, 'OK PING 0 Pong.');
	t.is((await client.command('@id=h CLOSE')).outcome, '@id=h OK CLOSE Goodbye, alice.');
});

test('a MESSAGE or DM resent under a delivered id is not delivered again: the first OK comes back, with dup', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	const first = (await alice.command('@id=k1 MESSAGE Bed 4 review')).outcome;
	t.regex(first, /^@id=k1 OK MESSAGE 1 \S+ lobby 1 Sent to 1 user in lobby\.$/);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice Bed 4 review$/);
	const again = (await alice.command('@id=k1 MESSAGE Bed 4 review')).outcome;
	t.is(again, first.replace('@id=k1 ', '@id=k1;dup '));
	// Even with other text: the id is what says "this is that message again".
	t.is((await alice.command('@id=k1 MESSAGE typo fixed')).outcome, again);
	const dm = (await alice.command('@id=k2 DM bob room 3')).outcome;
	t.regex(dm, /^@id=k2 OK DM 2 \S+ bob Sent to bob\.$/);
	t.is((await alice.command('@id=k2 DM bob room 3')).outcome, dm.replace('@id=k2 ', '@id=k2;dup '));
	t.regex((await alice.command('@id=k3 MESSAGE next')).outcome, /^@id=k3 OK MESSAGE 3 /);
	t.deepEqual(
		[await bob.next(), await bob.next()].map((line) => line.replace(/ \S+Z /, ' ')),
		['DM 2 alice bob room 3', 'MSG 3 lobby alice next'],
		'bob got each message once',
	);
	t.like(server.log.events('duplicate')[0], {fields: {conn: 1, user: 'alice', command: 'MESSAGE', id: 'k1'}});
});

test('duplicates are suppressed across a reconnect under the same name', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	// Alice's link dies right after she sends: she never reads the OK.
	alice.send('@id=m1 MESSAGE Bed 9 obs due');
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice Bed 9 obs due$/);
	alice.destroy();
	t.is(await bob.next(), 'OFFLINE alice lobby');

	const back = await register(t, server, 'alice');
	t.is(await bob.next(), 'ONLINE alice lobby');
	const resend = (await back.command('@id=m1 MESSAGE Bed 9 obs due')).outcome;
	t.regex(resend, /^@id=m1;dup OK MESSAGE 1 \S+ lobby 1 Sent to 1 user in lobby\.$/);
	t.regex((await back.command('@id=m2 MESSAGE after')).outcome, /^@id=m2 OK MESSAGE 2 /);
	t.regex(await bob.next(), /^MSG 2 \S+ lobby alice after$/, 'the resend did not reach bob');
});

test('an id that was refused may be sent again, and is delivered then', async (t) => {
	const server = await startTestServer(t);
	const alice = await register(t, server, 'alice');
	t.regex((await alice.command('@id=r1 MESSAGE hello?')).outcome, /^@id=r1 ERR NO_RECIPIENTS /);
	const bob = await register(t, server, 'bob');
	t.is(await alice.next(), 'ONLINE bob lobby');
	t.regex((await alice.command('@id=r1 MESSAGE hello?')).outcome, /^@id=r1 OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice hello\?$/);
});

test('ids are per user: the same id from two users is two messages', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	t.regex((await alice.command('@id=1 MESSAGE from alice')).outcome, /^@id=1 OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 /);
	t.regex((await bob.command('@id=1 MESSAGE from bob')).outcome, /^@id=1 OK MESSAGE 2 /);
	t.regex(await alice.next(), /^MSG 2 /);
});

test("a user's ids are forgotten 10 minutes after they leave, not before", async (t) => {
	let now = Date.parse('2026-11-24T05:00:00.000Z');
	const server = await startTestServer(t, {clock: () => new Date(now)});
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	t.regex((await alice.command('@id=x MESSAGE one')).outcome, /^@id=x OK MESSAGE 1 /);
	t.regex((await alice.command('@id=y MESSAGE two')).outcome, /^@id=y OK MESSAGE 2 /);
	await alice.command('CLOSE');
	await bob.until((line) => line === 'OFFLINE alice lobby');

	now += 9 * 60_000;
	const soon = await register(t, server, 'alice');
	t.regex((await soon.command('@id=x MESSAGE one')).outcome, /^@id=x;dup OK MESSAGE 1 /);
	await soon.command('CLOSE');

	now += 10 * 60_000 + 1;
	// Someone else coming or going is when the forgetting happens.
	await register(t, server, 'carol');
	const late = await register(t, server, 'alice');
	t.regex((await late.command('@id=y MESSAGE two')).outcome, /^@id=y OK MESSAGE 3 /);
});

test('message ids keep increasing across a restart of the server', async (t) => {
	const run = async (now: number) => {
		const server = await startServer({
			host: '127.0.0.1',
			port: 0,
			logger: new CapturedLog(),
			clock: () => new Date(now),
		});
		t.teardown(() => server.close());
		const ids: number[] = [];
		const clients = await Promise.all(
			['alice', 'bob'].map(async (name) => {
				const client = await TcpClient.connect(server.port, {greeting: HELLO});
				t.teardown(() => client.destroy());
				await client.command(`SET_NAME ${name}`);
				return client;
			}),
		);
		for (let i = 0; i < 3; i++) {
			const outcome = (await clients[0]!.command(`MESSAGE ${i}`)).outcome;
			ids.push(Number(outcome.split(' ')[2]));
		}

		await server.close();
		return ids;
	};

	// The clock stands still in each run: three messages in one millisecond.
	const start = Date.parse('2026-11-24T05:00:00.000Z');
	const before = await run(start);
	t.deepEqual(before, [start * 1000, start * 1000 + 1, start * 1000 + 2]);
	const after = await run(start + 1);
	t.deepEqual(after, [(start + 1) * 1000, (start + 1) * 1000 + 1, (start + 1) * 1000 + 2]);
	t.true(after.every((id) => Number.isSafeInteger(id)));
});

test('clockIds: microseconds of the clock, or one more than the last when that is larger', (t) => {
	let now = 1_800_000_000_000;
	const ids = clockIds(() => now);
	t.deepEqual([ids.next(), ids.next()], ['1800000000000000', '1800000000000001']);
	now += 5;
	t.is(ids.next(), '1800000000005000');
	now -= 60_000;
	t.is(ids.next(), '1800000000005001', 'a clock stepping back does not make ids go back');
	t.true(Number.isSafeInteger(Number(ids.next())));
});

test('SentIds: the last N per user, forgotten after leaving, kept on return, a bound on who is remembered', (t) => {
	let now = 0;
	const sent = new SentIds<string>({perUser: 3, forgetAfterMs: 100, maxAbsent: 2, now: () => now});
	for (const id of ['a', 'b', 'c', 'd']) {
		sent.remember('alice', id, `ok ${id}`);
	}

	t.is(sent.recall('alice', 'a'), undefined, 'the oldest went past the bound');
	t.is(sent.recall('alice', 'd'), 'ok d');
	sent.left('alice');
	now = 99;
	sent.returned('bob');
	t.is(sent.recall('alice', 'd'), 'ok d');
	sent.returned('alice');
	now = 1000;
	sent.left('carol');
	t.is(sent.recall('alice', 'd'), 'ok d', 'she came back: kept');

	for (const user of ['u1', 'u2', 'u3']) {
		sent.remember(user, 'x', 'ok');
		sent.left(user);
	}

	t.is(sent.recall('u1', 'x'), undefined, 'only the 2 most recently gone are remembered');
	t.is(sent.recall('u3', 'x'), 'ok');
	t.is(sent.users, 3);
});
