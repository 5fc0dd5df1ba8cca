/**
 * Leaving: CLOSE, a client that just goes away, a connection reset. Whichever way,
 * the user is gone at once, their name is free, and everyone else hears OFFLINE.
 */
import test from 'ava';
import {connect, register, registerAll, startTestServer} from '../helpers/server.js';
import {singleServerTest} from '../helpers/server-on-nats.js';

test('CLOSE says goodbye, frees the name, tells the others, and the server closes the connection', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	t.deepEqual(await alice.command('CLOSE'), {lines: [], outcome: 'OK CLOSE Goodbye, alice.'});
	await alice.closed;
	t.deepEqual(alice.unread(), []);
	t.is(await bob.next(), 'OFFLINE alice lobby');
	t.deepEqual((await bob.command('LIST')).lines, ['MEMBER lobby bob', 'USER bob lobby']);
	await register(t, server, 'ALICE');
	t.is(await bob.next(), 'ONLINE ALICE lobby');
	t.like(await server.log.waitFor('disconnect', {user: 'alice'}), {level: 'info', fields: {reason: 'close', users: 1}});
});

test('CLOSE before registering says a plain goodbye and nobody hears of it', async (t) => {
	const server = await startTestServer(t);
	const [alice] = await registerAll(t, server, 'alice');
	const visitor = await connect(t, server);
	t.deepEqual(await visitor.command('close'), {lines: [], outcome: 'OK CLOSE Goodbye.'});
	await visitor.closed;
	t.deepEqual((await alice.command('LIST_GROUP')).lines, ['GROUP lobby 1']);
	t.like(await server.log.waitFor('disconnect', {conn: 2}), {fields: {reason: 'close', users: 1, user: undefined}});
});

test('lines that arrive after CLOSE in the same segment are ignored', async (t) => {
	const server = await startTestServer(t);
	const alice = await register(t, server, 'alice');
	await alice.sendRaw('CLOSE\nMESSAGE too late\nHELP\n');
	t.is(await alice.next(), 'OK CLOSE Goodbye, alice.');
	await alice.closed;
	t.deepEqual(alice.unread(), []);
});

test('a client that goes away without CLOSE is removed at once and its name is free', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	await bob.command('NEW_GROUP night');
	await alice.until((line) => line === 'JOINED night bob');
	bob.end();
	t.is(await alice.next(), 'OFFLINE bob night');
	await register(t, server, 'bob');
	t.is(await alice.next(), 'ONLINE bob lobby');
	t.like(await server.log.waitFor('disconnect', {user: 'bob'}), {fields: {reason: 'eof', users: 1}});
	t.deepEqual((await alice.command('LIST_GROUP')).lines, ['GROUP lobby 2', 'GROUP night 0']);
});

test('a connection reset is logged and removes that user only', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob, carol] = await registerAll(t, server, 'alice', 'bob', 'carol');
	bob.socket.resetAndDestroy();
	t.is(await alice.next(), 'OFFLINE bob lobby');
	t.is(await carol.next(), 'OFFLINE bob lobby');
	t.like(await server.log.waitFor('error', {conn: 2}), {level: 'warn', fields: {code: 'ECONNRESET'}});
	t.like(await server.log.waitFor('disconnect', {user: 'bob'}), {fields: {reason: 'error', users: 2}});
	t.regex((await alice.command('MESSAGE still fine')).outcome, /^OK MESSAGE 1 \S+ lobby 1 /);
	t.regex(await carol.next(), /^MSG 1 \S+ lobby alice still fine$/);
});

// Every line of the log, counted: a node logs its joining of the cluster too.
singleServerTest('the log has one line per connect, register and disconnect, with the user count', async (t) => {
	const server = await startTestServer(t);
	const alice = await register(t, server, 'alice');
	await alice.command('CLOSE');
	await server.log.waitFor('disconnect');
	const lines = server.log.entries.map((entry) => entry.line);
	t.is(lines.length, 4);
	t.regex(lines[0]!, new RegExp(`^\\S+Z level=info event=started host=127\\.0\\.0\\.1 port=${server.port} pid=\\d+$`));
	t.regex(lines[1]!, /^\S+Z level=info event=connect conn=1 remote=127\.0\.0\.1:\d+ connections=1$/);
	t.regex(lines[2]!, /^\S+Z level=info event=register conn=1 user=alice users=1$/);
	t.regex(lines[3]!, /^\S+Z level=info event=disconnect conn=1 user=alice reason=close users=0$/);
});
