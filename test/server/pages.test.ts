/**
 * Urgent pages between real TCP clients: a page and its acknowledgement, a group page
 * acknowledged in part and its status, escalation on a fake clock (and across a
 * restart, from the store), a recipient who was offline, and what a lab client sees.
 */
import test, {type ExecutionContext} from 'ava';
import type {NewRecipient, StoredPage} from '../../server/chat/page-store.js';
import type {ServerOptions} from '../../server/serve.js';
import {CHEAP_PASSWORDS} from '../helpers/accounts.js';
import {dataHome} from '../helpers/chat-process.js';
import {HELLO} from '../helpers/hello.js';
import {LabClient} from '../helpers/lab-client.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {singleServerTest} from '../helpers/server-on-nats.js';
import {connect, register, registerAll, startTestServer, type TestServer} from '../helpers/server.js';
import type {TcpClient} from '../helpers/tcp-client.js';

const PASSWORD = 'correct horse battery';
const TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

/** A server whose clock and timers (escalation, and the edge's, all off but escalation) move only when the test says. */
async function fakeClockServer(t: ExecutionContext, scheduler: ManualScheduler, options: ServerOptions = {}) {
	return startTestServer(t, {
		scheduler,
		clock: () => new Date(scheduler.now()),
		idleTimeoutMs: 0,
		registerTimeoutMs: 0,
		rate: 0,
		passwords: CHEAP_PASSWORDS,
		pageTimeoutMs: 60_000,
		...options,
	});
}

/** A line matched against a pattern in which TIME stands for any wire time. */
function like(t: ExecutionContext, line: string, pattern: string): void {
	t.regex(line, new RegExp(`^${pattern.replaceAll('TIME', TIME)}$`));
}

/** An account made from a guest, then logged out: offline, a member of its group. */
async function offlineAccount(t: ExecutionContext, server: TestServer, name: string, others: TcpClient[]) {
	const client = await register(t, server, name);
	for (const other of others) {
		t.is(await other.next(), `ONLINE ${name} lobby`);
	}

	t.regex((await client.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD /);
	t.is((await client.command('CLOSE')).outcome, `OK CLOSE Goodbye, ${name}.`);
	for (const other of others) {
		t.is(await other.next(), `OFFLINE ${name} lobby`);
	}
}

test('a page to one user arrives as a tagged DM, is acknowledged with ACK, and the sender is told who and when', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	const {lines, outcome} = await alice.command('PAGE bob Bed 4 is arresting');
	t.deepEqual(lines, []);
	like(t, outcome, 'OK PAGE 1 TIME bob 1 Paged 1 user. Each must ACK 1.');
	like(t, await alice.next(), 'RECEIPT 1 bob delivered TIME');
	like(t, await bob.next(), '@page DM 1 TIME alice bob Bed 4 is arresting');

	like(t, (await bob.command('ACK 1')).outcome, 'OK ACK 1 TIME Acknowledged page 1; the sender is told.');
	like(t, await alice.next(), 'ACKED 1 TIME bob Acknowledged by bob.');
	like(t, (await bob.command('ACK 1')).outcome, 'OK ACK 1 TIME You acknowledged page 1 already.');

	const status = await alice.command('PAGE_STATUS 1');
	t.is(status.lines.length, 1);
	like(t, status.lines[0]!, 'RECIPIENT 1 bob acked TIME');
	t.is(status.outcome, 'OK PAGE_STATUS 1 1 0 0 1 of 1 acknowledged, 0 delivered and waiting, 0 offline.');

	t.is(
		(await alice.command('ACK 1')).outcome,
		'ERR NO_SUCH_PAGE ACK No page to you has the id 1; pages to you carry the tag @page.',
	);
	t.is((await alice.command('PAGE alice hello')).outcome, 'ERR PAGE_INVALID PAGE You cannot page yourself.');
	t.is((await alice.command('PAGE nobody hello')).outcome, 'ERR NO_SUCH_USER PAGE There is no user named "nobody".');
	t.deepEqual([alice.unread(), bob.unread()], [[], []]);
});

