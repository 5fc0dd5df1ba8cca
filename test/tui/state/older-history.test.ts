/**
 * The conversation so far: the newest page once signed in and after /join, and older
 * pages when PgUp goes past the top of what the client holds. Old messages are shown,
 * in id order, and are not news: no unread count, no bell.
 */
import test from 'ava';
import {dmConversation, groupConversation, HISTORY_PAGE, type ChatState} from '../../../tui/state/index.js';
import {apply, connected, entriesOf, initial, noticesHere, online, receive, type, written} from './fixtures.js';

const TIME = '2026-11-24T05:10:00.000Z';
const LOBBY = groupConversation('lobby');

function texts(state: ChatState, key = state.current): string[] {
	return entriesOf(state, key).flatMap((entry) => (entry.kind === 'message' ? [`${entry.id} ${entry.text}`] : []));
}

/** Signed in as alice: what it wrote, and the state once the sidebar lists are answered, the newest page awaited. */
function signedIn(): {readonly lines: string[]; readonly state: ChatState} {
	let state = written(apply(initial('alice'), connected)).state;
	state = receive(state, 'OK SET_NAME alice lobby Welcome.');
	const sent = written(state);
	return {lines: sent.lines, state: receive(sent.state, 'OK LIST 1 1 x', 'OK LIST_GROUP 0 x')};
}

function awaitingRecent(): ChatState {
	return signedIn().state;
}

test('once signed in the client asks for the newest page and shows it where each message belongs, as old news', (t) => {
	const signed = signedIn();
	t.deepEqual(signed.lines, ['LIST', 'LIST_GROUP', `HISTORY_BEFORE 0 ${HISTORY_PAGE}`]);
	let state = signed.state;
	state = receive(
		state,
		`MSG 10 ${TIME} lobby bob first`,
		`DM 11 ${TIME} carol alice a word`,
		`MSG 12 ${TIME} lobby alice mine`,
		'OK HISTORY_BEFORE 3 1 3 messages.',
	);
	t.deepEqual(texts(state, LOBBY), ['10 first', '12 mine']);
	t.deepEqual(texts(state, dmConversation('carol')), ['11 a word']);
	t.is(state.conversations.get(dmConversation('carol'))!.unread, 0, 'not news: not counted');
	t.is(state.bell, 0, 'and no bell');
	t.like(entriesOf(state, LOBBY).at(-1), {direction: 'own', delivery: 'sent'});
	t.deepEqual(state.older, {before: '10', more: true, loading: false});
	t.is(state.lastMessageId, '12');
});

test('a live message that arrives before the page is shown as live: counted and rung', (t) => {
	let state = awaitingRecent();
	state = receive(
		state,
		`DM 20 ${TIME} carol alice live one`,
		`MSG 10 ${TIME} lobby bob old`,
		'OK HISTORY_BEFORE 1 0 1 message.',
	);
	t.is(state.conversations.get(dmConversation('carol'))!.unread, 1);
	t.is(state.bell, 1);
	t.deepEqual(texts(state, LOBBY), ['10 old']);
	t.deepEqual(state.older, {before: '10', more: false, loading: false});
});

test('PgUp at the top of what is held asks for the page before it; it goes in above and the view stays', (t) => {
	let state = receive(awaitingRecent(), `MSG 50 ${TIME} lobby bob newer`, 'OK HISTORY_BEFORE 1 1 1 message.');
	state = apply(state, {type: 'scroll', lines: 5, maxLinesUp: 20});
	t.deepEqual(written(state).lines, [], 'not at the top yet');
	state = apply(state, {type: 'scroll', lines: 20, maxLinesUp: 20});
	const sent = written(state);
	t.deepEqual(sent.lines, [`HISTORY_BEFORE 50 ${HISTORY_PAGE}`]);
	t.true(sent.state.older!.loading);
	// Only one page at a time.
	t.deepEqual(written(apply(sent.state, {type: 'scroll', lines: 20, maxLinesUp: 20})).lines, []);

	const linesUp = sent.state.scroll.linesUp;
	state = receive(sent.state, `MSG 40 ${TIME} lobby bob older`, 'OK HISTORY_BEFORE 1 0 1 message.');
	t.deepEqual(texts(state, LOBBY), ['40 older', '50 newer']);
	t.is(state.scroll.linesUp, linesUp, 'counted from the newest row, so the view holds still');
	t.is(state.scroll.entriesBelow, 0, 'an older message is not "new below"');
	t.deepEqual(state.older, {before: '40', more: false, loading: false});
	t.deepEqual(written(apply(state, {type: 'scroll', lines: 20, maxLinesUp: 20})).lines, [], 'nothing older');
});

test('a short conversation pages back at the first PgUp', (t) => {
	const state = receive(awaitingRecent(), `MSG 50 ${TIME} lobby bob only`, 'OK HISTORY_BEFORE 1 1 1 message.');
	t.deepEqual(written(apply(state, {type: 'scroll', lines: 10, maxLinesUp: 0})).lines, [
		`HISTORY_BEFORE 50 ${HISTORY_PAGE}`,
	]);
});

test('/join shows the conversation so far in the group joined', (t) => {
	let state = written(type(online(), '/join night')).state;
	state = receive(state, 'OK JOIN_GROUP night You left lobby and joined night.');
	const sent = written(state);
	t.deepEqual(sent.lines, [`HISTORY_BEFORE 0 ${HISTORY_PAGE}`]);
	state = receive(sent.state, `MSG 7 ${TIME} night carol before you came`, 'OK HISTORY_BEFORE 1 0 1 message.');
	t.deepEqual(texts(state), ['7 before you came']);
	t.is(state.current, groupConversation('night'));
});

test('a refused page says so once, and PgUp asks no more', (t) => {
	let state = receive(awaitingRecent(), 'ERR INTERNAL HISTORY_BEFORE The server failed.');
	t.is(noticesHere(state).at(-1), 'Could not fetch earlier messages: The server failed.');
	state = apply(state, {type: 'scroll', lines: 10, maxLinesUp: 0});
	t.deepEqual(written(state).lines, []);
});
