/**
 * The Store's newer writes across two nodes: every one is an op of the log, so what one
 * node writes the other reads. A page made on one node is acknowledged on the other and
 * its state read on both; DM receipts cross both ways; an SSH key added on one node
 * logs in on the other, and deleted there no longer logs in on the first; retention run
 * by one node removes the messages everywhere; and each node's audit chain (its replica's,
 * saved as a data directory) passes `chat audit verify` after traffic from both.
 */
import {generateKeyPairSync} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {AUDIT_KEY_FILE} from '../../server/audit/signing-key.js';
import type {RunTuiOptions} from '../../tui/run.js';
import {DATABASE_FILE} from '../../server/store/open-store.js';
import {exported, verified} from '../helpers/audit.js';
import {startTestNodes, type TestNode} from '../helpers/cluster.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {natsServer} from '../helpers/nats-server.js';
import {register} from '../helpers/server.js';
import {makeKey, runSsh, sshCommand} from '../helpers/ssh.js';

const TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
const DAY_MS = 24 * 60 * 60 * 1000;

function like(t: ExecutionContext, line: string, pattern: string): void {
	t.regex(line, new RegExp(`^${pattern.replaceAll('TIME', TIME)}$`));
}

test('a page made on one node is acknowledged on the other; its state and DM receipts cross both ways', async (t) => {
	const nats = await natsServer(t);
	const [a, b] = await startTestNodes(t, nats.url, 2);
	const alice = await register(t, a!, 'alice');
	const bob = await register(t, b!, 'bob');
	t.is(await alice.next(), 'ONLINE bob lobby');

	const paged = await alice.command('PAGE bob Bed 4 is arresting');
	like(t, paged.outcome, 'OK PAGE (\\d+) TIME bob 1 Paged 1 user. Each must ACK \\1.');
	const id = paged.outcome.split(' ')[2]!;
	like(t, await alice.next(), `RECEIPT ${id} bob delivered TIME`);
	like(t, await bob.next(), `@page DM ${id} TIME alice bob Bed 4 is arresting`);
	// At once, as a client that rings and is answered would: node b may not have read the page yet.
	like(t, (await bob.command(`ACK ${id}`)).outcome, `OK ACK ${id} TIME Acknowledged page ${id}; the sender is told.`);
	like(t, await alice.next(), `ACKED ${id} TIME bob Acknowledged by bob.`);
	for (const [client, node] of [
		[alice, a],
		[bob, b],
	] as const) {
		await node!.node.caughtUp();
		const status = await client.command(`PAGE_STATUS ${id}`);
		t.is(status.lines.length, 1);
		like(t, status.lines[0]!, `RECIPIENT ${id} bob acked TIME`);
		t.is(status.outcome, `OK PAGE_STATUS ${id} 1 0 0 1 of 1 acknowledged, 0 delivered and waiting, 0 offline.`);
	}

	const dm = await bob.command('@receipts DM alice obs due?');
	like(t, dm.outcome, 'OK DM (\\d+) TIME alice Sent to alice.');
	const dmId = dm.outcome.split(' ')[2]!;
	like(t, await bob.next(), `RECEIPT ${dmId} alice delivered TIME`);
	like(t, await alice.next(), `DM ${dmId} TIME bob alice obs due\\?`);
	t.is((await alice.command(`SEEN ${dmId}`)).outcome, `OK SEEN ${dmId} Seen ${dmId}.`);
	like(t, await bob.next(), `RECEIPT ${dmId} alice read TIME`);
	t.deepEqual([alice.unread(), bob.unread()], [[], []]);
});

test('an SSH key added on one node logs in on the other; deleted there, it is refused on the first', async (t) => {
	t.timeout(90_000);
	// The session itself is not what is tested: it says who it is and ends.
	const runTui = async (options: RunTuiOptions): Promise<number> => {
		options.stdout.write(`signed in as ${options.name}\n`);
		return 0;
	};

	const nats = await natsServer(t);
	const [a, b] = await startTestNodes(t, nats.url, 2, {ssh: {port: 0, runTui}});
	const key = await makeKey(t);
	const auth = (node: TestNode) => node.log.events('ssh_auth').map((entry) => entry.fields['decision']);

	// First use on node a: a new account whose key it is.
	const first = await runSsh(t, sshCommand(a!.ssh!.port, 'gina', key, ['-tt']));
	t.is(first.code, 0, first.stdout + first.stderr);
	t.deepEqual(auth(a!), ['register']);
	await b!.node.caughtUp();
	t.is(b!.node.store.accountKey(key.fingerprint)?.account, 'gina');

	t.is((await runSsh(t, sshCommand(b!.ssh!.port, 'gina', key, ['-tt']))).code, 0);
	t.deepEqual(auth(b!), ['account']);

	// The operator deletes the key on node b: node a refuses it from then on.
	t.true(b!.node.store.deleteAccountKey('gina', key.fingerprint));
	await b!.node.store.settled();
	await a!.node.caughtUp();
	t.is((await runSsh(t, sshCommand(a!.ssh!.port, 'gina', key, ['-tt']))).code, 1);
	t.deepEqual(auth(a!), ['register', 'refuse']);
});

test("retention on one node removes the messages on every node; each node's audit chain verifies", async (t) => {
	const nats = await natsServer(t);
	const upkeep = new ManualScheduler();
	const keys = [generateKeyPairSync('ed25519').privateKey, generateKeyPairSync('ed25519').privateKey];
	// Node b's clock is 40 days ahead: what node a stores now is past b's 30 days of retention.
	const [a] = await startTestNodes(t, nats.url, 1, {auditKey: keys[0]});
	const [b] = await startTestNodes(t, nats.url, 1, {
		auditKey: keys[1],
		clock: () => new Date(Date.now() + 40 * DAY_MS),
		retainDays: 30,
		upkeepScheduler: upkeep,
	});
	await a!.log.waitFor('cluster_node_up', {node: b!.node.id});
	const alice = await register(t, a!, 'alice');
	const bob = await register(t, b!, 'bob');
	t.is(await alice.next(), 'ONLINE bob lobby');
	t.regex((await alice.command('MESSAGE from a')).outcome, /^OK MESSAGE /);
	t.regex(await bob.next(), /^MSG \d+ \S+ lobby alice from a$/);
	t.regex((await alice.command('DM bob from a, privately')).outcome, /^OK DM /);
	t.regex(await bob.next(), /^DM \d+ \S+ alice bob from a, privately$/);
	await b!.node.caughtUp();

	upkeep.advance(60_000);
	await b!.node.store.settled();
	await a!.node.caughtUp();
	for (const client of [alice, bob]) {
		t.deepEqual((await client.command('HISTORY 0')).lines, []);
	}

	for (const [index, node] of [a!, b!].entries()) {
		const dir = mkdtempSync(join(tmpdir(), 'chat-replica-'));
		t.teardown(() => rmSync(dir, {recursive: true, force: true}));
		writeFileSync(join(dir, DATABASE_FILE), node.node.store.replicaImage());
		writeFileSync(join(dir, AUDIT_KEY_FILE), keys[index]!.export({type: 'pkcs8', format: 'pem'}));
		const verdict = verified(dir);
		t.true(verdict.ok, `node ${index}: ${JSON.stringify(verdict)}`);
		const kinds = exported(dir).map((entry) => entry['kind']);
		for (const kind of ['guest_login', 'message', 'dm', 'retention']) {
			t.true(kinds.includes(kind), `node ${index} has a ${kind} entry: ${kinds.join(' ')}`);
		}
	}
});
