/**
 * Missed messages at login (UNREAD), the "new since you last read" marker, and the
 * read position told back to the server (READ), coalesced and never past what was seen.
 */
import test from 'ava';
import {
	createInitialState,
	dmConversation,
	groupConversation,
	readPositionDue,
	UNREAD_MARKER,
	type ChatState,
} from '../../../tui/state/index.js';
import {apply, connected, entriesOf, initial, offline, online, receive, type, written} from './fixtures.js';

const TIME = '2026-11-24T05:10:00.000Z';
const LOBBY = groupConversation('lobby');
const CAROL = dmConversation('carol');

/** The entries of a conversation as text: messages by id, the marker as ----. */
function lines(state: ChatState, key: string): string[] {
	return entriesOf(state, key as never).flatMap((entry) =>
		entry.kind === 'message' ? [`${entry.id}`] : entry.level === 'unread' ? ['----'] : [],
	);
}

/** alice logged in (an account), her newest page answered with messages 8 to 10; `unread` lines follow. */
function loggedIn(...after: string[]): ChatState {
	let state = written(apply(initial('alice'), connected)).state;
	state = receive(state, 'ERR ACCOUNT_PROTECTED SET_NAME "alice" is an account.');
	state = written(type(state, 'correct horse')).state;
	state = receive(state, 'OK SET_NAME alice lobby Welcome back, alice.', ...after);
	return state;
}

const PAGE = [
	'OK LIST 1 1 x',
	'OK LIST_GROUP 0 x',
	`MSG 8 ${TIME} lobby bob read before`,
	`MSG 9 ${TIME} lobby bob missed one`,
	`DM 10 ${TIME} carol alice missed two`,
	'OK HISTORY_BEFORE 3 0 3 messages.',
];

test('UNREAD fetches what was missed, then marks it: a line above the first, and the counts', (t) => {
	let state = loggedIn('UNREAD 3 8 You have 3 unread messages.');
	const sent = written(state);
	t.deepEqual(sent.lines, ['LIST', 'LIST_GROUP', 'HISTORY_BEFORE 0 100', 'HISTORY 8']);
	state = receive(
		sent.state,
		...PAGE,
		`MSG 9 ${TIME} lobby bob missed one`,
		`DM 10 ${TIME} carol alice missed two`,
		`MSG 11 ${TIME} lobby bob missed three`,
		'OK HISTORY 3 0 3 messages.',
	);
	t.is(state.unread, undefined);
	t.deepEqual(lines(state, LOBBY), ['8', '----', '9', '11']);
	t.deepEqual(lines(state, CAROL), ['----', '10']);
	t.like(
		entriesOf(state, LOBBY).find((entry) => entry.kind === 'notice' && entry.level === 'unread'),
		{text: UNREAD_MARKER},
	);
	t.is(state.conversations.get(CAROL)!.unread, 1, 'counted where the user is not looking');
	t.is(state.conversations.get(LOBBY)!.unread, 0, 'the conversation on screen is being read');
	t.is(state.bell, 0, 'missed, not happening now: no bell');
});

test('a reply that says more are missed is followed by the next page, after its last id', (t) => {
	let state = written(loggedIn('UNREAD 900 8 Many.')).state;
	state = receive(state, ...PAGE, `MSG 9 ${TIME} lobby bob a`, `MSG 12 ${TIME} lobby bob b`, 'OK HISTORY 2 1 more.');
	const sent = written(state);
	t.deepEqual(sent.lines, ['HISTORY 12']);
	t.deepEqual(sent.state.unread, {after: '8', pages: 2});
	state = receive(sent.state, `MSG 13 ${TIME} lobby bob c`, 'OK HISTORY 1 0 done.');
	t.deepEqual(lines(state, LOBBY), ['8', '----', '9', '12', '13']);
});

test('UNREAD after a reconnect changes nothing: the catch-up brings what was missed', (t) => {
	let state = written(loggedIn()).state;
	state = written(receive(state, ...PAGE)).state;
	state = written(apply(state, offline(), connected)).state;
	state = receive(state, 'OK SET_NAME alice lobby Welcome back.', 'UNREAD 2 8 Two.');
	t.is(state.unread, undefined);
	t.false(written(state).lines.some((line) => line === 'HISTORY 8'));
});

