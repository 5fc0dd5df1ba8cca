/**
 * One NATS server of a 3-member JetStream cluster killed in the middle of a burst: the
 * chat carries on, and every message acknowledged with OK is delivered once and kept.
 * What was refused meanwhile (STORE_FAILED) is sent again under its client id until it
 * is acknowledged, as a client does: stored once, never twice.
 */
import {jetstreamManager} from '@nats-io/jetstream';
import {connect} from '@nats-io/transport-node';
import test from 'ava';
import {LOG_STREAM} from '../../server/cluster/jetstream-log.js';
import {startTestNodes, type TestNode} from '../helpers/cluster.js';
import {natsCluster} from '../helpers/nats-server.js';
import {eventually, HELLO, register} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';

const BURST = 60;
const WINDOW = 10;
const PASSWORD = 'correct horse battery';

/** Sends every message of `ids` at once; resolves with the ids each outcome acknowledged or refused. */
async function burst(client: TcpClient, ids: readonly number[], onOutcome: (count: number) => void) {
	for (const id of ids) {
		client.send(`@id=m${id} MESSAGE burst ${id}`);
	}

	const acked: number[] = [];
	const refused: number[] = [];
	for (let count = 1; count <= ids.length; count++) {
		const [line] = (await client.until((line) => /^@id=m\d+ (OK|ERR) /.test(line))).slice(-1);
		const id = Number(/^@id=m(\d+)/.exec(line!)![1]);
		if (/^@id=m\d+ OK MESSAGE /.test(line!)) {
			acked.push(id);
		} else {
			if (!line!.includes(' ERR STORE_FAILED ')) {
				throw new Error(`unexpected outcome: ${line}`);
			}

			refused.push(id);
		}

		onOutcome(count);
	}

	return {acked, refused};
}

test('the NATS member leading the log, killed mid-burst, loses nothing acknowledged; resends are stored once', async (t) => {
	const nats = await natsCluster(t);
	const [a, b] = await startTestNodes(t, nats.urls, 2);
	const alice = await register(t, a!, 'alice');
	t.regex((await alice.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD /);
	// Bob's node may need seconds to find the log again after the loss of its leader: waited for (hang.ts).
	const bob = await TcpClient.connect(b!.port, {greeting: HELLO});
	t.teardown(() => bob.destroy());
	t.regex((await bob.command('SET_NAME bob')).outcome, /^OK SET_NAME bob /);
	await alice.next();
	const leader = await logLeader(nats.urls);

	// Windows of messages, each sent at once: the leader dies with the third one in flight.
	const acked: number[] = [];
	let refused: number[] = [];
	for (let window = 0; window < BURST / WINDOW; window++) {
		const ids = Array.from({length: WINDOW}, (_value, index) => window * WINDOW + index + 1);
		const round = await burst(alice, ids, () => {
			if (window === 2) {
				void nats.servers[leader]!.stop('SIGKILL');
			}
		});
		acked.push(...round.acked);
		refused.push(...round.refused);
	}

	t.false(nats.servers[leader]!.running());
	for (let rounds = 1; refused.length > 0; rounds++) {
		t.true(rounds < 50, 'the cluster took messages again');
		// Resent once the node has rebuilt its replica from the log (it refuses writes until then).
		await eventually('the node takes writes again', () => !a!.node.store.refusing);
		const round = await burst(alice, refused, () => undefined);
		acked.push(...round.acked);
		refused = round.refused;
	}

	t.is(new Set(acked).size, BURST);
	// Bob got each message once, live (one refused but stored after all may come before its resend's OK).
	let seen = 0;
	const received = await bob.until((line) => line.startsWith('MSG ') && ++seen === BURST);
	const texts = received.filter((line) => line.startsWith('MSG ')).map(textOf);
	t.is(new Set(texts).size, BURST);
	// And each is kept once: in the history of the other node too.
	await caughtUp(b!);
	const kept = (await bob.command('HISTORY 0')).lines.filter((line) => line.includes(' burst ')).map(textOf);
	t.deepEqual([...kept].sort(), [...texts].sort());
	t.is(bob.unread().length, 0);
});

function textOf(line: string): string {
	return line.replace(/^MSG \d+ \S+ lobby alice /, '');
}

/** Which member leads the log stream now (0, 1 or 2). */
async function logLeader(urls: string): Promise<number> {
	const nc = await connect({servers: urls.split(',')});
	try {
		const jsm = await jetstreamManager(nc);
		const leader = (await jsm.streams.info(LOG_STREAM)).cluster?.leader ?? 'n1';
		return Number(leader.slice(1)) - 1;
	} finally {
		await nc.close();
	}
}

/** The node's replica holds the whole log, asked again while NATS elects new leaders (a request may time out meanwhile). */
async function caughtUp(node: TestNode): Promise<void> {
	for (let tries = 1; ; tries++) {
		try {
			await node.node.caughtUp();
			return;
		} catch (error) {
			if (tries === 5) {
				throw error;
			}
		}
	}
}
