/**
 * The link dies without the server noticing: it keeps the old connection, and the
 * name, until its idle timeout. The session's reconnect is refused NAME_TAKEN; it must
 * not ask for another name but keep trying (hanging up and reconnecting with the
 * connection's backoff) until the server lets go, then send what is pending, once.
 * The server's clock is a ManualScheduler, so its idle timeout passes when the test says;
 * the client's timers are the session's ManualScheduler.
 */
import test, {type ExecutionContext} from 'ava';
import {groupConversation, type ChatState, type MessageEntry} from '../../../tui/state/index.js';
import {ManualScheduler} from '../../helpers/manual-scheduler.js';
import {register} from '../../helpers/server.js';
import type {TcpClient} from '../../helpers/tcp-client.js';
import {startRelay} from './relay.js';
import {isOnline, messages, startChatServer, startSession, until, type TestSession} from './helpers.js';

const LOBBY = groupConversation('lobby');
const IDLE_TIMEOUT_MS = 120_000;
const TAKEN = 'The name "alice" is taken (names ignore case); choose another.';

function own(state: ChatState): Array<[string, MessageEntry['delivery']]> {
	return messages(state, LOBBY)
		.filter((message) => message.direction === 'own')
		.map((message) => [message.text, message.delivery]);
}

function noticesAbout(state: ChatState, pattern: RegExp): number {
	return state.conversations.get(LOBBY)!.entries.filter((entry) => entry.kind === 'notice' && pattern.test(entry.text))
		.length;
}

function msgTexts(bob: TcpClient): string[] {
	return bob.received
		.filter((line) => line.startsWith('MSG '))
		.map((line) => line.replace(/^MSG \S+ \S+ lobby alice /, ''));
}

interface Stranded {
	readonly alice: TestSession;
	readonly bob: TcpClient;
	readonly clock: ManualScheduler;
	/** Whether the session ever showed the name prompt. */
	readonly prompted: () => boolean;
}

/**
 * alice online through the relay with bob (a raw client) in the lobby; then her path
 * loses the server's replies, so "bed 4 obs due" reaches bob but its OK never reaches
 * her, then dies altogether. Her link watch gives it up; the server still holds her.
 * She types "bed 5 fluids" while offline.
 */
async function stranded(t: ExecutionContext): Promise<Stranded> {
	const clock = new ManualScheduler();
	// No registration deadline: the clock moves two minutes on in one go, and the
	// session's fresh, unregistered retry connections are not what is tested here.
	const server = await startChatServer(t, 0, {scheduler: clock, idleTimeoutMs: IDLE_TIMEOUT_MS, registerTimeoutMs: 0});
	const relay = await startRelay(t, server.port);
	const alice = startSession(t, relay.port, 'alice');
	let prompted = false;
	alice.session.subscribe(() => (prompted ||= alice.session.getState().me.askingName));
	await until(alice.session, 'alice online, every reply in', (s) => isOnline(s) && s.inFlight.length === 0);
	const bob = await register(t, server, 'bob');
	await until(alice.session, 'alice knows bob', (s) => s.directory.users.has('bob'));

	relay.connections[0]!.cut('to-client');
	alice.session.submit('bed 4 obs due');
	await bob.until((line) => line.startsWith('MSG ') && line.endsWith(' bed 4 obs due'));
	relay.connections[0]!.cut('both');

	// The link watch: PING after the silence, and no answer.
	t.deepEqual(alice.scheduler.pendingDelays, [5000]);
	alice.scheduler.fireNext();
	alice.scheduler.fireNext();
	const offline = await until(alice.session, 'alice gave the link up', (s) => s.connection.status === 'offline');
	t.regex(offline.connection.lastError!, /stopped answering/);
	t.is(server.userCount(), 2, 'the server still holds alice');
	alice.session.submit('bed 5 fluids');
	t.deepEqual(own(alice.session.getState()), [
		['bed 4 obs due', 'pending'],
		['bed 5 fluids', 'pending'],
	]);
	return {alice, bob, clock, prompted: () => prompted};
}

