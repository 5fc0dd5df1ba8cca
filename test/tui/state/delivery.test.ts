import test from 'ava';
import {dmConversation, groupConversation} from '../../../tui/state/index.js';
import {apply, entriesOf, noticesHere, offline, online, ownMessages, receive, type, written} from './fixtures.js';

const LOBBY = groupConversation('lobby');

test('plain text is sent as MESSAGE and shows at once as pending', (t) => {
	const {state, lines} = written(type(online(), 'bed 4 needs review'));
	t.deepEqual(lines, ['@id=k-1 MESSAGE bed 4 needs review']);
	t.like(ownMessages(state, LOBBY)[0], {from: 'alice', text: 'bed 4 needs review', delivery: 'pending', id: undefined});
});

test('the OK gives the pending message its id and time', (t) => {
	let state = written(type(online(), 'hello')).state;
	state = receive(state, 'OK MESSAGE 12 2026-11-24T05:10:00.000Z lobby 1 Sent to 1 user in lobby.');
	t.like(ownMessages(state, LOBBY)[0], {
		delivery: 'sent',
		id: '12',
		time: '2026-11-24T05:10:00.000Z',
		error: undefined,
	});
});

test("an own message takes the server's order: below what arrived meanwhile with an older id, as everyone else sees it", (t) => {
	const time = '2026-11-24T05:10:00.000Z';
	let state = written(type(online(), 'mine')).state;
	state = written(type(state, 'mine too')).state;
	// bob's message reached the server first, and reaches us before the server's OK for ours.
	state = receive(state, `MSG 11 ${time} lobby bob his, first at the server`);
	const texts = () => entriesOf(state, LOBBY).flatMap((entry) => (entry.kind === 'message' ? [entry.text] : []));
	t.deepEqual(texts(), ['mine', 'mine too', 'his, first at the server'], 'shown where typed while on their way');
	state = receive(state, `OK MESSAGE 12 ${time} lobby 1 Sent to 1 user in lobby.`);
	t.deepEqual(texts(), ['mine too', 'his, first at the server', 'mine']);
	state = receive(state, `OK MESSAGE 13 ${time} lobby 1 Sent to 1 user in lobby.`);
	t.deepEqual(texts(), ['his, first at the server', 'mine', 'mine too']);
	// A message with a newer id than ours stays where it is, below.
	state = written(type(state, 'third')).state;
	state = receive(state, `OK MESSAGE 14 ${time} lobby 1 Sent to 1 user in lobby.`);
	state = receive(state, `MSG 15 ${time} lobby bob after`);
	t.deepEqual(texts(), ['his, first at the server', 'mine', 'mine too', 'third', 'after']);
});

test('an ERR marks the message failed with the server sentence', (t) => {
	let state = written(type(online(), 'anyone?')).state;
	state = receive(state, 'ERR NO_RECIPIENTS MESSAGE Nobody else is in lobby to receive it; the message was not sent.');
	t.like(ownMessages(state, LOBBY)[0], {
		delivery: 'failed',
		error: 'Nobody else is in lobby to receive it; the message was not sent.',
	});
});

test('replies are matched in order, around other commands and their data lines', (t) => {
	let state = type(online(), 'first');
	state = type(state, '/list');
	state = type(state, 'second');
	state = type(state, '/dm bob third');
	const {state: sent, lines} = written(state);
	t.deepEqual(lines, ['@id=k-1 MESSAGE first', 'LIST', '@id=k-2 MESSAGE second', '@id=k-3;receipts DM bob third']);
	state = receive(
		sent,
		'OK MESSAGE 1 2026-11-24T05:10:00.000Z lobby 1 Sent to 1 user in lobby.',
		'MEMBER lobby alice',
		'USER alice lobby',
		'OK LIST 1 1 1 user in lobby, 1 online.',
		'ERR NO_RECIPIENTS MESSAGE Nobody else is in lobby to receive it; the message was not sent.',
		'OK DM 2 2026-11-24T05:10:01.000Z bob Sent to bob.',
	);
	t.deepEqual(
		ownMessages(state, LOBBY).map((entry) => [entry.text, entry.delivery, entry.id]),
		[
			['first', 'sent', '1'],
			['second', 'failed', undefined],
		],
	);
	t.like(ownMessages(state, dmConversation('bob'))[0], {text: 'third', delivery: 'sent', id: '2'});
	t.deepEqual(state.inFlight, []);
});

test('several lines are several messages, in order', (t) => {
	const {lines} = written(type(online(), 'line one\nline two\n\nline three'));
	t.deepEqual(lines, ['@id=k-1 MESSAGE line one', '@id=k-2 MESSAGE line two', '@id=k-3 MESSAGE line three']);
});

test('in a DM conversation plain text is a DM to that user', (t) => {
	let state = receive(online(), 'DM 5 2026-11-24T05:10:00.000Z bob alice hi');
	state = apply(state, {type: 'switch-conversation', to: dmConversation('bob')});
	const {lines} = written(type(state, 'hi bob'));
	// Opening the conversation showed bob's unread DM (SEEN), then the DM typed there.
	t.deepEqual(lines, ['SEEN 5', '@id=k-1;receipts DM bob hi bob']);
});

test('a failure in a conversation the user has left is also said where they are', (t) => {
	let state = written(type(online(), '/dm bob are you there')).state;
	state = apply(state, {type: 'switch-conversation', to: LOBBY});
	state = receive(state, 'ERR NOT_IN_YOUR_GROUP DM bob is in group night; DMs reach only users of your group (lobby).');
	t.like(ownMessages(state, dmConversation('bob'))[0], {delivery: 'failed'});
	t.is(
		noticesHere(state).at(-1),
		'Your message to bob was not sent: bob is in group night; DMs reach only users of your group (lobby).',
	);
});

test('a message written but unconfirmed when the connection drops stays pending, to be sent again', (t) => {
	let state = written(type(online(), 'was this delivered?')).state;
	state = apply(state, offline());
	t.like(ownMessages(state, LOBBY)[0], {delivery: 'pending', error: undefined});
	t.deepEqual(state.inFlight, []);
	t.deepEqual(
		state.outbox.map((item) => [item.clientId, item.inDoubtAs, item.command.text]),
		[['k-1', 'alice', 'was this delivered?']],
	);
});

test('a reply to a message dropped by the entry bound is absorbed quietly', (t) => {
	let state = written(type(online(), 'old')).state;
	const lines = Array.from({length: 5001}, (_, i) => `MSG ${i} 2026-11-24T05:10:00.000Z lobby bob m${i}`);
	state = receive(state, ...lines);
	state = receive(state, 'OK MESSAGE 9999 2026-11-24T05:10:00.000Z lobby 1 Sent to 1 user in lobby.');
	t.deepEqual(state.inFlight, []);
	t.deepEqual(ownMessages(state, LOBBY), []);
});
