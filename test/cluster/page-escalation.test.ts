/**
 * Page escalation on a cluster, on a fake clock shared by the nodes: every node keeps a
 * timer for every open page, and each step (the re-send, then the escalation) runs on
 * exactly one of them; when the node that made the page is gone, another takes the
 * steps, and so does a node that starts after the page was made, still once.
 */
import test, {type ExecutionContext} from 'ava';
import type {StoredPage} from '../../server/chat/page-store.js';
import type {NodeOptions} from '../../server/cluster/start-node.js';
import {startTestNode, startTestNodes, type TestNode} from '../helpers/cluster.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {natsServer} from '../helpers/nats-server.js';
import {register} from '../helpers/server.js';

const TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

function like(t: ExecutionContext, line: string, pattern: string): void {
	t.regex(line, new RegExp(`^${pattern.replaceAll('TIME', TIME)}$`));
}

/** Nodes on one fake clock (escalation's; the edge's timers off), escalating to dave after 2 × 60 s. */
function fakeClock(scheduler: ManualScheduler, escalated: number[]): Partial<NodeOptions> {
	return {
		scheduler,
		clock: () => new Date(scheduler.now()),
		idleTimeoutMs: 0,
		registerTimeoutMs: 0,
		rate: 0,
		pageTimeoutMs: 60_000,
		escalateTo: 'dave',
		pageEvents: {
			paged: () => {},
			acknowledged: () => {},
			escalated: (page: StoredPage) => escalated.push(page.id),
		},
	};
}

/** Once every node has claimed the step or lost it, and whatever the winner wrote is in every replica. */
async function stepSettled(nodes: readonly TestNode[], page: string, stage: number): Promise<boolean[]> {
	const claims = await Promise.all(
		nodes.map((node) => node.log.waitFor('page_step_claim', {page: Number(page), stage})),
	);
	for (const node of nodes) {
		await node.node.store.settled();
	}

	for (const node of nodes) {
		await node.node.caughtUp();
	}

	return claims.map((claim) => claim.fields['won'] === true);
}

test('each step of a page runs on exactly one of two nodes', async (t) => {
	const nats = await natsServer(t);
	const scheduler = new ManualScheduler();
	const escalated: number[] = [];
	const nodes = await startTestNodes(t, nats.url, 2, fakeClock(scheduler, escalated));
	const [a, b] = nodes as [TestNode, TestNode];
	const alice = await register(t, a, 'alice');
	const bob = await register(t, b, 'bob');
	const dave = await register(t, b, 'dave');
	await alice.until((line) => line === 'ONLINE dave lobby');
	await bob.next();

	const paged = await alice.command('PAGE bob Bed 4 BP 70/40');
	const id = paged.outcome.split(' ')[2]!;
	like(t, await bob.next(), `@page DM ${id} TIME alice bob Bed 4 BP 70/40`);
	like(t, await alice.next(), `RECEIPT ${id} bob delivered TIME`);
	// Both replicas hold the page, so both keep its timer before the clock moves: a timer
	// armed after advance() would only fire at the next one, and this step's claim wait for it.
	await a.node.caughtUp();
	await b.node.caughtUp();

	scheduler.advance(60_000);
	like(t, await bob.next(), `@page;resend DM ${id} TIME alice bob Bed 4 BP 70/40`);
	t.deepEqual((await stepSettled(nodes, id, 0)).filter(Boolean), [true]);

	scheduler.advance(60_000);
	like(
		t,
		await dave.next(),
		`@page;escalated DM ${id} TIME alice dave \\[Escalated: page not acknowledged by bob in 120 s\\] Bed 4 BP 70/40`,
	);
	t.deepEqual((await stepSettled(nodes, id, 1)).filter(Boolean), [true]);
	like(t, await alice.next(), `RECEIPT ${id} dave delivered TIME`);
	like(t, await alice.next(), `ESCALATED ${id} TIME dave No acknowledgement from bob; escalated to dave \\(1 user\\).`);
	t.deepEqual(escalated, [Number(id)]);

	// Answered: neither node does anything more, however long it waits.
	like(t, (await dave.command(`ACK ${id}`)).outcome, `OK ACK ${id} TIME .*`);
	like(t, await alice.next(), `ACKED ${id} TIME dave Acknowledged by dave.`);
	like(t, await bob.next(), `ACKED ${id} TIME dave Acknowledged by dave.`);
	await a.node.caughtUp();
	scheduler.advance(600_000);
	for (const client of [alice, bob, dave]) {
		t.regex((await client.command('PING after')).outcome, /^OK PING after /);
	}

	t.deepEqual([alice.unread(), bob.unread(), dave.unread()], [[], [], []]);
	t.deepEqual(escalated, [Number(id)]);
});

test('when the node that made a page is gone, another takes its steps, once, with a node started since', async (t) => {
	const nats = await natsServer(t);
	const scheduler = new ManualScheduler();
	const escalated: number[] = [];
	const [a, b] = (await startTestNodes(t, nats.url, 2, fakeClock(scheduler, escalated))) as [TestNode, TestNode];
	const alice = await register(t, a, 'alice');
	const bob = await register(t, b, 'bob');
	const dave = await register(t, b, 'dave');
	await alice.until((line) => line === 'ONLINE dave lobby');
	await bob.next();
	const id = (await alice.command('PAGE bob Bed 4')).outcome.split(' ')[2]!;
	like(t, await bob.next(), `@page DM ${id} TIME alice bob Bed 4`);
	await b.node.caughtUp();

	await a.close();
	t.is(await bob.next(), 'OFFLINE alice lobby');
	t.is(await dave.next(), 'OFFLINE alice lobby');
	// A node that starts now finds the page open in the log, and keeps a timer for it too.
	const c = await startTestNode(t, nats.url, fakeClock(scheduler, escalated));
	await c.node.caughtUp();
	const nodes = [b, c];

	scheduler.advance(60_000);
	like(t, await bob.next(), `@page;resend DM ${id} TIME alice bob Bed 4`);
	t.deepEqual((await stepSettled(nodes, id, 0)).filter(Boolean), [true]);

	scheduler.advance(60_000);
	like(t, await dave.next(), `@page;escalated DM ${id} TIME alice dave \\[Escalated: .*\\] Bed 4`);
	t.deepEqual((await stepSettled(nodes, id, 1)).filter(Boolean), [true]);
	t.deepEqual(escalated, [Number(id)]);
	for (const client of [bob, dave]) {
		t.regex((await client.command('PING after')).outcome, /^OK PING after /);
	}

	t.deepEqual([bob.unread(), dave.unread()], [[], []]);
});
