/**
 * After a server restart, the first session back has nobody to send its outbox to
 * (guests are in no group until they are back): the refused messages wait, in order,
 * for someone to come, and fail with the server's sentence only after
 * RECIPIENT_WAIT_MS. A message typed live into an empty group is refused at once.
 */
import test from 'ava';
import {dmConversation, type ChatState} from '../../../tui/state/index.js';
import {apply, connected, initial, LOBBY, offline, ownMessages, receive, type, WELCOME, written} from './fixtures.js';

const NOBODY = 'Nobody else is in lobby to receive it; the message was not sent.';
const WAITS =
	'Nobody else is back in lobby yet. What you wrote waits and is sent as soon as someone is (for up to 2 minutes).';
const ALONE = ['MEMBER lobby alice', 'USER alice lobby', 'OK LIST 1 1 1 user in lobby, 1 online.'];
const GROUPS = ['GROUP lobby 1', 'OK LIST_GROUP 1 1 group.'];

function own(state: ChatState, key = LOBBY): Array<[string, string | undefined]> {
	return ownMessages(state, key).map((entry) => [entry.text, entry.delivery]);
}

function notices(state: ChatState, pattern: RegExp): number {
	return lobbyNotices(state).filter((text) => pattern.test(text)).length;
}

function lobbyNotices(state: ChatState): string[] {
	return [...state.conversations.get(LOBBY)!.entries].flatMap((entry) => (entry.kind === 'notice' ? [entry.text] : []));
}

function refused(id: string): string {
	return `@id=${id} ERR NO_RECIPIENTS MESSAGE ${NOBODY}`;
}

function sent(id: string, messageId: number): string {
	return `@id=${id} OK MESSAGE ${messageId} 2026-12-07T01:00:00.000Z lobby 1 Sent to 1 user in lobby.`;
}

/** alice, alone in lobby, typed `texts` while the server was down; it is back and she has registered: what she wrote. */
function backFirst(...texts: string[]): {readonly state: ChatState; readonly lines: string[]} {
	let state = written(apply(initial('alice'), connected)).state;
	state = written(receive(state, WELCOME, ...ALONE, ...GROUPS, 'OK HISTORY_BEFORE 0 0 No messages.')).state;
	state = apply(state, offline());
	for (const text of texts) {
		state = type(state, text);
	}

	state = written(apply(state, connected)).state;
	return written(receive(state, WELCOME, ...ALONE, ...GROUPS));
}

test('refused for want of recipients after a restart, the outbox waits (pending, said once) and goes, same ids, in order, when someone is back', (t) => {
	const back = backFirst('bed 4 obs due', 'bed 5 fluids');
	t.deepEqual(back.lines, [
		'LIST',
		'LIST_GROUP',
		'@id=k-1 MESSAGE bed 4 obs due',
		'@id=k-2 MESSAGE bed 5 fluids',
		'HISTORY 0',
	]);

	let state = receive(back.state, refused('k-1'), refused('k-2'), 'OK HISTORY 0 0 No messages.');
	t.deepEqual(own(state), [
		['bed 4 obs due', 'pending'],
		['bed 5 fluids', 'pending'],
	]);
	t.is(notices(state, /waits/), 1);
	t.true(lobbyNotices(state).includes(WAITS));
	t.deepEqual(written(state).lines, [], 'nothing is sent while nobody is there');

	// Typed while they wait: a group message waits behind them; a DM is not held up.
	state = type(state, 'bed 6 bloods');
	state = type(state, '/dm carol are you on?');
	t.deepEqual(written(state).lines, ['@id=k-4;receipts DM carol are you on?']);
	state = apply(written(state).state, {type: 'switch-conversation', to: LOBBY});

	state = receive(state, 'ONLINE bob lobby');
	const resent = written(state);
	t.deepEqual(resent.lines, [
		'@id=k-1 MESSAGE bed 4 obs due',
		'@id=k-2 MESSAGE bed 5 fluids',
		'@id=k-3 MESSAGE bed 6 bloods',
	]);
	state = receive(resent.state, sent('k-1', 1), sent('k-2', 2), sent('k-3', 3));
	t.deepEqual(own(state), [
		['bed 4 obs due', 'sent'],
		['bed 5 fluids', 'sent'],
		['bed 6 bloods', 'sent'],
	]);
	t.is(state.recipientWait, undefined);
	t.is(state.outbox.length, 0);
	t.is(notices(state, /waits/), 1);
	t.deepEqual(own(state, dmConversation('carol')), [['are you on?', 'pending']]);
});

