/**
 * The rate limit and the flood cut-off. Time is a ManualScheduler, so "at once" means at
 * exactly the same instant and refills happen when the test says; the bucket itself
 * and the gate are also tested alone.
 */
import test from 'ava';
import {RateGate} from '../../server/net/rate-gate.js';
import {TokenBucket} from '../../server/net/token-bucket.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {registerAll, startTestServer} from '../helpers/server.js';
import {isOutcome} from '../helpers/tcp-client.js';

const LIMITED =
	'Slow down: at most 20 commands a second (200 at once); this one was not run. Send it again in a moment.';

async function startClocked(t: import('ava').ExecutionContext, options: Parameters<typeof startTestServer>[1] = {}) {
	const clock = new ManualScheduler();
	const server = await startTestServer(t, {scheduler: clock, idleTimeoutMs: 0, registerTimeoutMs: 0, ...options});
	return {clock, server};
}

test('past the burst a command gets ERR RATE_LIMITED with its id, and is not run; the bucket refills at the rate', async (t) => {
	const {clock, server} = await startClocked(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	// SET_NAME took one token: 199 left.
	await alice.sendRaw('PING\n'.repeat(199));
	let count = 0;
	const oks = await alice.until((line) => line === 'OK PING 0 Pong.' && ++count === 199);
	t.is(oks.length, 199);
	t.deepEqual(await alice.command('@id=k1 MESSAGE too fast'), {
		lines: [],
		outcome: `@id=k1 ERR RATE_LIMITED MESSAGE ${LIMITED}`,
	});
	t.deepEqual(await alice.command('dm bob x'), {lines: [], outcome: `ERR RATE_LIMITED DM ${LIMITED}`});
	t.deepEqual(await alice.command('NOPE'), {lines: [], outcome: `ERR RATE_LIMITED NOPE ${LIMITED}`});
	await alice.sendRaw(Buffer.from([0xff, 0x0a]));
	t.is(await alice.next(), `ERR RATE_LIMITED * ${LIMITED}`);
	t.like(server.log.events('rate_limited'), [{level: 'warn', fields: {conn: 1, rate: 20, burst: 200}}]);

	// 50 ms is one token at 20 a second.
	clock.advance(50);
	t.regex((await alice.command('@id=k1 MESSAGE now')).outcome, /^@id=k1 OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice now$/, 'the refused ones never reached bob');
	t.is((await alice.command('PING')).outcome, `ERR RATE_LIMITED PING ${LIMITED}`);
	// Bob has his own bucket.
	t.is((await bob.command('PING')).outcome, 'OK PING 0 Pong.');
});

test('a blank line or a PONG over the limit is dropped silently, but counts', async (t) => {
	const {server} = await startClocked(t, {rate: 1, burst: 3});
	const [alice] = await registerAll(t, server, 'alice');
	await alice.sendRaw('\nPONG 1\nPING a\nPING b\n');
	t.deepEqual(await alice.until(isOutcome), [
		`ERR RATE_LIMITED PING Slow down: at most 1 commands a second (3 at once); this one was not run. Send it again in a moment.`,
	]);
	t.regex(await alice.next(), /^ERR RATE_LIMITED PING /);
});

test('more than --burst refusals in a row is a flood: BYE FLOOD, the user leaves, later lines are ignored', async (t) => {
	const {server} = await startClocked(t, {rate: 10, burst: 20});
	const [flooder, bob] = await registerAll(t, server, 'flooder', 'bob');
	await flooder.sendRaw('PING\n'.repeat(100) + 'MESSAGE never\n');
	const lines = await flooder.until((line) => line.startsWith('BYE '));
	t.is(lines.filter((line) => line === 'OK PING 0 Pong.').length, 19, 'the burst, less the SET_NAME');
	t.is(lines.filter((line) => line.startsWith('ERR RATE_LIMITED PING ')).length, 20);
	t.is(lines.length, 19 + 20 + 1);
	t.is(
		lines.at(-1),
		'BYE FLOOD You kept sending far faster than 10 commands a second after being told to slow down; the connection is closed.',
	);
	await flooder.closed;
	t.deepEqual(flooder.unread(), []);
	t.is(await bob.next(), 'OFFLINE flooder lobby', 'bob never got "never"');
	t.like(await server.log.waitFor('flood'), {level: 'warn', fields: {conn: 1, refused: 21}});
	t.like(await server.log.waitFor('disconnect', {user: 'flooder'}), {fields: {reason: 'flood'}});
});

test('refusals that keep coming for more than 10 s are a flood too, even with some commands let through', async (t) => {
	const {clock, server} = await startClocked(t, {rate: 10, burst: 20});
	const [pacer] = await registerAll(t, server, 'pacer');
	await pacer.sendRaw('PING\n'.repeat(19));
	let oks = 0;
	await pacer.until((line) => line === 'OK PING 0 Pong.' && ++oks === 19);
	// Twice the rate: every other line runs, so refusals never come 21 in a row.
	const outcomes: string[] = [];
	for (let step = 0; step < 1000; step++) {
		clock.advance(50);
		pacer.send('PING');
		const [line] = await pacer.until((next) => isOutcome(next) || next.startsWith('BYE '));
		outcomes.push(line!);
		if (line!.startsWith('BYE ')) {
			break;
		}
	}

	t.regex(outcomes.at(-1)!, /^BYE FLOOD /);
	t.true(outcomes.filter((line) => line.startsWith('OK PING')).length > 50, 'some got through all along');
	// The streak started at the first refusal; the cut came at the first refusal more than
	// 10 s after it: refusals fall on every other 50 ms step, so 10.1 s, 202 steps, later.
	const refusedAt = outcomes.findIndex((line) => line.startsWith('ERR RATE_LIMITED'));
	t.is(outcomes.length - 1 - refusedAt, 202);
});

test("a reconnecting client's catch-up, sent all at once, and steady typing never trip the limit", async (t) => {
	const {clock, server} = await startClocked(t);
	const [bob] = await registerAll(t, server, 'bob');
	await bob.command('NEW_GROUP night');
	const [alice] = await registerAll(t, server, 'alice');
	const resend = Array.from({length: 60}, (_, index) => `@id=r${index} MESSAGE queued ${index}`);
	const catchUp = ['LIST', 'LIST_GROUP', 'JOIN_GROUP night', 'HISTORY 0', 'PING', ...resend];
	// SET_NAME went before; the rest in one write, at one instant.
	await alice.sendRaw(catchUp.map((line) => line + '\n').join(''));
	const outcomes = (await alice.until((line) => line.startsWith('@id=r59 '))).filter(isOutcome);
	t.is(outcomes.length, catchUp.length);
	t.deepEqual(
		outcomes.filter((line) => line.includes(' ERR ') || line.startsWith('ERR ')),
		[],
	);

	// Then brisk typing: a command every 200 ms (five a second) for over three minutes.
	for (let i = 0; i < 1000; i += 1) {
		clock.advance(200);
		t.is((await alice.command(`@id=t${i} PING`)).outcome, `@id=t${i} OK PING 0 Pong.`);
	}

	t.deepEqual(server.log.events('rate_limited'), []);
});

test('TokenBucket: a full burst at once, then the rate', (t) => {
	const bucket = new TokenBucket(20, 200, 0);
	let taken = 0;
	while (bucket.take(0) && taken < 1000) {
		taken++;
	}

	t.is(taken, 200);
	t.false(bucket.take(49));
	t.true(bucket.take(50));
	t.false(bucket.take(50));
	t.true(bucket.take(100_000), 'refills up to the burst, no more');
	let again = 1;
	while (bucket.take(100_000) && again < 1000) {
		again++;
	}

	t.is(again, 200);
});

test('RateGate: rate 0 lets everything through; a streak of refusals becomes a flood', (t) => {
	const open = new RateGate({rate: 0, burst: 1, floodMs: 10}, 0);
	for (let i = 0; i < 10_000; i++) {
		t.is(open.admit(0), 'run');
	}

	const gate = new RateGate({rate: 1, burst: 2, floodMs: 10_000}, 0);
	t.deepEqual(
		[gate.admit(0), gate.admit(0), gate.admit(0), gate.admit(0), gate.admit(0)],
		['run', 'run', 'refuse', 'refuse', 'flood'],
	);
	// Refusals that keep coming, less than a second apart, for longer than floodMs.
	const steady = new RateGate({rate: 0.5, burst: 5, floodMs: 1500}, 0);
	for (let i = 0; i < 5; i++) {
		t.is(steady.admit(0), 'run');
	}

	t.deepEqual(
		[steady.admit(0), steady.admit(1000), steady.admit(1400), steady.admit(1600)],
		['refuse', 'refuse', 'refuse', 'flood'],
	);
	// A refusal more than a second after the last one starts a new streak.
	const paused = new RateGate({rate: 0.5, burst: 5, floodMs: 1500}, 0);
	for (let i = 0; i < 5; i++) {
		paused.admit(0);
	}

	t.deepEqual([paused.admit(0), paused.admit(1001), paused.admit(1900)], ['refuse', 'refuse', 'refuse']);
	t.is(paused.refusalsInRow, 3);
});