test('READ is due once seen, up to just before the oldest message still unread elsewhere', (t) => {
	let state = written(loggedIn('UNREAD 3 8 Three.')).state;
	state = receive(
		state,
		...PAGE,
		`DM 10 ${TIME} carol alice missed two`,
		`MSG 11 ${TIME} lobby bob b`,
		'OK HISTORY 2 0 x',
	);
	// carol's 10 is unread in another conversation: read up to 9.
	t.is(readPositionDue(state), '9');
	let sent = written(apply(state, {type: 'mark-read'}));
	t.deepEqual(sent.lines, ['READ 9']);
	t.is(readPositionDue(sent.state), undefined, 'one READ at a time');
	state = receive(sent.state, 'OK READ 9 Read up to 9.');
	t.is(readPositionDue(state), undefined, 'nothing new read since');

	state = apply(state, {type: 'switch-conversation', to: CAROL});
	t.is(readPositionDue(state), '11');
	sent = written(apply(state, {type: 'mark-read'}));
	// Opening carol's DM showed her unread message: SEEN, for its read receipt.
	t.deepEqual(sent.lines, ['SEEN 10', 'READ 11']);
});

test('nothing is due while scrolled up, or for a guest', (t) => {
	let state = written(loggedIn()).state;
	state = receive(state, ...PAGE);
	t.is(readPositionDue(state), '10');
	t.is(readPositionDue(apply(state, {type: 'scroll', lines: 3})), undefined);
	t.is(readPositionDue(receive(online(), `MSG 5 ${TIME} lobby bob hi`)), undefined);
});

test("an SSH session's client is its account's: the key login keeps a read position, as a password does", (t) => {
	const ssh = (verifiedAccount: string | undefined) => {
		const start = createInitialState({
			host: '127.0.0.1',
			port: 8090,
			name: 'alice',
			clientIdPrefix: 'k',
			verifiedAccount,
		});
		let state = written(apply(start, connected)).state;
		state = receive(state, 'OK SET_NAME alice lobby Welcome back, alice (SSH key SHA256:k). You are in group lobby.');
		return receive(written(state).state, ...PAGE);
	};

	t.true(ssh('Alice').me.account);
	t.is(readPositionDue(ssh('Alice')), '10');
	// The same login on a connection not proven to be alice's is a guest's: nothing is kept.
	t.false(ssh(undefined).me.account);
	t.is(readPositionDue(ssh(undefined)), undefined);
});

test('/quit says what was read before it says goodbye', (t) => {
	let state = written(loggedIn()).state;
	state = receive(state, ...PAGE);
	t.deepEqual(written(type(state, '/quit')).lines, ['READ 10', 'CLOSE']);
});

test('opening a conversation with messages that arrived while looking elsewhere marks where they start, once', (t) => {
	let state = receive(online(), `DM 1 ${TIME} carol alice seen`);
	state = apply(state, {type: 'switch-conversation', to: CAROL}, {type: 'switch-conversation', to: LOBBY});
	t.deepEqual(lines(state, CAROL), ['----', '1']);
	state = receive(state, `DM 2 ${TIME} carol alice new one`, `DM 3 ${TIME} carol alice new two`);
	state = apply(state, {type: 'switch-conversation', to: CAROL});
	t.deepEqual(lines(state, CAROL), ['1', '----', '2', '3'], 'moved, not added');
	t.is(state.conversations.get(CAROL)!.unread, 0);
	state = apply(state, {type: 'switch-conversation', to: LOBBY});
	state = receive(state, `DM 4 ${TIME} carol alice newer`);
	state = apply(state, {type: 'switch-conversation', to: CAROL});
	t.deepEqual(lines(state, CAROL), ['1', '2', '3', '----', '4']);
	state = apply(state, {type: 'switch-conversation', to: LOBBY}, {type: 'switch-conversation', to: CAROL});
	t.deepEqual(lines(state, CAROL), ['1', '2', '3', '----', '4'], 'nothing new: it stays where it was');
	t.is(new Set(entriesOf(state, CAROL).map((entry) => entry.key)).size, entriesOf(state, CAROL).length, 'keys unique');
});
