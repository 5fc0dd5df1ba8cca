/**
 * Pages and receipts in the client state: a page waits on the banner (stacked, rung)
 * until the key acknowledges it, then goes into its conversation marked; a page the
 * user sends shows who has it and who acknowledged; a DM's receipts show as they come.
 */
import test from 'ava';
import {dmConversation, groupConversation} from '../../../tui/state/index.js';
import {apply, entriesOf, noticesHere, offline, online, ownMessages, receive, type, written} from './fixtures.js';

const BOB = dmConversation('bob');
const LOBBY = groupConversation('lobby');
const TIME = '2026-11-24T05:10:00.000Z';
const ACK_TIME = '2026-11-24T05:10:07.000Z';

test('pages stack on the banner, ring, and say they were seen; the key acknowledges the top one', (t) => {
	let state = online();
	const bell = state.bell;
	state = receive(state, `@page DM 40 ${TIME} bob alice Bed 4 BP 70/40`, `@page MSG 41 ${TIME} lobby carol Crash call`);
	t.deepEqual(
		state.pages.banners.map((page) => [page.id, page.from, page.text]),
		[
			['40', 'bob', 'Bed 4 BP 70/40'],
			['41', 'carol', 'Crash call'],
		],
	);
	t.is(state.bell, bell + 2);
	// Not in a conversation until acknowledged.
	t.deepEqual(entriesOf(state, BOB), []);
	const seen = written(state);
	t.deepEqual(seen.lines, ['SEEN 40', 'SEEN 41']);

	// Sent again: still one banner, now overdue, and it rings again.
	state = receive(seen.state, 'OK SEEN 40 Seen 40.', 'OK SEEN 41 Seen 41.');
	state = receive(state, `@page;resend DM 40 ${TIME} bob alice Bed 4 BP 70/40`);
	t.is(state.pages.banners.length, 2);
	t.true(state.pages.banners[0]!.overdue);
	t.is(state.bell, bell + 3);

	const acked = written(apply(state, {type: 'acknowledge-page'}));
	t.deepEqual(acked.lines, ['ACK 40']);
	t.true(acked.state.pages.banners[0]!.acking);
	state = receive(acked.state, `OK ACK 40 ${ACK_TIME} Acknowledged page 40; the sender is told.`);
	t.deepEqual(
		state.pages.banners.map((page) => page.id),
		['41'],
	);
	t.like(entriesOf(state, BOB).at(-1), {from: 'bob', text: 'Bed 4 BP 70/40', id: '40'});
	t.regex(String((entriesOf(state, BOB).at(-1) as {note?: string}).note), /^⚑ page, acknowledged \d\d:\d\d$/);

	// Someone else acknowledged the group page: the banner says so, and stays until our own ACK.
	state = receive(state, `ACKED 41 ${ACK_TIME} dave Acknowledged by dave.`);
	t.deepEqual(state.pages.banners[0]!.ackedBy, ['dave']);
});

test('a refused ACK leaves the page on the banner, and the key works again', (t) => {
	let state = written(receive(online(), `@page DM 40 ${TIME} bob alice Bed 4`)).state;
	state = receive(state, 'OK SEEN 40 Seen 40.');
	state = written(apply(state, {type: 'acknowledge-page'})).state;
	state = receive(state, 'ERR NO_SUCH_PAGE ACK No page to you has the id 40; pages to you carry the tag @page.');
	t.false(state.pages.banners[0]!.acking);
	t.deepEqual(written(apply(state, {type: 'acknowledge-page'})).lines, ['ACK 40']);
});

test('/page sends PAGE; the sent page notes who it reached and who acknowledged, live', (t) => {
	const sent = written(type(online(), '/page bob Bed 4 BP 70/40'));
	t.deepEqual(sent.lines, ['PAGE bob Bed 4 BP 70/40']);
	let state = receive(sent.state, `OK PAGE 50 ${TIME} bob 1 Paged 1 user. Each must ACK 50.`);
	t.is(state.current, BOB);
	t.like(ownMessages(state, BOB).at(-1), {
		text: 'Bed 4 BP 70/40',
		id: '50',
		note: '⚑ page to 1: none acknowledged yet',
	});
	state = receive(state, `RECEIPT 50 bob delivered ${TIME}`);
	t.is(ownMessages(state, BOB).at(-1)!.note, '⚑ page: none acknowledged yet · ✓ delivered to bob');
	state = receive(state, `ACKED 50 ${ACK_TIME} bob Acknowledged by bob.`);
	t.is(ownMessages(state, BOB).at(-1)!.note, '⚑ page: ✓✓ acknowledged by bob · ✓ delivered to bob');
});