test('a group page: partial acknowledgements, each told to the sender and the group, and the status of every recipient', async (t) => {
	const server = await startTestServer(t, {passwords: CHEAP_PASSWORDS});
	const [alice, bob, carol] = await registerAll(t, server, 'alice', 'bob', 'carol');
	await offlineAccount(t, server, 'erin', [alice, bob, carol]);

	const sent = await alice.command('PAGE #lobby Crash call, bed 9');
	like(
		t,
		sent.outcome,
		'OK PAGE 1 TIME #lobby 3 Paged 3 users; 1 user offline get it when they log in. Each must ACK 1.',
	);
	like(t, await alice.next(), 'RECEIPT 1 bob delivered TIME');
	like(t, await alice.next(), 'RECEIPT 1 carol delivered TIME');
	like(t, await bob.next(), '@page MSG 1 TIME lobby alice Crash call, bed 9');
	like(t, await carol.next(), '@page MSG 1 TIME lobby alice Crash call, bed 9');

	like(t, (await bob.command('ACK 1')).outcome, 'OK ACK 1 TIME .*');
	like(t, await alice.next(), 'ACKED 1 TIME bob Acknowledged by bob.');
	like(t, await carol.next(), 'ACKED 1 TIME bob Acknowledged by bob.');

	for (const asker of [alice, carol]) {
		const status = await asker.command('PAGE_STATUS 1');
		t.is(status.lines.length, 3);
		like(t, status.lines[0]!, 'RECIPIENT 1 bob acked TIME');
		like(t, status.lines[1]!, 'RECIPIENT 1 carol delivered TIME');
		t.is(status.lines[2], 'RECIPIENT 1 erin offline -');
		t.is(status.outcome, 'OK PAGE_STATUS 1 1 1 1 1 of 3 acknowledged, 1 delivered and waiting, 1 offline.');
	}

	const [dave] = await registerAll(t, server, 'dave');
	for (const client of [alice, bob, carol]) {
		t.is(await client.next(), 'ONLINE dave lobby');
	}

	t.is(
		(await dave.command('PAGE_STATUS 1')).outcome,
		'ERR NO_SUCH_PAGE PAGE_STATUS No page you sent or received has the id 1.',
	);
	t.is(
		(await dave.command('PAGE #night hi')).outcome,
		'ERR NO_SUCH_GROUP PAGE There is no group named "night"; LIST_GROUP shows every group.',
	);
	t.deepEqual([alice.unread(), bob.unread(), carol.unread()], [[], [], []]);
});

test('escalation on a fake clock: re-sent after the timeout, escalated with who did not answer after twice it', async (t) => {
	const scheduler = new ManualScheduler();
	const escalations: Array<[number, string | undefined, readonly string[]]> = [];
	const server = await fakeClockServer(t, scheduler, {
		pageEvents: {
			paged: () => {},
			acknowledged: () => {},
			escalated: (page, to, unanswered) => escalations.push([page.id, to, unanswered]),
		},
	});
	const [alice, bob, dave] = await registerAll(t, server, 'alice', 'bob', 'dave');
	t.is(
		(await alice.command('ESCALATION lobby dave 30')).outcome,
		'OK ESCALATION lobby dave 30 Unacknowledged pages to lobby are re-sent after 30 s and escalated to dave after 60 s.',
	);
	t.is(
		(await bob.command('ESCALATION lobby')).outcome,
		'OK ESCALATION lobby dave 30 Unacknowledged pages to lobby are re-sent after 30 s and escalated to dave after 60 s.',
	);
	like(t, (await alice.command('PAGE bob Bed 4 BP 70/40')).outcome, 'OK PAGE 1 TIME bob 1 .*');
	like(t, await alice.next(), 'RECEIPT 1 bob delivered TIME');
	like(t, await bob.next(), '@page DM 1 TIME alice bob Bed 4 BP 70/40');

	scheduler.advance(29_999);
	t.is((await bob.command('PING early')).outcome, 'OK PING early Pong.');
	scheduler.advance(1);
	like(t, await bob.next(), '@page;resend DM 1 TIME alice bob Bed 4 BP 70/40');

	scheduler.advance(30_000);
	like(
		t,
		await dave.next(),
		'@page;escalated DM 1 TIME alice dave \\[Escalated: page not acknowledged by bob in 60 s\\] Bed 4 BP 70/40',
	);
	like(t, await alice.next(), 'RECEIPT 1 dave delivered TIME');
	like(t, await alice.next(), 'ESCALATED 1 TIME dave No acknowledgement from bob; escalated to dave \\(1 user\\).');
	t.deepEqual(escalations, [[1, 'dave', ['bob']]]);

	// The escalation target acknowledges; nothing more happens however long it waits.
	like(t, (await dave.command('ACK 1')).outcome, 'OK ACK 1 TIME .*');
	like(t, await alice.next(), 'ACKED 1 TIME dave Acknowledged by dave.');
	like(t, await bob.next(), 'ACKED 1 TIME dave Acknowledged by dave.');
	scheduler.advance(600_000);
	t.is((await alice.command('PING late')).outcome, 'OK PING late Pong.');
	t.deepEqual([alice.unread(), bob.unread(), dave.unread()], [[], [], []]);
});

