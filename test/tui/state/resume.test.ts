import test from 'ava';
import {dmConversation, type ChatState, type ConversationKey, type MessageEntry} from '../../../tui/state/index.js';
import {MAX_RESUME_PAGES} from '../../../tui/state/history-reducer.js';
import {
	apply,
	connected,
	entriesOf,
	LOBBY,
	NIGHT,
	noticesHere,
	offline,
	online,
	receive,
	type,
	WELCOME,
	written,
} from './fixtures.js';

const TIME = '2026-11-24T05:10:00.000Z';

function shown(state: ChatState, key: ConversationKey): string[] {
	return entriesOf(state, key)
		.filter((entry): entry is MessageEntry => entry.kind === 'message')
		.map((entry) => `${entry.id ?? '?'} ${entry.from}: ${entry.text}${entry.delivery ? ` (${entry.delivery})` : ''}`);
}

/** Online in the lobby, having seen bob's message 100. */
function sawHundred(): ChatState {
	return receive(online(), `MSG 100 ${TIME} lobby bob seen before`);
}

const LISTED = ['OK LIST 0 0 none.', 'OK LIST_GROUP 0 none.'];

/**
 * Drops the connection and registers again in the lobby: what the registration makes
 * the session write, and the state once the sidebar lists are answered, as the server
 * answers them: before anything sent after them.
 */
function reconnect(state: ChatState): {readonly state: ChatState; readonly lines: string[]} {
	const registering = written(apply(apply(state, offline()), connected));
	const registered = written(receive(registering.state, WELCOME));
	return {state: receive(registered.state, ...LISTED), lines: registered.lines};
}

test('a first registration fetches nothing: the user starts from now', (t) => {
	t.false(written(online()).lines.some((line) => line.startsWith('HISTORY')));
	t.deepEqual(online().inFlight, []);
	t.is(online().resume, undefined);
});

test('after a reconnect the client asks for what came after the newest id it saw, after resending', (t) => {
	const {lines, state} = reconnect(written(type(sawHundred(), 'unconfirmed')).state);
	t.deepEqual(lines, ['LIST', 'LIST_GROUP', '@id=k-1 MESSAGE unconfirmed', 'HISTORY 100']);
	t.deepEqual(state.resume, {after: '100', pages: 1});
});

test('without any id seen, the reconnect asks for everything kept', (t) => {
	t.deepEqual(reconnect(online()).lines, ['LIST', 'LIST_GROUP', 'HISTORY 0']);
});

test('what HISTORY returns lands in its conversations in id order, counted unread and ringing like live messages', (t) => {
	let state = reconnect(sawHundred()).state;
	const bell = state.bell;
	state = receive(
		state,
		`MSG 101 ${TIME} lobby bob while you were away`,
		`DM 102 ${TIME} carol alice call me`,
		`MSG 103 ${TIME} lobby carol alice: bed 4?`,
		'OK HISTORY 3 0 3 messages from lobby and your DMs after 100.',
	);
	t.deepEqual(shown(state, LOBBY), [
		'100 bob: seen before',
		'101 bob: while you were away',
		'103 carol: alice: bed 4?',
	]);
	t.deepEqual(shown(state, dmConversation('carol')), ['102 carol: call me']);
	t.is(state.conversations.get(dmConversation('carol'))!.unread, 1);
	t.is(state.bell, bell + 2, 'the DM and the mention');
	t.is(state.lastMessageId, '103');
	t.is(state.resume, undefined, 'caught up');
	t.deepEqual(
		state.inFlight.filter((item) => item.command.name === 'HISTORY'),
		[],
	);
});

test('a message already shown is not shown again: live before the catch-up, or our own resend', (t) => {
	let state = written(type(sawHundred(), 'mine, in doubt')).state;
	state = reconnect(state).state;
	// Bob's 104 arrived live right after registering, before the catch-up was asked for.
	state = receive(state, `MSG 104 ${TIME} lobby bob live`);
	state = receive(state, `@id=k-1;dup OK MESSAGE 102 ${TIME} lobby 1 Sent to 1 user in lobby.`);
	state = receive(
		state,
		`MSG 101 ${TIME} lobby bob missed`,
		`MSG 102 ${TIME} lobby alice mine, in doubt`,
		`MSG 103 ${TIME} lobby bob missed too`,
		`MSG 104 ${TIME} lobby bob live`,
		'OK HISTORY 4 0 4 messages from lobby and your DMs after 100.',
	);
	t.deepEqual(shown(state, LOBBY), [
		'100 bob: seen before',
		'101 bob: missed',
		'102 alice: mine, in doubt (sent)',
		'103 bob: missed too',
		'104 bob: live',
	]);
});

