/**
 * `chat tui` with several nodes of one chat: when its node is killed (SIGKILL), the
 * client moves to the next node, logs in again and resumes there: what it had sent
 * without an answer is resent under the same client ids (kept once), and what was
 * said while it was away comes from the log, so it misses nothing and sees nothing twice.
 */
import test from 'ava';
import {groupConversation, type ChatState} from '../../tui/state/index.js';
import {spawnChat} from '../helpers/chat-process.js';
import {startTestNode} from '../helpers/cluster.js';
import {natsServer} from '../helpers/nats-server.js';
import {register} from '../helpers/server.js';
import {isOnline, messages, startSession, until} from '../tui/session/helpers.js';

const STARTED = /level=info event=started host=127\.0\.0\.1 port=(\d+) pid=(\d+)\n/;
const PASSWORD = 'correct horse battery';
const LOBBY = groupConversation('lobby');

function lobby(state: ChatState): string[] {
	return messages(state, LOBBY).map((message) => `${message.from}: ${message.text} (${message.delivery ?? 'in'})`);
}

test('a TUI whose node is killed fails over to another node and resumes with no gap and no duplicate', async (t) => {
	const nats = await natsServer(t);
	const chat = spawnChat(t, ['serve', '--port', '0', '--nats', nats.url]);
	const [, port] = await chat.waitForStderr(STARTED);
	const b = await startTestNode(t, nats.url);
	await b.log.waitFor('cluster_node_up');

	const maker = await register(t, b, 'alice');
	t.regex((await maker.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD /);
	maker.send('CLOSE');
	await maker.closed;
	const bob = await register(t, b, 'bob');

	const alice = startSession(t, Number(port), 'alice', {
		password: PASSWORD,
		fallbacks: [{host: '127.0.0.1', port: b.port}],
	});
	await until(alice.session, 'alice online on the first node', isOnline);
	t.is(alice.session.getState().connection.port, Number(port));
	await bob.until((line) => line === 'ONLINE alice lobby');
	alice.session.submit('a1\na2');
	await until(alice.session, 'a1 and a2 sent', (state) => lobby(state).join() === 'alice: a1 (sent),alice: a2 (sent)');

	process.kill(chat.child.pid!, 'SIGKILL');
	await chat.exited;
	const offline = await until(alice.session, 'alice offline', (state) => state.connection.status === 'offline');
	// Typed while offline, and said on the surviving node meanwhile.
	alice.session.submit('a3');
	t.regex((await bob.command('MESSAGE b1 while alice was away')).outcome, /^OK MESSAGE /);

	// The retry comes due (the test's clock): it goes to the next node.
	alice.scheduler.advance(offline.connection.nextRetryAt! - alice.scheduler.now());
	const resumed = await until(
		alice.session,
		'alice resumed on the other node',
		(state) => isOnline(state) && state.resume === undefined && state.outbox.length === 0 && lobby(state).length === 4,
	);
	t.is(resumed.connection.port, b.port);
	t.deepEqual(lobby(resumed), [
		'alice: a1 (sent)',
		'alice: a2 (sent)',
		'bob: b1 while alice was away (in)',
		'alice: a3 (sent)',
	]);

	// Bob got each of alice's messages once; the last one after everything else.
	t.regex((await bob.command('MESSAGE b2')).outcome, /^OK MESSAGE /);
	await until(alice.session, 'b2 arrived', (state) => lobby(state).at(-1) === 'bob: b2 (in)');
	const fromAlice = bob.received
		.filter((line) => / lobby alice /.test(line))
		.map((line) => line.replace(/^MSG \d+ \S+ lobby alice /, ''));
	t.deepEqual(fromAlice, ['a1', 'a2', 'a3']);
});