test('an acknowledged page is neither re-sent nor escalated', async (t) => {
	const scheduler = new ManualScheduler();
	const server = await fakeClockServer(t, scheduler, {escalateTo: 'dave'});
	const [alice, bob, dave] = await registerAll(t, server, 'alice', 'bob', 'dave');
	await alice.command('PAGE bob Bed 4');
	like(t, await alice.next(), 'RECEIPT 1 bob delivered TIME');
	like(t, await bob.next(), '@page DM 1 TIME alice bob Bed 4');
	await bob.command('ACK 1');
	like(t, await alice.next(), 'ACKED 1 TIME bob Acknowledged by bob.');
	scheduler.advance(600_000);
	for (const client of [alice, bob, dave]) {
		t.is((await client.command('PING after')).outcome, 'OK PING after Pong.');
	}
});

// A restart on the same data directory: a node's pages live in JetStream (test/cluster/page-escalation.test.ts).
singleServerTest(
	'escalation survives a restart: the step that fell due while the server was down runs when it is back',
	async (t) => {
		const dataDir = dataHome(t);
		const scheduler = new ManualScheduler();
		const first = await fakeClockServer(t, scheduler, {dataDir});
		const [alice, bob] = await registerAll(t, first, 'alice', 'bob');
		await offlineAccount(t, first, 'dave', [alice, bob]);
		t.regex((await alice.command('ESCALATION lobby dave 30')).outcome, /^OK ESCALATION /);
		await alice.command('PAGE bob Bed 4');
		like(t, await bob.next(), '@page DM 1 TIME alice bob Bed 4');
		scheduler.advance(30_000);
		like(t, await bob.next(), '@page;resend DM 1 TIME alice bob Bed 4');
		await first.close();

		// Down for 45 s: the escalation (due 30 s after the re-send) is overdue when the server is back.
		scheduler.advance(45_000);
		const second = await fakeClockServer(t, scheduler, {dataDir});
		const alice2 = await connect(t, second);
		t.regex((await alice2.command('SET_NAME alice')).outcome, /^OK SET_NAME alice /);
		const dave = await connect(t, second);
		const login = await dave.command(`SET_NAME dave ${PASSWORD}`);
		t.is(login.outcome, 'OK SET_NAME dave lobby Welcome back, dave. You are in group lobby.');
		t.is(await alice2.next(), 'ONLINE dave lobby');

		scheduler.advance(0);
		like(
			t,
			await dave.next(),
			'@page;escalated DM 1 TIME alice dave \\[Escalated: page not acknowledged by bob in 60 s\\] Bed 4',
		);
		like(t, await alice2.next(), 'RECEIPT 1 dave delivered TIME');
		like(t, await alice2.next(), 'ESCALATED 1 TIME dave No acknowledgement from bob; escalated to dave \\(1 user\\).');

		// Ids go on above the page's.
		const [erin] = await registerAll(t, second, 'erin');
		for (const client of [alice2, dave]) {
			t.is(await client.next(), 'ONLINE erin lobby');
		}

		like(t, (await erin.command('MESSAGE after the restart')).outcome, 'OK MESSAGE 2 TIME lobby 2 .*');
	},
);

