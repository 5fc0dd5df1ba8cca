/**
 * Trouble on one connection stays there: a handler that throws, a client that stops
 * reading while others flood it.
 */
import test from 'ava';
import {HANDLERS} from '../../server/commands/table.js';
import {registerAll, startTestServer} from '../helpers/server.js';

test('a handler that throws gets ERR INTERNAL, is logged, and the server and that client go on', async (t) => {
	const server = await startTestServer(t, {
		handlers: {
			...HANDLERS,
			LIST_GROUP: () => {
				throw new TypeError('groups are on fire');
			},
		},
	});
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	t.deepEqual(await alice.command('LIST_GROUP'), {
		lines: [],
		outcome:
			'ERR INTERNAL LIST_GROUP The server failed while handling LIST_GROUP. Try again; if it keeps failing, tell the operator.',
	});
	const logged = await server.log.waitFor('error', {command: 'LIST_GROUP'});
	t.like(logged, {level: 'error', fields: {conn: 1, user: 'alice', error: 'groups are on fire'}});
	t.regex(logged.line, /stack="TypeError: groups are on fire\\n/);
	t.regex((await alice.command('MESSAGE after the fire')).outcome, /^OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice after the fire$/);
});

test('a client that stops reading is cut off past the cap, told how many messages it missed; the others keep working', async (t) => {
	const maxQueuedBytes = 64 * 1024;
	// No rate limit: the flood is the point. A long grace: the slow client reads its
	// backlog (and the BYE after it) only once the test resumes it.
	const server = await startTestServer(t, {maxQueuedBytes, closeGraceMs: 60_000, rate: 0});
	const [slow, flooder, bystander] = await registerAll(t, server, 'slow', 'flooder', 'bystander');
	slow.pause();

	const text = 'z'.repeat(8000);
	const batch = Array.from({length: 50}, () => `MESSAGE ${text}\n`).join('');
	let sent = 0;
	const sendBatch = async () => {
		await flooder.sendRaw(batch);
		for (let oks = 0; oks < 50; oks++) {
			t.regex(await flooder.next(), /^OK MESSAGE \d+ \S+ lobby 2 Sent to 2 users in lobby\.$/);
		}

		sent += 50;
	};

	// Bounded: 40 batches are 16 MB, far beyond any loopback socket buffer plus the cap.
	for (let round = 0; round < 40 && server.log.events('slow_consumer').length === 0; round++) {
		await sendBatch();
	}

	const cut = await server.log.waitFor('slow_consumer');
	t.like(cut, {level: 'warn', fields: {conn: 1, limit: maxQueuedBytes}});
	t.true(Number(cut.fields['queued']) > maxQueuedBytes);
	// Past the cap, the slow client is still a recipient, but nothing more is queued for it.
	await sendBatch();
	await sendBatch();

	// The others go on: the bystander got every message, and still talks.
	let seen = 0;
	const got = await bystander.until((line) => line.startsWith('MSG ') && ++seen === sent);
	t.deepEqual(
		got.filter((line) => !line.startsWith('MSG ')),
		[],
	);
	t.regex((await bystander.command('DM flooder done?')).outcome, /^OK DM \d+ \S+ flooder Sent to flooder\.$/);
	t.regex(await flooder.next(), /^DM \d+ \S+ bystander flooder done\?$/);

	// The slow client, once it reads again, finds its backlog, then how much it missed.
	slow.resume();
	const lines = await slow.until((line) => !line.startsWith('MSG '));
	const delivered = lines.length - 1;
	const bye =
		/^BYE SLOW_CONSUMER You were not reading; (\d+) messages were not delivered to you\. Reconnect and send HISTORY <last-id> to fetch them\.$/.exec(
			lines.at(-1) ?? '',
		);
	t.truthy(bye, lines.at(-1));
	t.true(delivered > 0);
	t.is(delivered + Number(bye?.[1]), sent, 'every message was either delivered or counted as missed');
	await slow.closed;
	t.deepEqual(slow.unread(), []);
	t.like(await server.log.waitFor('disconnect', {user: 'slow'}), {fields: {reason: 'slow_consumer', users: 2}});
	await bystander.until((line) => line === 'OFFLINE slow lobby');
	t.is(await flooder.next(), 'OFFLINE slow lobby');
});
