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
		outcome: 'ERR INTERNAL LIST_GROUP The server failed while handling LIST_GROUP. Try again; if it keeps failing, tell the operator.',
	});
	const logged = await server.log.waitFor('error', {command: 'LIST_GROUP'});
	t.like(logged, {level: 'error', fields: {conn: 1, user: 'alice', error: 'groups are on fire'}});
	t.regex(logged.line, /stack="TypeError: groups are on fire\\n/);
	t.regex((await alice.command('MESSAGE after the fire')).outcome, /^OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice after the fire$/);
});

test('a client that stops reading is cut off past the cap; the sender and a bystander keep working', async (t) => {
	const maxQueuedBytes = 64 * 1024;
	// A long grace: the slow client reads its backlog (and the BYE after it) only once
	// the test resumes it, and the test must not race a timer to see that.
	const server = await startTestServer(t, {maxQueuedBytes, closeGraceMs: 60_000});
	const [slow, flooder, bystander] = await registerAll(t, server, 'slow', 'flooder', 'bystander');
	slow.pause();

	const text = 'z'.repeat(8000);
	const batch = Array.from({length: 50}, () => `MESSAGE ${text}\n`).join('');
	let offline: string | undefined;
	// Bounded: 40 batches are 16 MB, far beyond any loopback socket buffer plus the cap.
	for (let round = 0; round < 40 && !offline; round++) {
		await flooder.sendRaw(batch);
		// Every message gets its OK; read them all, noting the OFFLINE if it comes.
		for (let oks = 0; oks < 50; ) {
			const line = await flooder.next();
			if (line.startsWith('OK MESSAGE ')) {
				oks++;
			} else if (line.startsWith('OFFLINE ')) {
				offline = line;
			}
		}
	}

	t.is(offline, 'OFFLINE slow lobby');
	const cut = await server.log.waitFor('slow_consumer');
	t.like(cut, {level: 'warn', fields: {conn: 1, limit: maxQueuedBytes}});
	t.true(Number(cut.fields['queued']) > maxQueuedBytes);
	t.like(await server.log.waitFor('disconnect', {user: 'slow'}), {fields: {reason: 'slow_consumer', users: 2}});

	// The others go on: the bystander drains what the flood sent it and still talks.
	await bystander.until((line) => line === 'OFFLINE slow lobby');
	t.regex((await bystander.command('DM flooder done?')).outcome, /^OK DM \d+ \S+ flooder Sent to flooder\.$/);
	t.regex(await flooder.next(), /^DM \d+ \S+ bystander flooder done\?$/);
	t.deepEqual((await flooder.command('LIST')).lines, [
		'MEMBER lobby bystander',
		'MEMBER lobby flooder',
		'USER bystander lobby',
		'USER flooder lobby',
	]);

	// The slow client, once it reads again, finds its backlog, the reason, and the end.
	slow.resume();
	const last = await slow.until((line) => !line.startsWith('MSG '));
	t.is(
		last.at(-1),
		'BYE SLOW_CONSUMER You fell behind: more than 65536 bytes were waiting for you to read. Reconnect to continue.',
	);
	await slow.closed;
	t.deepEqual(slow.unread(), []);
});