test('a page to an offline account is delivered at login, marked overdue once its time has passed, and the sender is told', async (t) => {
	const scheduler = new ManualScheduler();
	const server = await fakeClockServer(t, scheduler);
	const [alice] = await registerAll(t, server, 'alice');
	await offlineAccount(t, server, 'bob', [alice]);
	like(
		t,
		(await alice.command('PAGE bob Call the ward')).outcome,
		'OK PAGE 1 TIME bob 1 Paged 1 user; 1 user offline get it when they log in. Each must ACK 1.',
	);
	const status = await alice.command('PAGE_STATUS 1');
	t.deepEqual(status.lines, ['RECIPIENT 1 bob offline -']);

	scheduler.advance(60_000);
	const bob = await connect(t, server);
	const login = await bob.command(`SET_NAME bob ${PASSWORD}`);
	t.is(login.outcome, 'OK SET_NAME bob lobby Welcome back, bob. You are in group lobby.');
	like(t, await bob.next(), '@page;overdue DM 1 TIME alice bob Call the ward');
	t.is(await alice.next(), 'ONLINE bob lobby');
	like(t, await alice.next(), 'RECEIPT 1 bob delivered TIME');

	// Nobody acknowledged it in twice the time, and no target is set: the sender is told.
	scheduler.advance(60_000);
	like(
		t,
		await alice.next(),
		'ESCALATED 1 TIME - No acknowledgement from bob; no escalation target is set \\(ESCALATION\\).',
	);
});

test('a lab client that is paged reads a DM line it can show, tagged @page, and can ACK it', async (t) => {
	const server = await startTestServer(t);
	const lab = await LabClient.connect(server.port);
	t.teardown(() => lab.destroy());
	lab.send('SET_NAME erin');
	t.is(await lab.next(), HELLO);
	t.is(await lab.next(), 'OK SET_NAME erin lobby Welcome, erin. You are in group lobby.');
	const [alice] = await registerAll(t, server, 'alice');
	t.is(await lab.next(), 'ONLINE alice lobby');
	await alice.command('PAGE erin Bed 2 falls risk');
	like(t, await lab.next(), '@page DM 1 TIME alice erin Bed 2 falls risk');
	lab.send('ACK 1');
	like(t, await lab.next(), 'OK ACK 1 TIME .*');
});

// One advance past two steps: on a node each step first claims in KV, so the second is due only after the advance.
singleServerTest('the page events an audit trail records: paged, acknowledged, escalated', async (t) => {
	const scheduler = new ManualScheduler();
	const events: string[] = [];
	const record = (page: StoredPage, what: string) => events.push(`${what} ${page.id} from ${page.from}`);
	const server = await fakeClockServer(t, scheduler, {
		pageEvents: {
			paged: (page, recipients: readonly NewRecipient[]) =>
				record(page, `paged ${recipients.map((recipient) => recipient.name).join(',')}:`),
			acknowledged: (page, user) => record(page, `acknowledged by ${user}:`),
			escalated: (page, to, unanswered) => record(page, `escalated to ${to ?? '-'} past ${unanswered.join(',')}:`),
		},
	});
	const [alice, bob, carol] = await registerAll(t, server, 'alice', 'bob', 'carol');
	await alice.command('PAGE #lobby one');
	await bob.command('ACK 1');
	await alice.command('PAGE carol two');
	scheduler.advance(120_000);
	t.is((await carol.command('PING')).outcome, 'OK PING 0 Pong.');
	t.deepEqual(events, [
		'paged bob,carol: 1 from alice',
		'acknowledged by bob: 1 from alice',
		'paged carol: 2 from alice',
		'escalated to - past carol: 2 from alice',
	]);
});
