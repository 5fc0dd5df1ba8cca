/**
 * A session logged in to an account against a real server: what was missed arrives as
 * unread with its marker, the read position goes back to the server a moment later (on
 * the session's clock), and the next login finds nothing unread.
 */
import test from 'ava';
import {groupConversation, READ_DELAY_MS, UNREAD_MARKER} from '../../../tui/state/index.js';
import {HELLO} from '../../helpers/hello.js';
import {TcpClient} from '../../helpers/tcp-client.js';
import {isOnline, messages, startChatServer, startSession, until} from './helpers.js';

const PASSWORD = 'correct horse';
const LOBBY = groupConversation('lobby');

async function connect(t: import('ava').ExecutionContext, port: number, name: string): Promise<TcpClient> {
	const client = await TcpClient.connect(port, {greeting: HELLO});
	t.teardown(() => client.destroy());
	const {outcome} = await client.command(`SET_NAME ${name}`);
	t.regex(outcome, /^OK SET_NAME /);
	return client;
}

test('missed messages arrive marked unread; READ follows a moment later; the next login has nothing unread', async (t) => {
	const server = await startChatServer(t);
	const claim = await connect(t, server.port, 'alice');
	t.regex((await claim.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD /);
	await claim.command('CLOSE');
	const bob = await connect(t, server.port, 'bob');
	for (const text of ['bed 4 is back', 'bed 9 needs obs']) {
		t.regex((await bob.command(`MESSAGE ${text}`)).outcome, /^OK MESSAGE /);
	}

	const {session, scheduler} = startSession(t, server.port, 'alice', {password: PASSWORD});
	const state = await until(
		session,
		'logged in, the missed messages marked',
		(s) => isOnline(s) && s.unread === undefined && s.inFlight.length === 0 && messages(s, LOBBY).length === 2,
	);
	t.true(state.me.account);
	const entries = state.conversations.get(LOBBY)!.entries;
	const marker = entries.findIndex((entry) => entry.kind === 'notice' && entry.text === UNREAD_MARKER);
	t.not(marker, -1);
	t.like(entries.at(marker + 1), {kind: 'message', text: 'bed 4 is back'});

	// Due, but not yet said: the session waits, so one READ covers a burst.
	t.true(scheduler.pendingDelays.includes(READ_DELAY_MS));
	t.is(state.read.sent, '0', 'only the position UNREAD gave: nothing read before');
	while (scheduler.pendingDelays.includes(READ_DELAY_MS)) {
		scheduler.fireNext();
	}

	const read = await until(
		session,
		'READ answered',
		(s) => s.read.sent !== undefined && !s.inFlight.some((item) => item.command.name === 'READ'),
	);
	t.is(read.read.sent, read.lastMessageId);
	session.stop();

	const again = await TcpClient.connect(server.port, {greeting: HELLO});
	t.teardown(() => again.destroy());
	t.regex((await again.command(`SET_NAME alice ${PASSWORD}`)).outcome, /^OK SET_NAME alice /);
	const {lines} = await again.command('PING check');
	t.false(
		lines.some((line) => line.startsWith('UNREAD ')),
		lines.join('\n'),
	);
});