test('someone joining the group from another is as good as someone coming online', (t) => {
	let state = receive(backFirst('hello?').state, refused('k-1'));
	state = receive(state, 'ONLINE bob night');
	t.deepEqual(written(state).lines, [], 'bob is in night: the message still waits');
	state = receive(written(state).state, 'LEFT night bob', 'JOINED lobby bob');
	t.deepEqual(written(state).lines, ['@id=k-1 MESSAGE hello?']);
});

test('nobody comes: when the wait is over the messages fail with the server sentence, and the next one is refused at once', (t) => {
	let state = receive(backFirst('a', 'b').state, refused('k-1'), refused('k-2'));
	state = apply(state, {type: 'recipient-wait-over'});
	const failed = ownMessages(state);
	t.deepEqual(
		failed.map((entry) => [entry.text, entry.delivery, entry.error]),
		[
			['a', 'failed', `${NOBODY} Nobody came back within 2 minutes.`],
			['b', 'failed', `${NOBODY} Nobody came back within 2 minutes.`],
		],
	);
	t.is(state.outbox.length, 0);
	t.is(state.recipientWait, undefined);

	// The wait is over: a message typed now is a live one, and the lab rule refuses it.
	state = written(state).state;
	state = type(state, 'c');
	t.deepEqual(written(state).lines, ['@id=k-3 MESSAGE c']);
	state = receive(written(state).state, refused('k-3'));
	t.deepEqual(own(state).at(-1), ['c', 'failed']);
	t.deepEqual(written(state).lines, []);
});

test('a message typed live into an empty group is refused at once, as the lab protocol says', (t) => {
	let state = written(apply(initial('alice'), connected)).state;
	state = written(receive(state, WELCOME, ...ALONE, ...GROUPS, 'OK HISTORY_BEFORE 0 0 No messages.')).state;
	state = type(state, 'anyone?');
	state = receive(written(state).state, refused('k-1'));
	t.deepEqual(
		ownMessages(state).map((entry) => [entry.delivery, entry.error]),
		[['failed', NOBODY]],
	);
	t.is(state.recipientWait, undefined);
	t.is(notices(state, /waits/), 0);
});

test('leaving the group while its messages wait fails them, saying so, and sends nothing to the new group', (t) => {
	let state = receive(backFirst('for lobby').state, refused('k-1'), 'OK HISTORY 0 0 No messages.');
	state = written(type(state, '/join night')).state;
	state = receive(state, 'OK JOIN_GROUP night You left lobby and joined night.');
	t.false(written(state).lines.some((line) => line.includes('MESSAGE')));
	t.deepEqual(
		ownMessages(state, LOBBY).map((entry) => [entry.delivery, entry.error]),
		[['failed', 'Not sent: you are in night now, not in the group this was written to.']],
	);
	t.is(state.recipientWait, undefined);
});

test('the connection drops while messages wait: they stay pending, and are sent (and may wait) again after the next registration', (t) => {
	let state = receive(backFirst('still here').state, refused('k-1'));
	state = apply(state, offline());
	t.is(state.recipientWait, undefined);
	t.deepEqual(own(state), [['still here', 'pending']]);
	state = written(apply(state, connected)).state;
	const again = written(receive(state, WELCOME, ...ALONE, ...GROUPS));
	t.deepEqual(again.lines, ['LIST', 'LIST_GROUP', '@id=k-1 MESSAGE still here', 'HISTORY 0']);
	state = receive(again.state, refused('k-1'));
	t.deepEqual(state.recipientWait, {group: 'lobby', refusal: NOBODY});
	t.is(notices(state, /waits/), 2, 'said again: it is a new wait');
});
