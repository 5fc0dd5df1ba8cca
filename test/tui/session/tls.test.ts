import test from 'ava';
import {tlsTransport} from '../../../tui/connection/index.js';
import {groupConversation} from '../../../tui/state/index.js';
import {HELLO} from '../../helpers/hello.js';
import {TcpClient} from '../../helpers/tcp-client.js';
import {makeCertificate} from '../../helpers/tls-cert.js';
import {isOnline, messages, startChatServer, startSession, until} from './helpers.js';

const LOBBY = groupConversation('lobby');

test('over TLS with --ca, a session registers and exchanges messages with a TLS raw client', async (t) => {
	const certificate = makeCertificate(t);
	const server = await startChatServer(t, 0, {tls: {cert: certificate.cert, key: certificate.key}});
	const alice = startSession(t, server.port, 'alice', {transport: tlsTransport({ca: certificate.cert})});
	await until(alice.session, 'alice online over TLS', isOnline);

	const bob = await TcpClient.connectTls(server.port, {ca: certificate.cert, greeting: HELLO});
	t.teardown(() => bob.destroy());
	bob.send('SET_NAME bob');
	t.regex(await bob.next(), /^OK SET_NAME bob lobby /);
	await until(alice.session, 'alice knows bob', (s) => s.directory.users.has('bob'));

	alice.session.submit('over TLS');
	t.regex(await bob.next(), /^MSG \d+ \S+ lobby alice over TLS$/);
	bob.send('MESSAGE and back');
	const back = await until(alice.session, "alice has bob's", (s) =>
		messages(s, LOBBY).some((m) => m.text === 'and back'),
	);
	t.like(
		messages(back, LOBBY).find((m) => m.from === 'bob'),
		{text: 'and back', direction: 'incoming'},
	);
	t.like(
		messages(back, LOBBY).find((m) => m.from === 'alice'),
		{delivery: 'sent'},
	);
});

test('over TLS without --ca, the session stays offline saying why, and keeps retrying', async (t) => {
	const certificate = makeCertificate(t);
	const server = await startChatServer(t, 0, {tls: {cert: certificate.cert, key: certificate.key}});
	const alice = startSession(t, server.port, 'alice', {transport: tlsTransport()});
	const refused = await until(alice.session, 'refused', (s) => s.connection.status === 'offline');
	t.is(refused.connection.lastError, "TLS: the server's certificate is not trusted (self-signed); pass --ca FILE.");
	alice.scheduler.fireNext();
	const again = await until(
		alice.session,
		'refused again',
		(s) => s.connection.status === 'offline' && s.connection.attempt === 2,
	);
	t.is(again.connection.lastError, refused.connection.lastError);
	t.deepEqual(alice.scheduler.pendingDelays.length, 1, 'the next retry is scheduled');
});
