/**
 * The server stops (crashed, or shut down politely) while two sessions and a raw
 * client are sending, and comes back on the same port. Afterwards every message is
 * accounted for: each acknowledged one was delivered once to every other member, each
 * unacknowledged one was resent and delivered once (or shown to its sender as not
 * sent), none twice, and each sender's messages in the order they were sent.
 */
import test, {type ExecutionContext} from 'ava';
import {parseServerLine} from '../../../protocol/index.js';
import {groupConversation, RECIPIENT_WAIT_MS, type ChatState} from '../../../tui/state/index.js';
import {register} from '../../helpers/server.js';
import type {TcpClient} from '../../helpers/tcp-client.js';
import {
	isOnline,
	messages,
	recordingTransport,
	startChatServer,
	startCrashableServer,
	startSession,
	until,
	type CrashableServer,
} from './helpers.js';

const LOBBY = groupConversation('lobby');

/** Texts in the lobby from `from`, in the order shown. */
function textsFrom(state: ChatState, from: string): string[] {
	return messages(state, LOBBY)
		.filter((message) => message.from === from)
		.map((message) => message.text);
}

/** Every own message has an outcome: none is left pending. */
function allSettled(state: ChatState): boolean {
	return (
		isOnline(state) &&
		state.outbox.length === 0 &&
		state.resume === undefined &&
		messages(state, LOBBY).every((m) => m.delivery !== 'pending')
	);
}

/** The group messages a raw connection received, as `from: text`. */
function receivedBy(...connections: TcpClient[]): string[] {
	return connections.flatMap((connection) =>
		connection.received.flatMap((text) => {
			const line = parseServerLine(text);
			return line.type === 'MSG' ? [`${line.from}: ${line.text}`] : [];
		}),
	);
}

/** Sends tagged messages from the raw client; returns their ids. */
function rawSend(carol: TcpClient, texts: readonly string[]): string[] {
	return texts.map((text) => {
		const id = `c-${text}`;
		carol.send(`@id=${id} MESSAGE ${text}`);
		return id;
	});
}

async function rawOutcome(carol: TcpClient, id: string): Promise<string> {
	const lines = await carol.until((line) => line.startsWith(`@id=${id} `) || line.startsWith(`@id=${id};`));
	return lines.at(-1)!;
}

type Stop = (server: CrashableServer) => Promise<void>;

