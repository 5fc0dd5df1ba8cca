/**
 * Compaction: a node takes a snapshot of its replica (with the log sequence it covers)
 * and purges the log below it; a node that starts afterwards loads the snapshot and
 * reads the log after it, and holds what the others hold; a node that was stopped while
 * the log was purged past it rebuilds from the snapshot by itself and takes writes again.
 */
import {jetstreamManager} from '@nats-io/jetstream';
import {connect as natsConnect} from '@nats-io/transport-node';
import test, {type ExecutionContext} from 'ava';
import {LOG_STREAM} from '../../server/cluster/jetstream-log.js';
import {spawnChat} from '../helpers/chat-process.js';
import {startTestNode} from '../helpers/cluster.js';
import {natsServer} from '../helpers/nats-server.js';
import {HELLO, connect, register} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';

const PASSWORD = 'correct horse battery';
const STARTED = /level=info event=started host=127\.0\.0\.1 port=(\d+) pid=(\d+)\n/;

/** The log stream's first and last sequence and how many entries it holds. */
async function logState(t: ExecutionContext, url: string) {
	const nc = await natsConnect({servers: url});
	t.teardown(() => nc.close());
	const {state} = await (await jetstreamManager(nc)).streams.info(LOG_STREAM);
	return {first: state.first_seq, last: state.last_seq, messages: state.messages};
}

/** The messages among the lines, without their ids and times. */
function texts(lines: readonly string[]): string[] {
	return lines.filter((line) => /^(MSG|DM) /.test(line)).map((line) => line.replace(/^(MSG|DM) \d+ \S+ /, '$1 '));
}

test('a node started after a snapshot and a purge loads the snapshot and holds what the others hold', async (t) => {
	const nats = await natsServer(t);
	const a = await startTestNode(t, nats.url, {logKeepMs: 0});
	const erin = await register(t, a, 'erin');
	const frank = await register(t, a, 'frank');
	await erin.next();
	t.regex((await erin.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD /);
	t.regex((await frank.command('MESSAGE before the snapshot')).outcome, /^OK MESSAGE /);
	t.regex(await erin.next(), /^MSG \d+ \S+ lobby frank before the snapshot$/);
	t.regex((await frank.command('DM erin private, before')).outcome, /^OK DM /);
	t.regex(await erin.next(), /^DM \d+ \S+ frank erin private, before$/);

	const seq = await a.node.snapshot();
	t.truthy(seq);
	t.deepEqual(await logState(t, nats.url), {first: seq! + 1, last: seq!, messages: 0});
	t.regex((await frank.command('MESSAGE after the snapshot')).outcome, /^OK MESSAGE /);
	t.regex(await erin.next(), /^MSG \d+ \S+ lobby frank after the snapshot$/);
	t.is((await erin.command('CLOSE')).outcome, 'OK CLOSE Goodbye, erin.');

	const c = await startTestNode(t, nats.url, {logKeepMs: 0});
	t.is((await c.log.waitFor('cluster_joined')).fields['log_entries'], seq! + 1);
	const back = await connect(t, c);
	t.is(
		(await back.command(`SET_NAME erin ${PASSWORD}`)).outcome,
		'OK SET_NAME erin lobby Welcome back, erin. You are in group lobby.',
	);
	t.deepEqual(texts((await back.command('HISTORY 0')).lines), [
		'MSG lobby frank before the snapshot',
		'DM frank erin private, before',
		'MSG lobby frank after the snapshot',
	]);
});

test('a node stopped while the log was purged past it rebuilds from the snapshot, and takes writes again', async (t) => {
	t.timeout(60_000);
	const nats = await natsServer(t);
	const a = await startTestNode(t, nats.url, {logKeepMs: 0});
	const chat = spawnChat(t, ['serve', '--port', '0', '--nats', nats.url]);
	const [, port] = await chat.waitForStderr(STARTED);
	const gus = await TcpClient.connect(Number(port), {greeting: HELLO});
	t.teardown(() => gus.destroy());
	t.regex((await gus.command('SET_NAME gus')).outcome, /^OK SET_NAME gus /);
	const ann = await register(t, a, 'ann');
	t.is(await gus.next(), 'ONLINE ann lobby');
	// Someone to receive ann's messages while gus is away.
	await register(t, a, 'bea');
	t.is(await gus.next(), 'ONLINE bea lobby');

	process.kill(chat.child.pid!, 'SIGSTOP');
	t.teardown(() => {
		if (chat.child.exitCode === null) {
			process.kill(chat.child.pid!, 'SIGCONT');
		}
	});
	await ann.until((line) => line === 'OFFLINE gus lobby');
	// More entries than a pull of gus's node asks for (100): the ones past those are purged before it reads them.
	for (let index = 0; index < 150; index++) {
		t.regex((await ann.command(`MESSAGE away ${index}`)).outcome, /^OK MESSAGE /);
	}

	const seq = await a.node.snapshot();
	t.truthy(seq);
	t.regex((await ann.command('MESSAGE after the purge')).outcome, /^OK MESSAGE /);

	process.kill(chat.child.pid!, 'SIGCONT');
	await chat.waitForStderr(/event=cluster_log_gap /);
	await chat.waitForStderr(/event=cluster_recovered /);
	// What the rebuild delivered live is read first, so the HISTORY reply is all that follows.
	await gus.command('PING drained');
	const history = await gus.command('HISTORY 0');
	const shown = texts(history.lines);
	t.deepEqual(shown.slice(-2), ['MSG lobby ann away 149', 'MSG lobby ann after the purge']);
	t.regex((await gus.command('MESSAGE back again')).outcome, /^OK MESSAGE /);
});
