/**
 * HISTORY over real sockets: the current group's messages and the user's DMs after an
 * id, oldest first, paged.
 */
import test from 'ava';
import {MAX_HISTORY_LINES} from '../../protocol/index.js';
import {connect, register, registerAll, startTestServer} from '../helpers/server.js';

const TIME = / \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;
const untimed = (lines: readonly string[]) => lines.map((line) => line.replace(TIME, ' '));

test("HISTORY: the group's messages and my DMs after the id, oldest first, my own included", async (t) => {
	const server = await startTestServer(t);
	const [alice, bob, carol] = await registerAll(t, server, 'alice', 'bob', 'carol');
	await alice.command('MESSAGE one');
	await bob.command('DM alice two');
	await bob.command('DM carol not for alice');
	await carol.command('MESSAGE three');
	t.deepEqual(untimed([await alice.next(), await alice.next()]), ['DM 2 bob alice two', 'MSG 4 lobby carol three']);

	const history = await alice.command('HISTORY 0');
	t.deepEqual(untimed(history.lines), ['MSG 1 lobby alice one', 'DM 2 bob alice two', 'MSG 4 lobby carol three']);
	t.is(history.outcome, 'OK HISTORY 3 0 3 messages from lobby and your DMs after 0.');
	t.deepEqual(untimed((await alice.command('HISTORY 2')).lines), ['MSG 4 lobby carol three']);
	t.deepEqual(await alice.command('HISTORY 4'), {
		lines: [],
		outcome: 'OK HISTORY 0 0 0 messages from lobby and your DMs after 4.',
	});
	t.deepEqual(await alice.command('@id=h HISTORY 0099'), {
		lines: [],
		outcome: '@id=h OK HISTORY 0 0 0 messages from lobby and your DMs after 0099.',
	});
	// The lines are the very ones delivered live.
	const live = await carol.command('HISTORY 0');
	t.deepEqual(untimed(live.lines), [
		'MSG 1 lobby alice one',
		'DM 3 bob carol not for alice',
		'MSG 4 lobby carol three',
	]);
});

test('HISTORY follows the group you are in now, messages from before you came included', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	await alice.command('MESSAGE in the lobby');
	await bob.next();
	await bob.command('NEW_GROUP night');
	await alice.until((line) => line === 'JOINED night bob');
	const carol = await register(t, server, 'carol');
	await alice.next();
	await bob.next();
	await carol.command('JOIN_GROUP night');
	t.deepEqual([await alice.next(), await alice.next()], ['LEFT lobby carol', 'JOINED night carol']);
	await bob.command('MESSAGE night one');
	await carol.next();
	t.deepEqual(untimed((await alice.command('HISTORY 0')).lines), ['MSG 1 lobby alice in the lobby']);
	t.deepEqual(untimed((await carol.command('HISTORY 0')).lines), ['MSG 2 night bob night one']);
	await alice.command('JOIN_GROUP night');
	t.deepEqual(untimed((await alice.command('HISTORY 0')).lines), ['MSG 2 night bob night one']);
});

// Issue 9 turned this test round: DMs used to be kept by name, so whoever registered the
// name next read them ("they are there after a reconnect"). A guest's DMs are now its
// session's: the next holder of the name reads none of them. An account's DMs follow
// the account (test/server/accounts.test.ts).
test("a guest's DMs are its own session's: whoever takes the name next does not read them", async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	await bob.command('DM alice are you there?');
	t.is(untimed([await alice.next()])[0], 'DM 1 bob alice are you there?');
	t.deepEqual(untimed((await alice.command('HISTORY 0')).lines), ['DM 1 bob alice are you there?']);
	alice.destroy();
	await bob.until((line) => line === 'OFFLINE alice lobby');
	const back = await register(t, server, 'Alice');
	t.is(await bob.next(), 'ONLINE Alice lobby');
	const reply = await back.command('HISTORY 0');
	t.deepEqual(reply.lines, []);
	t.deepEqual(
		untimed((await bob.command('HISTORY 0')).lines),
		['DM 1 bob alice are you there?'],
		'the sender keeps it',
	);
});