async function stopWhileSending(t: ExecutionContext, stop: Stop): Promise<void> {
	const first = await startCrashableServer(t);
	const {port} = first;
	const alice = startSession(t, port, 'alice');
	const bob = startSession(t, port, 'bob');
	await until(alice.session, 'alice online', isOnline);
	await until(bob.session, 'bob online', isOnline);
	const carol1 = await register(t, first, 'carol');
	const everyoneKnown = (s: ChatState) =>
		s.directory.users.has('alice') && s.directory.users.has('bob') && s.directory.users.has('carol');
	await until(alice.session, 'alice sees everyone', everyoneKnown);
	await until(bob.session, 'bob sees everyone', everyoneKnown);

	// Acknowledged before the stop.
	alice.session.submit('a1\na2\na3');
	bob.session.submit('b1\nb2\nb3');
	for (const id of rawSend(carol1, ['c1', 'c2', 'c3'])) {
		t.regex(await rawOutcome(carol1, id), /^@id=c-c\d OK MESSAGE /);
	}

	await until(alice.session, 'a1-a3 sent', (s) =>
		messages(s, LOBBY)
			.filter((m) => m.direction === 'own')
			.every((m) => m.delivery === 'sent'),
	);
	await until(bob.session, 'b1-b3 sent', (s) =>
		messages(s, LOBBY)
			.filter((m) => m.direction === 'own')
			.every((m) => m.delivery === 'sent'),
	);

	// Written, and the server stops before it reads them: unacknowledged.
	alice.session.submit('a4\na5');
	bob.session.submit('b4');
	const carolUnanswered = rawSend(carol1, ['c4', 'c5']);
	await stop(first);

	await until(alice.session, 'alice offline', (s) => s.connection.status === 'offline');
	await until(bob.session, 'bob offline', (s) => s.connection.status === 'offline');
	await carol1.closed;
	t.deepEqual(
		messages(alice.session.getState(), LOBBY)
			.filter((m) => m.direction === 'own')
			.map((m) => [m.text, m.delivery]),
		[
			['a1', 'sent'],
			['a2', 'sent'],
			['a3', 'sent'],
			['a4', 'pending'],
			['a5', 'pending'],
		],
		'the unacknowledged stay pending, not failed',
	);
	alice.session.submit('a6');

	// Back on the same port. Carol is first in, so the sessions' resends have someone to reach.
	const second = await startCrashableServer(t, port);
	const carol2 = await register(t, second, 'carol');
	bob.scheduler.fireNext();
	await until(bob.session, 'bob back, everything settled', allSettled);
	alice.scheduler.fireNext();
	await until(alice.session, 'alice back, everything settled', allSettled);
	// Carol resends what got no answer, with the same ids.
	t.deepEqual(carolUnanswered, ['c-c4', 'c-c5']);
	for (const id of rawSend(carol2, ['c4', 'c5'])) {
		t.regex(await rawOutcome(carol2, id), /^@id=c-c\d OK MESSAGE /);
	}

	// A last message from carol, after everything settled: whatever the server wrote to
	// anyone before it (a duplicate included) has arrived once it has.
	t.regex(await rawOutcome(carol2, rawSend(carol2, ['end'])[0]!), /^@id=c-end OK MESSAGE /);
	const aliceSent = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
	const bobSent = ['b1', 'b2', 'b3', 'b4'];
	const carolSent = ['c1', 'c2', 'c3', 'c4', 'c5', 'end'];
	const hasEnd = (s: ChatState) => textsFrom(s, 'carol').includes('end');
	const bobSees = await until(bob.session, "bob has carol's last", hasEnd);
	const aliceSees = await until(alice.session, "alice has carol's last", hasEnd);

	t.deepEqual(textsFrom(aliceSees, 'alice'), aliceSent, 'alice shows her own once each, in order');
	t.true(
		messages(aliceSees, LOBBY)
			.filter((m) => m.direction === 'own')
			.every((m) => m.delivery === 'sent'),
	);
	t.deepEqual(textsFrom(aliceSees, 'bob'), bobSent);
	t.deepEqual(textsFrom(aliceSees, 'carol'), carolSent);
	t.deepEqual(textsFrom(bobSees, 'bob'), bobSent);
	t.deepEqual(textsFrom(bobSees, 'alice'), aliceSent);
	t.deepEqual(textsFrom(bobSees, 'carol'), carolSent);
	const carolGot = receivedBy(carol1, carol2);
	t.deepEqual(
		carolGot.filter((line) => line.startsWith('alice: ')),
		aliceSent.map((text) => `alice: ${text}`),
	);
	t.deepEqual(
		carolGot.filter((line) => line.startsWith('bob: ')),
		bobSent.map((text) => `bob: ${text}`),
	);
}

test('killed (sockets torn down, no goodbye) while everyone sends: after the restart nothing is lost, nothing doubled', async (t) => {
	await stopWhileSending(t, (server) => server.crash());
});

test('shut down politely (SIGTERM) while everyone sends: the same', async (t) => {
	await stopWhileSending(t, (server) => server.close());
});

