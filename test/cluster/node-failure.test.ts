/**
 * When a chat node dies, and when NATS does: a node killed with SIGKILL leaves no ghost
 * (its users go offline on the other nodes, its guests' names are free again); a node
 * cut from NATS refuses to acknowledge what it cannot store, with STORE_FAILED, and
 * takes messages again by itself once NATS is back.
 */
import test from 'ava';
import {startNatsServer} from '../../server/cluster/nats-servers.js';
import {spawnChat} from '../helpers/chat-process.js';
import {startTestNode, startTestNodes} from '../helpers/cluster.js';
import {natsServer} from '../helpers/nats-server.js';
import {HELLO, register} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';

const STARTED = /level=info event=started host=127\.0\.0\.1 port=(\d+) pid=(\d+)\n/;
const STORE_FAILED =
	'ERR STORE_FAILED MESSAGE The server could not store that (its disk may be full); nothing was sent. Try again, or tell the operator.';

test('chat serve --nats joins the cluster; killed with SIGKILL, its users go offline on the other node and its names are free', async (t) => {
	const nats = await natsServer(t);
	const chat = spawnChat(t, ['serve', '--port', '0', '--nats', nats.url]);
	const [, port] = await chat.waitForStderr(STARTED);
	t.regex(chat.stderr, /event=cluster_joined node=\w+ slot=0 /);
	const a = await startTestNode(t, nats.url);
	const bob = await TcpClient.connect(Number(port), {greeting: HELLO});
	t.teardown(() => bob.destroy());
	await a.log.waitFor('cluster_node_up');
	t.is((await bob.command('SET_NAME bob')).outcome, 'OK SET_NAME bob lobby Welcome, bob. You are in group lobby.');
	const alice = await register(t, a, 'alice');
	t.is(await bob.next(), 'ONLINE alice lobby');
	t.deepEqual((await alice.command('LIST')).lines.slice(-2), ['USER alice lobby', 'USER bob lobby']);

	process.kill(chat.child.pid!, 'SIGKILL');
	await chat.exited;
	// Within the node's deadline (3 s by default): nobody said goodbye, the heartbeats stopped.
	t.is(await alice.next(), 'OFFLINE bob lobby');
	t.deepEqual((await alice.command('LIST')).lines, ['MEMBER lobby alice', 'USER alice lobby']);
	const newBob = await register(t, a, 'bob');
	t.is(await alice.next(), 'ONLINE bob lobby');
	t.regex((await newBob.command('MESSAGE the name was free again')).outcome, /^OK MESSAGE /);
});

test('chat serve --nats with NATS unreachable says so in one line and exits 1', async (t) => {
	const nats = await natsServer(t);
	await nats.stop('SIGKILL');
	const chat = spawnChat(t, ['serve', '--port', '0', '--nats', nats.url]);
	t.is((await chat.exited).code, 1);
	t.regex(chat.stderr, new RegExp(`^chat: cannot reach NATS at nats://127\\.0\\.0\\.1:${nats.port}: .+\\.\\n$`));
});

test('cut from NATS, a node refuses messages with STORE_FAILED, delivers none of them, and recovers by itself', async (t) => {
	const nats = await natsServer(t);
	const [a] = await startTestNodes(t, nats.url, 1);
	const alice = await register(t, a!, 'alice');
	const bob = await register(t, a!, 'bob');
	await alice.next();
	t.regex((await alice.command('MESSAGE before')).outcome, /^OK MESSAGE /);
	t.regex(await bob.next(), /^MSG \d+ \S+ lobby alice before$/);

	await nats.stop('SIGKILL');
	t.is((await alice.command('@id=m2 MESSAGE while NATS is down')).outcome, `@id=m2 ${STORE_FAILED}`);
	t.is((await alice.command('MESSAGE still down')).outcome, STORE_FAILED);

	// The same store directory and port: a NATS server restarted after a crash.
	const again = await startNatsServer({name: 'n1', dir: nats.dir, port: nats.port});
	t.teardown(() => again.stop('SIGKILL'));
	await a!.log.waitFor('cluster_recovered');
	const sent = await alice.command('@id=m2 MESSAGE while NATS is down');
	t.regex(sent.outcome, /^@id=m2 OK MESSAGE \d+ /);
	// Nothing refused was delivered: the first line bob gets is the message sent after recovery.
	t.regex(await bob.next(), /^MSG \d+ \S+ lobby alice while NATS is down$/);
	const history = await bob.command('HISTORY 0');
	t.deepEqual(
		history.lines.map((line) => line.replace(/^MSG \d+ \S+ /, '')),
		['lobby alice before', 'lobby alice while NATS is down'],
	);
});
