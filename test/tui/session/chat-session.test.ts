import net from 'node:net';
import test from 'ava';
import {DM_NOTICE_MS, dmConversation, groupConversation, type Entry} from '../../../tui/state/index.js';
import {register} from '../../helpers/server.js';
import {listenOnLoopback} from '../../helpers/loopback-server.js';
import {isOnline, messages, startChatServer, startSession, until} from './helpers.js';

const LOBBY = groupConversation('lobby');

function noticeText(entry: Entry | undefined): string {
	return entry?.kind === 'notice' ? entry.text : '';
}

test('a session with a name registers and fills its sidebar', async (t) => {
	const server = await startChatServer(t);
	const {session} = startSession(t, server.port, 'alice');
	const state = await until(session, 'alice online, every reply in', (s) => isOnline(s) && s.inFlight.length === 0);
	t.is(state.me.name, 'alice');
	t.is(state.me.group, 'lobby');
	t.deepEqual([...state.directory.users.values()], [{name: 'alice', group: 'lobby'}]);
	t.deepEqual([...state.directory.groups.values()], [{name: 'lobby', members: 1}]);
});

test('a session sends SET_NAME without waiting for HELLO, and takes HELLO as the first line of the reply', async (t) => {
	// A raw server that, like the real one, says nothing until the client's first line.
	const firstLines: string[] = [];
	const server = net.createServer((socket) => {
		socket.setEncoding('utf8');
		socket.once('data', (chunk: string) => {
			firstLines.push(chunk.split('\n')[0]!);
			socket.write('HELLO 1 Welcome to chat.\nOK SET_NAME alice lobby Welcome, alice. You are in group lobby.\n');
		});
	});
	const {session} = startSession(t, await listenOnLoopback(t, server), 'alice');
	const state = await until(session, 'online', isOnline);
	t.deepEqual(firstLines, ['SET_NAME alice']);
	t.is(state.me.name, 'alice');
	t.deepEqual(state.conversations.get(LOBBY)!.entries.toArray().map(noticeText), [
		'Welcome, alice. You are in group lobby.',
	]);
});

test('a session without a name asks, and registers what is typed', async (t) => {
	const server = await startChatServer(t);
	const {session} = startSession(t, server.port, undefined);
	await until(session, 'connected', (s) => s.connection.status === 'registering');
	t.true(session.getState().me.askingName);
	session.submit('Zoë');
	const state = await until(session, 'registered', isOnline);
	t.is(state.me.name, 'Zoë');
});

test('a taken name asks again with the server sentence', async (t) => {
	const server = await startChatServer(t);
	const first = startSession(t, server.port, 'alice');
	await until(first.session, 'first alice online', isOnline);
	const second = startSession(t, server.port, 'ALICE');
	const refused = await until(second.session, 'asked for another name', (s) => s.me.nameProblem !== undefined);
	t.true(refused.me.askingName);
	t.regex(refused.me.nameProblem!, /ALICE/);
	second.session.submit('alice2');
	t.is((await until(second.session, 'registered as alice2', isOnline)).me.name, 'alice2');
	await until(first.session, 'alice sees alice2 arrive', (s) => s.directory.users.has('alice2'));
});

test('two sessions exchange group messages and DMs; each own message ends sent, with the id the other received', async (t) => {
	const server = await startChatServer(t);
	const alice = startSession(t, server.port, 'alice');
	await until(alice.session, 'alice online', isOnline);
	const bob = startSession(t, server.port, 'bob');
	await until(bob.session, 'bob online', isOnline);
	await until(alice.session, 'alice knows bob', (s) => s.directory.users.has('bob'));

	alice.session.submit('bob: bed 4 please\nand bed 5');
	const bobSees = await until(bob.session, 'bob has both messages', (s) => messages(s, LOBBY).length === 2);
	const aliceSees = await until(alice.session, 'both sent', (s) =>
		messages(s, LOBBY).every((m) => m.delivery === 'sent'),
	);
	t.deepEqual(
		messages(bobSees, LOBBY).map((m) => [m.from, m.text, m.direction]),
		[
			['alice', 'bob: bed 4 please', 'incoming'],
			['alice', 'and bed 5', 'incoming'],
		],
	);
	t.deepEqual(
		messages(aliceSees, LOBBY).map((m) => m.id),
		messages(bobSees, LOBBY).map((m) => m.id),
	);
	t.true(messages(bobSees, LOBBY)[0]!.mentionsMe);
	t.is(bob.bells, 1, 'the mention rang; the second line did not');

	bob.session.submit('/dm alice on my way');
	const dm = await until(alice.session, 'alice has the DM', (s) => messages(s, dmConversation('bob')).length === 1);
	t.like(messages(dm, dmConversation('bob'))[0], {from: 'bob', text: 'on my way', direction: 'incoming'});
	t.is(dm.conversations.get(dmConversation('bob'))!.unread, 1);
	t.is(alice.bells, 1);
	const bobState = await until(
		bob.session,
		'DM sent',
		(s) => messages(s, dmConversation('alice'))[0]?.delivery === 'sent',
	);
	t.is(bobState.current, dmConversation('alice'), '/dm switched bob to the conversation');
});

test('a refusal reaches the message that caused it', async (t) => {
	const server = await startChatServer(t);
	const {session} = startSession(t, server.port, 'alice');
	await until(session, 'online', isOnline);
	session.submit('anyone here?');
	const state = await until(session, 'refused', (s) => messages(s)[0]?.delivery === 'failed');
	t.regex(messages(state)[0]!.error!, /Nobody else is in lobby/);
});