test('a link that goes dead after the server delivered a message: the session notices, resends the same id, and the server does not deliver it twice', async (t) => {
	const server = await startChatServer(t);
	const sockets = recordingTransport();
	const alice = startSession(t, server.port, 'alice', {transport: sockets.transport});
	const bob = startSession(t, server.port, 'bob');
	await until(alice.session, 'alice online', isOnline);
	await until(bob.session, 'bob online', isOnline);
	await until(alice.session, 'alice knows bob', (s) => s.directory.users.has('bob'));

	// Alice stops hearing the server: her OK will never be read.
	sockets.sockets[0]!.pause();
	alice.session.submit('bed 4 needs a review');
	const delivered = await until(bob.session, 'bob has it', (s) => messages(s, LOBBY).length === 1);
	t.like(messages(alice.session.getState(), LOBBY)[0], {delivery: 'pending'});

	// Quiet too long: a PING, no answer, the link is given up.
	alice.scheduler.fireNext();
	alice.scheduler.fireNext();
	const offline = await until(alice.session, 'alice offline', (s) => s.connection.status === 'offline');
	t.regex(offline.connection.lastError!, /stopped answering/);
	await until(bob.session, 'the server let the old alice go', (s) => !s.directory.users.has('alice'));

	alice.scheduler.fireNext();
	const settled = await until(alice.session, 'alice back, settled', allSettled);
	t.like(messages(settled, LOBBY)[0], {
		text: 'bed 4 needs a review',
		delivery: 'sent',
		id: messages(delivered, LOBBY)[0]!.id,
	});
	t.is(messages(settled, LOBBY).length, 1, 'shown once, though HISTORY returned it too');
	// Bob's own message goes out after alice's resend was answered: anything the server
	// wrote to bob before (a second copy included) has arrived once it is confirmed.
	bob.session.submit('seen');
	const bobSees = await until(bob.session, "bob's reply sent", (s) =>
		messages(s, LOBBY).some((m) => m.text === 'seen' && m.delivery === 'sent'),
	);
	t.deepEqual(
		messages(bobSees, LOBBY).map((m) => m.text),
		['bed 4 needs a review', 'seen'],
		'delivered once',
	);
});

/**
 * alice alone in lobby types while the server is down; it comes back and she is the
 * first in, so her message is refused for want of recipients: it waits, pending.
 */
async function backFirstAlone(t: ExecutionContext) {
	const first = await startCrashableServer(t);
	const alice = startSession(t, first.port, 'alice');
	await until(alice.session, 'alice online', (s) => isOnline(s) && s.inFlight.length === 0);
	await first.crash();
	await until(alice.session, 'alice offline', (s) => s.connection.status === 'offline');
	alice.session.submit('bed 4 obs due');
	const second = await startCrashableServer(t, first.port);
	alice.scheduler.fireNext();
	const waiting = await until(alice.session, 'alice back, her message waiting', (s) => s.recipientWait !== undefined);
	t.deepEqual(
		messages(waiting, LOBBY).map((m) => [m.text, m.delivery]),
		[['bed 4 obs due', 'pending']],
	);
	return {alice, second};
}

test('the first one back after a restart: what she typed meanwhile waits for someone, and reaches the next one in, once', async (t) => {
	const {alice, second} = await backFirstAlone(t);
	const bob = await register(t, second, 'bob');
	const received = await bob.until((line) => line.startsWith('MSG '));
	t.regex(received.at(-1)!, /^MSG \d+ \S+ lobby alice bed 4 obs due$/);
	const settled = await until(alice.session, 'alice settled', allSettled);
	t.deepEqual(
		messages(settled, LOBBY).map((m) => [m.text, m.delivery]),
		[['bed 4 obs due', 'sent']],
	);
	t.is(settled.recipientWait, undefined);
	t.regex((await bob.command('@id=last MESSAGE done')).outcome, /^@id=last OK MESSAGE /);
	await until(alice.session, 'alice has bob', (s) => messages(s, LOBBY).some((m) => m.text === 'done'));
	t.is(bob.received.filter((line) => line.endsWith(' bed 4 obs due')).length, 1);
});

test('the first one back, and nobody comes: after the wait her message fails with the server sentence', async (t) => {
	const {alice} = await backFirstAlone(t);
	t.true(alice.scheduler.pendingDelays.includes(RECIPIENT_WAIT_MS));
	alice.scheduler.advance(RECIPIENT_WAIT_MS);
	const failed = await until(alice.session, 'her message failed', (s) =>
		messages(s, LOBBY).every((m) => m.delivery === 'failed'),
	);
	t.regex(
		messages(failed, LOBBY)[0]!.error!,
		/^Nobody else is in lobby to receive it; .* Nobody came back within 2 minutes\.$/,
	);
	t.is(failed.outbox.length, 0);
});