// Every message is kept now (issue 9: the database): the --history bound went with the in-memory history.
test('HISTORY pages: 500 lines at most, more=1 until the last page', async (t) => {
	const server = await startTestServer(t, {rate: 0});
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	const total = 1300;
	await alice.sendRaw(Array.from({length: total}, (_, index) => `MESSAGE m${index + 1}\n`).join(''));
	let oks = 0;
	await alice.until((line) => line.startsWith('OK MESSAGE') && ++oks === total);

	const pages: Array<{first: string; last: string; outcome: string; count: number}> = [];
	let after = '0';
	for (let page = 0; page < 10; page++) {
		const reply = await bob.command(`HISTORY ${after}`);
		// Bob also got every message live: those come first, before his first reply.
		const messages = page === 0 ? reply.lines.slice(total) : reply.lines;
		pages.push({
			first: messages[0]?.split(' ')[1] ?? '',
			last: messages.at(-1)?.split(' ')[1] ?? '',
			outcome: reply.outcome,
			count: messages.length,
		});
		if (reply.outcome.startsWith('OK HISTORY') && reply.outcome.split(' ')[3] === '0') {
			break;
		}

		after = messages.at(-1)!.split(' ')[1]!;
	}

	t.deepEqual(
		pages.map(({first, last, count}) => [first, last, count]),
		[
			['1', '500', MAX_HISTORY_LINES],
			['501', '1000', MAX_HISTORY_LINES],
			['1001', '1300', 300],
		],
	);
	t.deepEqual(
		pages.map(({outcome}) => outcome.split(' ').slice(0, 4).join(' ')),
		['OK HISTORY 500 1', 'OK HISTORY 500 1', 'OK HISTORY 300 0'],
	);
	t.regex(pages[0]!.outcome, /more are kept: send HISTORY with the last id again\.$/);
});

test('a HISTORY reply stays within a quarter of --max-queued-bytes, so it never cuts its reader off', async (t) => {
	const maxQueuedBytes = 256 * 1024;
	const server = await startTestServer(t, {rate: 0, maxQueuedBytes});
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	const text = 'b'.repeat(4000);
	await alice.sendRaw(Array.from({length: 100}, () => `MESSAGE ${text}\n`).join(''));
	let live = 0;
	await bob.until((line) => line.startsWith('MSG ') && ++live === 100);
	const reply = await bob.command('HISTORY 0');
	const bytes = reply.lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
	t.true(bytes <= maxQueuedBytes / 4, `${bytes} bytes`);
	t.true(reply.lines.length > 1);
	t.regex(reply.outcome, new RegExp(`^OK HISTORY ${reply.lines.length} 1 `));
	t.deepEqual(server.log.events('slow_consumer'), []);
});

test('HISTORY refusals: not registered, no id, not an id', async (t) => {
	const server = await startTestServer(t);
	const visitor = await connect(t, server);
	t.is((await visitor.command('HISTORY 0')).outcome, 'ERR NOT_REGISTERED HISTORY Register first: SET_NAME <name>.');
	const alice = await register(t, server, 'alice');
	t.is(
		(await alice.command('HISTORY')).outcome,
		'ERR HISTORY_INVALID HISTORY Say after which message: the id of the last one you saw, or 0 for all kept. Usage: HISTORY <after-id> [limit].',
	);
	// '1 2' is no longer refused: 2 is a limit (issue 9); 'x 2' has no id.
	for (const bad of ['-1', '1.5', 'abc', 'x 2', '99999999999999999']) {
		t.regex(
			(await alice.command(`@id=z HISTORY ${bad}`)).outcome,
			/^@id=z ERR HISTORY_INVALID HISTORY ".*" is not a message id; /,
			bad,
		);
	}
});

test('a message that was refused is not in the history', async (t) => {
	const server = await startTestServer(t);
	const alice = await register(t, server, 'alice');
	await alice.command('MESSAGE to nobody');
	await alice.command('DM ghost boo');
	t.deepEqual((await alice.command('HISTORY 0')).lines, []);
});