test('a DM asks for receipts and shows ✓ delivered, then ✓✓ read', (t) => {
	const sent = written(type(online(), '/dm bob are you on tonight?'));
	t.deepEqual(sent.lines, ['@id=k-1;receipts DM bob are you on tonight?']);
	let state = receive(sent.state, `@id=k-1 OK DM 60 ${TIME} bob Sent to bob.`);
	t.is(ownMessages(state, BOB).at(-1)!.note, undefined);
	state = receive(state, `RECEIPT 60 bob delivered ${TIME}`);
	t.is(ownMessages(state, BOB).at(-1)!.note, '✓ delivered');
	state = receive(state, `RECEIPT 60 bob read ${ACK_TIME}`);
	t.is(ownMessages(state, BOB).at(-1)!.note, '✓✓ read');
});

test('a DM that arrives in the open conversation is said to be seen; one elsewhere is not', (t) => {
	const opened = written(type(online(), '/dm bob')).state;
	t.deepEqual(written(receive(opened, `DM 70 ${TIME} bob alice here`)).lines, ['SEEN 70']);
	t.deepEqual(written(receive(online(), `DM 71 ${TIME} bob alice elsewhere`)).lines, []);
});

test('opening a DM conversation with unread messages says those are seen, and only those', (t) => {
	// One read already (it arrived while open), then two while the lobby was on screen.
	let state = written(receive(written(type(online(), '/dm bob')).state, `DM 70 ${TIME} bob alice first`)).state;
	state = apply(state, {type: 'switch-conversation', to: LOBBY});
	state = receive(state, `DM 71 ${TIME} bob alice second`, `DM 72 ${TIME} bob alice third`);
	t.deepEqual(written(state).lines, [], 'not shown yet: nothing said');
	const opened = written(type(written(state).state, '/dm bob'));
	t.deepEqual(opened.lines, ['SEEN 71', 'SEEN 72']);
	// Opened again with nothing new: nothing more.
	const back = written(
		type(
			apply(receive(opened.state, 'OK SEEN 71 Seen 71.', 'OK SEEN 72 Seen 72.'), {
				type: 'switch-conversation',
				to: LOBBY,
			}),
			'/dm bob',
		),
	);
	t.deepEqual(back.lines, []);
});

test('/ack acknowledges the oldest page waiting, as the key does; with none waiting, or offline, it says why not', (t) => {
	let state = written(
		receive(online(), `@page DM 40 ${TIME} bob alice Bed 4`, `@page MSG 41 ${TIME} lobby carol Crash`),
	).state;
	state = receive(state, 'OK SEEN 40 Seen 40.', 'OK SEEN 41 Seen 41.');
	const first = written(type(state, '/ack'));
	t.deepEqual(first.lines, ['ACK 40']);
	// The first ACK is on its way: the next /ack takes the next page, and then there is none left to take.
	const second = written(type(first.state, '/ack'));
	t.deepEqual(second.lines, ['ACK 41']);
	const third = written(type(second.state, '/ack'));
	t.deepEqual(third.lines, []);
	t.is(noticesHere(third.state).at(-1), 'Acknowledging the page already.');

	const none = written(type(online(), '/ack'));
	t.deepEqual(none.lines, []);
	t.is(noticesHere(none.state).at(-1), 'No page is waiting to be acknowledged.');

	// Offline the page stays on the banner, and the ACK is not queued for later: it is the person's own act, now.
	const away = written(type(apply(receive(online(), `@page DM 40 ${TIME} bob alice Bed 4`), offline()), '/ack'));
	t.deepEqual(away.lines, []);
	t.false(away.state.pages.banners[0]!.acking);
	t.regex(noticesHere(away.state).at(-1)!, /^Not connected to the server/);

	t.regex(noticesHere(type(online(), '/ack 40')).at(-1)!, /^\/ack takes no parameters\. Usage: \/ack\.$/);
});