test('a missed message goes before a newer one of ours that was resent, and after the notices of the outage', (t) => {
	let state = apply(sawHundred(), offline());
	state = type(state, 'typed offline');
	const registering = written(apply(state, connected));
	state = written(receive(registering.state, WELCOME)).state;
	state = receive(state, ...LISTED, `@id=k-1 OK MESSAGE 120 ${TIME} lobby 1 Sent to 1 user in lobby.`);
	state = receive(
		state,
		`MSG 110 ${TIME} lobby bob sent while you were away`,
		'OK HISTORY 1 0 1 message from lobby and your DMs after 100.',
	);
	t.deepEqual(shown(state, LOBBY), [
		'100 bob: seen before',
		'110 bob: sent while you were away',
		'120 alice: typed offline (sent)',
	]);
	const entries = entriesOf(state, LOBBY);
	const missed = entries.findIndex((entry) => entry.kind === 'message' && entry.id === '110');
	t.true(
		entries.slice(0, missed).some((entry) => entry.kind === 'notice' && entry.text.startsWith('Disconnected')),
		'shown after the disconnection notice, where it happened',
	);
});

test('our own message in HISTORY that this client does not show yet is shown as ours and sent', (t) => {
	let state = reconnect(sawHundred()).state;
	state = receive(
		state,
		`MSG 101 ${TIME} lobby alice from an earlier connection`,
		`DM 102 ${TIME} alice bob to bob`,
		'OK HISTORY 2 0 2 messages.',
	);
	t.deepEqual(shown(state, LOBBY).at(-1), '101 alice: from an earlier connection (sent)');
	t.deepEqual(shown(state, dmConversation('bob')), ['102 alice: to bob (sent)']);
	t.is(state.conversations.get(dmConversation('bob'))!.unread, 0, 'our own messages are not unread');
});

test('a live message that arrives while HISTORY is awaited is added with the reply, once', (t) => {
	let state = reconnect(sawHundred()).state;
	state = receive(state, `MSG 105 ${TIME} lobby bob live, before the reply`);
	t.deepEqual(shown(state, LOBBY), ['100 bob: seen before'], 'gathered, not yet shown');
	state = receive(
		state,
		`MSG 101 ${TIME} lobby bob missed`,
		`MSG 105 ${TIME} lobby bob live, before the reply`,
		'OK HISTORY 2 0 2 messages.',
	);
	t.deepEqual(shown(state, LOBBY), ['100 bob: seen before', '101 bob: missed', '105 bob: live, before the reply']);
});

test('a reply that says more are kept is followed by another, after the last id of that reply', (t) => {
	let state = reconnect(sawHundred()).state;
	// 900 arrived live before the reply; the next page must still start after 102, not 900.
	state = receive(state, `MSG 900 ${TIME} lobby bob newest`);
	const next = written(
		receive(
			state,
			`MSG 101 ${TIME} lobby bob one`,
			`MSG 102 ${TIME} lobby bob two`,
			'OK HISTORY 2 1 2 messages; more are kept.',
		),
	);
	t.deepEqual(next.lines, ['HISTORY 102']);
	t.is(next.state.resume?.pages, 2);
	state = receive(next.state, `MSG 103 ${TIME} lobby bob three`, 'OK HISTORY 1 0 1 message.');
	t.deepEqual(written(state).lines, []);
	t.deepEqual(shown(state, LOBBY), [
		'100 bob: seen before',
		'101 bob: one',
		'102 bob: two',
		'103 bob: three',
		'900 bob: newest',
	]);
	t.is(state.resume, undefined);
});