/** Only the reconnect is pending: the dead connections' link watches are gone. */
function fireReconnect(t: ExecutionContext, alice: TestSession): void {
	t.is(alice.scheduler.pendingDelays.length, 1, JSON.stringify(alice.scheduler.pendingDelays));
	alice.scheduler.fireNext();
}

/** Fires the session's reconnect and waits for the refusal and the hang-up after it. */
async function refusedAgain(t: ExecutionContext, alice: TestSession, refusals: number): Promise<ChatState> {
	fireReconnect(t, alice);
	return until(
		alice.session,
		`refusal ${refusals}, and hung up to try again`,
		(s) => s.me.nameWait?.refusals === refusals && s.connection.status === 'offline',
	);
}

test('a name the server still holds for a dead connection: the session waits it out, then sends what is pending, once', async (t) => {
	const {alice, bob, clock, prompted} = await stranded(t);

	let state = await refusedAgain(t, alice, 1);
	t.like(state.me, {askingName: false, name: 'alice', registered: false});
	t.is(state.me.nameWait?.refusal, TAKEN);
	t.is(noticesAbout(state, /still holds alice/), 1);
	t.regex(state.connection.lastError!, /^The server still holds alice for the lost connection\.$/);
	state = await refusedAgain(t, alice, 2);
	t.is(noticesAbout(state, /still holds alice/), 1, 'said once, not per retry');
	t.deepEqual(
		own(state).map(([, delivery]) => delivery),
		['pending', 'pending'],
	);

	// Half the idle timeout: the server PINGs; bob answers, the dead connection cannot.
	clock.advance(IDLE_TIMEOUT_MS / 2);
	await bob.until((line) => line.startsWith('PING '));
	await bob.command('LIST');
	// The whole idle timeout: the server lets the dead connection, and the name, go.
	clock.advance(IDLE_TIMEOUT_MS / 2);
	await bob.until((line) => line.startsWith('OFFLINE alice '));

	fireReconnect(t, alice);
	state = await until(
		alice.session,
		'alice back under her name, everything settled',
		(s) =>
			isOnline(s) &&
			s.outbox.length === 0 &&
			s.resume === undefined &&
			own(s).every(([, delivery]) => delivery === 'sent'),
	);
	t.like(state.me, {name: 'alice', registered: true, nameWait: undefined, askingName: false});
	t.false(prompted(), 'the name prompt never came up');

	await bob.until((line) => line.startsWith('MSG ') && line.endsWith(' bed 5 fluids'));
	// The resend of "bed 4" (same id) went out before "bed 5": had it been delivered again, bob would have it by now.
	t.deepEqual(msgTexts(bob), ['bed 4 obs due', 'bed 5 fluids']);
});

test('refused for longer than the server would hold a dead connection: the prompt comes back with the server’s sentence, messages still pending', async (t) => {
	const {alice, prompted} = await stranded(t);
	await refusedAgain(t, alice, 1);
	t.false(prompted());

	// Three minutes on, and the name is still taken: someone else has it now.
	alice.scheduler.time += 180_000;
	fireReconnect(t, alice);
	const asked = await until(alice.session, 'asked for a name', (s) => s.me.askingName);
	t.like(asked.me, {nameWait: undefined, checkingName: false, nameProblem: TAKEN});
	t.is(asked.connection.status, 'registering', 'still connected, so a name typed now goes straight out');
	t.deepEqual(own(asked), [
		['bed 4 obs due', 'pending'],
		['bed 5 fluids', 'pending'],
	]);

	alice.session.submit('alice2');
	const back = await until(
		alice.session,
		'registered as alice2, everything settled',
		(s) => isOnline(s) && own(s).every(([, delivery]) => delivery !== 'pending'),
	);
	t.is(back.me.name, 'alice2');
	// Resent under another name, "bed 4" would not be recognised as a resend: it is not sent again.
	t.deepEqual(own(back), [
		['bed 4 obs due', 'failed'],
		['bed 5 fluids', 'sent'],
	]);
});