test('a server restart: the session reconnects by itself, registers, rejoins or recreates its group, and sends what was typed meanwhile, in order', async (t) => {
	const first = await startChatServer(t);
	const {port} = first;
	const alice = startSession(t, port, 'alice');
	const bob = startSession(t, port, 'bob');
	await until(alice.session, 'alice online', isOnline);
	await until(bob.session, 'bob online', isOnline);
	alice.session.submit('/new night');
	await until(alice.session, 'alice in night', (s) => s.me.group === 'night');
	bob.session.submit('/join night');
	await until(bob.session, 'bob in night', (s) => s.me.group === 'night');
	await until(alice.session, 'alice sees bob in night', (s) => s.directory.users.get('bob')?.group === 'night');

	await first.close();
	await until(alice.session, 'alice offline', (s) => s.connection.status === 'offline');
	await until(bob.session, 'bob offline', (s) => s.connection.status === 'offline');
	const offline = alice.session.getState();
	t.true(offline.connection.nextRetryAt! > alice.scheduler.time);

	alice.session.submit('one');
	alice.session.submit('two\nthree');
	alice.session.submit('/dm bob four');
	const typed = alice.session.getState();
	t.deepEqual(
		messages(typed, groupConversation('night')).map((m) => [m.text, m.delivery]),
		[
			['one', 'pending'],
			['two', 'pending'],
			['three', 'pending'],
		],
	);

	await startChatServer(t, port);
	// Bob comes back first: the new server has no night, so he creates it again.
	bob.scheduler.fireNext();
	const bobBack = await until(bob.session, 'bob back in night', (s) => isOnline(s) && s.me.group === 'night');
	t.like(bobBack.conversations.get(groupConversation('night'))!.entries.at(-1), {kind: 'notice', level: 'info'});
	t.regex(noticeText(bobBack.conversations.get(groupConversation('night'))!.entries.at(-1)), /created again/);

	// Alice comes back to a night that exists again: she joins it, then her outbox goes out.
	alice.scheduler.fireNext();
	const aliceBack = await until(
		alice.session,
		'everything alice typed is sent',
		(s) =>
			isOnline(s) &&
			[...messages(s, groupConversation('night')), ...messages(s, dmConversation('bob'))].every(
				(m) => m.delivery === 'sent',
			),
	);
	t.is(aliceBack.me.name, 'alice');
	t.is(aliceBack.me.group, 'night');
	t.deepEqual(aliceBack.outbox, []);

	const bobGot = await until(
		bob.session,
		'bob has all four',
		(s) => messages(s, groupConversation('night')).length === 3 && messages(s, dmConversation('alice')).length === 1,
	);
	t.deepEqual(
		messages(bobGot, groupConversation('night')).map((m) => m.text),
		['one', 'two', 'three'],
	);
	t.is(messages(bobGot, dmConversation('alice'))[0]!.text, 'four');
	const ids = [...messages(bobGot, groupConversation('night')), ...messages(bobGot, dmConversation('alice'))].map((m) =>
		Number(m.id),
	);
	t.deepEqual(
		ids,
		[...ids].sort((a, b) => a - b),
		'the server accepted them in the order typed',
	);
});

test('quit (as /quit or Ctrl-C) says goodbye, frees the name and ends the session', async (t) => {
	const server = await startChatServer(t);
	const alice = startSession(t, server.port, 'alice');
	const bob = startSession(t, server.port, 'bob');
	await until(alice.session, 'alice online', isOnline);
	await until(bob.session, 'bob online', isOnline);
	await until(bob.session, 'bob knows alice', (s) => s.directory.users.has('alice'));
	alice.session.quit();
	await alice.session.exited;
	t.is(alice.session.getState().connection.status, 'stopped');
	t.is(alice.session.getState().quit, 'done');
	await until(bob.session, 'alice gone for bob', (s) => !s.directory.users.has('alice'));
	t.deepEqual(alice.scheduler.pendingDelays, [], 'no reconnect is scheduled');
});

test('stop ends the session without reconnecting', async (t) => {
	const server = await startChatServer(t);
	const {session, scheduler} = startSession(t, server.port, 'alice');
	await until(session, 'online', isOnline);
	session.stop();
	await session.exited;
	t.is(session.getState().connection.status, 'stopped');
	t.deepEqual(scheduler.pendingDelays, []);
});

test('a line the client cannot read becomes a notice, and the session goes on', async (t) => {
	// A raw server: the real one never sends such a line.
	const server = net.createServer((socket) => {
		// Reading (and ignoring) what the client sends lets this end see the client hang up.
		socket.resume();
		socket.end('HELLO 1 hi\nNONSENSE here\nBYE SHUTDOWN The server is shutting down.\n');
	});
	const {session} = startSession(t, await listenOnLoopback(t, server), 'alice');
	const state = await until(session, 'offline after the BYE', (s) => s.connection.status === 'offline');
	t.deepEqual(state.conversations.get(LOBBY)!.entries.toArray().map(noticeText), [
		'The server sent a line this client cannot read: "NONSENSE here"',
		'The server closed the connection: The server is shutting down.',
	]);
});

test('the DM notice leaves the status line after DM_NOTICE_MS unless read sooner', async (t) => {
	const server = await startChatServer(t);
	const alice = startSession(t, server.port, 'alice');
	await until(alice.session, 'online', isOnline);
	const bob = await register(t, server, 'bob');
	bob.send('DM alice can you take bed 9?');
	await until(alice.session, 'noticed', (state) => state.dmNotice !== undefined);
	alice.scheduler.advance(DM_NOTICE_MS - 1);
	t.truthy(alice.session.getState().dmNotice, 'still up');
	alice.scheduler.advance(1);
	t.is(alice.session.getState().dmNotice, undefined);
});