test('the catch-up stops after a bounded number of replies, and says so', (t) => {
	let state = reconnect(sawHundred()).state;
	const asked: string[] = [];
	let id = 100;
	// Bounded: a client that kept asking would stop here with a failure.
	for (let page = 1; page <= MAX_RESUME_PAGES + 5; page++) {
		id++;
		const next = written(
			receive(state, `MSG ${id} ${TIME} lobby bob m${id}`, 'OK HISTORY 1 1 1 message; more are kept.'),
		);
		state = next.state;
		if (next.lines.length === 0) {
			break;
		}

		asked.push(...next.lines);
	}

	t.is(asked.length, MAX_RESUME_PAGES - 1, 'the first request plus these make the bound');
	t.is(asked.at(-1), `HISTORY ${100 + MAX_RESUME_PAGES - 1}`);
	t.is(state.resume, undefined);
	t.regex(noticesHere(state).at(-1)!, /More messages were sent while you were disconnected than this client fetches/);
});

test('a refused HISTORY ends the catch-up with a notice, and what was gathered is still shown', (t) => {
	let state = reconnect(sawHundred()).state;
	state = receive(state, `MSG 150 ${TIME} lobby bob live`, 'ERR RATE_LIMITED HISTORY Slow down; this one was not run.');
	t.deepEqual(shown(state, LOBBY), ['100 bob: seen before', '150 bob: live']);
	t.is(state.resume, undefined);
	t.is(
		noticesHere(state).at(-1),
		'Could not fetch the messages sent while you were disconnected: Slow down; this one was not run.',
	);
});

test('a connection lost during the catch-up resumes from the same id next time, whatever arrived meanwhile', (t) => {
	let state = reconnect(sawHundred()).state;
	// A live message is gathered with the HISTORY that never gets its reply.
	state = receive(state, `MSG 300 ${TIME} lobby bob live`);
	t.deepEqual(reconnect(state).lines, ['LIST', 'LIST_GROUP', 'HISTORY 100']);
});

test('resuming after a group restore asks for that group after the id seen before the drop', (t) => {
	let state = written(type(online(), '/join night')).state;
	state = receive(
		state,
		'OK JOIN_GROUP night You left lobby and joined night.',
		'OK HISTORY_BEFORE 0 0 No messages.',
		`MSG 200 ${TIME} night bob in night`,
	);
	state = written(apply(apply(state, offline()), connected)).state;
	state = written(receive(state, WELCOME)).state;
	// In the lobby for a moment: a lobby message arrives before the group is restored.
	state = receive(state, `MSG 250 ${TIME} lobby carol in the lobby meanwhile`);
	const back = written(
		receive(
			state,
			'OK LIST 0 0 none.',
			'OK LIST_GROUP 0 none.',
			'OK JOIN_GROUP night You left lobby and joined night.',
		),
	);
	t.deepEqual(back.lines, ['HISTORY 200']);
	state = receive(back.state, `MSG 220 ${TIME} night bob while away`, 'OK HISTORY 1 0 1 message.');
	t.deepEqual(shown(state, NIGHT), ['200 bob: in night', '220 bob: while away']);
});

test('our own message confirmed after a newer live one is still recognised when HISTORY returns it', (t) => {
	let state = apply(sawHundred(), offline());
	state = type(state, 'typed offline');
	const registering = written(apply(state, connected));
	state = written(receive(registering.state, WELCOME)).state;
	// Bob's 130 is shown below our pending message; ours, confirmed as 140, then moves below it (the server's order).
	state = receive(
		state,
		`MSG 130 ${TIME} lobby bob live`,
		...LISTED,
		`@id=k-1 OK MESSAGE 140 ${TIME} lobby 1 Sent to 1 user in lobby.`,
	);
	t.deepEqual(shown(state, LOBBY), ['100 bob: seen before', '130 bob: live', '140 alice: typed offline (sent)']);
	state = receive(
		state,
		`MSG 130 ${TIME} lobby bob live`,
		`MSG 140 ${TIME} lobby alice typed offline`,
		'OK HISTORY 2 0 2 messages.',
	);
	t.deepEqual(shown(state, LOBBY), ['100 bob: seen before', '130 bob: live', '140 alice: typed offline (sent)']);
});
