/**
 * /search lists the server's matches where the user is; /goto opens one: its
 * conversation, scrolled to that message, with the messages around it fetched when the
 * client did not hold it.
 */
import test from 'ava';
import {dmConversation, groupConversation, LIVE, type ChatState} from '../../../tui/state/index.js';
import {apply, entriesOf, noticesHere, offline, online, receive, type, written} from './fixtures.js';

const TIME = '2026-11-24T05:10:00.000Z';

function searched(): ChatState {
	const sent = written(type(online(), '/search bed 7'));
	return receive(
		sent.state,
		`DM 30 ${TIME} carol alice bed 7 is stable`,
		`MSG 12 ${TIME} lobby bob bed 7 needs a review`,
		'OK SEARCH 2 0 2 messages.',
	);
}

test('/search sends SEARCH and lists the matches, numbered, newest first', (t) => {
	t.deepEqual(written(type(online(), '/search  bed 7 ')).lines, ['SEARCH bed 7']);
	const state = searched();
	const listing = noticesHere(state).at(-1)!.split('\n');
	t.regex(listing[0]!, /^Search “bed 7”: 2 messages, newest first\. \/goto <number> opens one\.$/);
	t.regex(listing[1]!, /^ {3}1 {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}carol → alice {2}<carol> bed 7 is stable$/);
	t.regex(listing[2]!, /^ {3}2 {2}.* {2}#lobby {2}<bob> bed 7 needs a review$/);
	t.deepEqual(
		state.search?.results.map((result) => result.id),
		['30', '12'],
	);
	t.deepEqual(entriesOf(state, dmConversation('carol')), [], 'results are listed, not added to conversations');
});

test('nothing found says so; more than shown says to narrow it', (t) => {
	let state = receive(written(type(online(), '/search zebra')).state, 'OK SEARCH 0 0 none.');
	t.is(noticesHere(state).at(-1), 'Nothing you can read matches “zebra”.');
	state = receive(written(type(online(), '/search bed')).state, `MSG 12 ${TIME} lobby bob bed`, 'OK SEARCH 1 1 more.');
	t.regex(noticesHere(state).at(-1)!, /1 message, newest first \(more matched: add words to narrow it\)/);
});

test('a live message that arrives before the matches is shown as live, not taken for one', (t) => {
	const state = receive(
		written(type(online(), '/search bed')).state,
		`MSG 40 ${TIME} lobby bob live now`,
		`MSG 12 ${TIME} lobby bob bed`,
		'OK SEARCH 1 0 one.',
	);
	t.deepEqual(
		state.search?.results.map((result) => result.id),
		['12'],
	);
	t.like(entriesOf(state, groupConversation('lobby')).at(-2), {kind: 'message', id: '40'});
});

test('/goto opens the conversation at the result, fetching what surrounds it', (t) => {
	const opened = written(type(searched(), '/goto 1'));
	const state = opened.state;
	const carol = dmConversation('carol');
	t.is(state.current, carol);
	const entry = entriesOf(state, carol).find((candidate) => candidate.kind === 'message' && candidate.id === '30');
	t.truthy(entry);
	t.is(state.scroll.anchor, entry!.key, 'scrolled to it');
	t.deepEqual(opened.lines, ['HISTORY_BEFORE 30 20', 'HISTORY 30 20']);

	const around = receive(
		state,
		`DM 29 ${TIME} alice carol how is bed 7?`,
		'OK HISTORY_BEFORE 1 1 one.',
		`DM 31 ${TIME} carol alice thanks`,
		'OK HISTORY 1 0 one.',
	);
	t.deepEqual(
		entriesOf(around, carol).map((candidate) => (candidate.kind === 'message' ? candidate.id : 'notice')),
		['29', '30', '31'],
	);
	t.is(around.bell, 0, 'old messages: no bell');
	t.is(around.scroll.anchor, entry!.key, 'still showing the result');
});

test('/goto of a message the client holds fetches nothing; the anchor goes with the first scroll', (t) => {
	let state = receive(online(), `MSG 12 ${TIME} lobby bob bed 7 needs a review`);
	state = receive(
		written(type(state, '/search bed')).state,
		`MSG 12 ${TIME} lobby bob bed 7 needs a review`,
		'OK SEARCH 1 0 x',
	);
	const opened = written(type(state, '/goto 1'));
	t.deepEqual(opened.lines, []);
	t.not(opened.state.scroll.anchor, undefined);
	const scrolled = apply(opened.state, {type: 'scroll', lines: -2, from: 5});
	t.deepEqual(scrolled.scroll, {linesUp: 3, entriesBelow: 0, newMessages: 0});
	t.is(apply(opened.state, {type: 'scroll-to-live'}).scroll, LIVE);
});

test('/goto without results, or past them, says so', (t) => {
	t.is(noticesHere(type(online(), '/goto 1')).at(-1), 'There are no search results to open; /search <words> first.');
	t.is(noticesHere(type(searched(), '/goto 3')).at(-1), 'There is no result 3; the last search found 2.');
	t.is(
		noticesHere(type(online(), '/goto x')).at(-1),
		'Say which search result to open, by its number: /goto <number>.',
	);
});

test('/search needs the server: refused while offline', (t) => {
	const state = type(apply(online(), offline()), '/search bed');
	t.deepEqual(written(state).lines, []);
	t.regex(noticesHere(state).at(-1)!, /Not connected to the server/);
});
