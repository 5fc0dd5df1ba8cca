import test from 'ava';
import {
	currentConversation,
	dmConversation,
	groupConversation,
	MAX_ENTRIES,
	type ChatState,
	type Entry,
	type EntryList,
	type MessageEntry,
} from '../../../tui/state/index.js';
import {apply, entriesOf, lastEntry, noticesHere, online, receive, type, written} from './fixtures.js';

const LOBBY = groupConversation('lobby');

test('a group message lands in its group conversation with its server id and time', (t) => {
	const state = receive(online(), 'MSG 7 2026-11-24T05:10:00.000Z lobby bob BP 90/60 in bed 4');
	t.like(lastEntry(state, LOBBY), {
		kind: 'message',
		direction: 'incoming',
		from: 'bob',
		text: 'BP 90/60 in bed 4',
		id: '7',
		time: '2026-11-24T05:10:00.000Z',
		delivery: undefined,
	});
	t.is(state.conversations.get(LOBBY)!.unread, 0, 'the conversation being viewed never counts unread');
});

test('a DM opens a conversation with the sender and counts unread while the user looks elsewhere', (t) => {
	let state = receive(online(), 'DM 8 2026-11-24T05:11:00.000Z bob alice are you free?');
	const withBob = state.conversations.get(dmConversation('bob'))!;
	t.is(withBob.title, 'bob');
	t.is(withBob.kind, 'dm');
	t.is(withBob.unread, 1);
	state = receive(state, 'DM 9 2026-11-24T05:11:01.000Z BOB alice ?');
	t.is(state.conversations.get(dmConversation('bob'))!.unread, 2, 'same conversation whatever the case');
	t.is(state.current, LOBBY);
});

test('switching to a conversation clears its unread count', (t) => {
	let state = receive(online(), 'DM 8 2026-11-24T05:11:00.000Z bob alice hi');
	state = apply(state, {type: 'switch-conversation', to: dmConversation('bob')});
	t.is(currentConversation(state).unread, 0);
	state = receive(state, 'MSG 9 2026-11-24T05:12:00.000Z lobby bob in lobby');
	t.is(state.conversations.get(LOBBY)!.unread, 1);
});

test('notices do not count as unread', (t) => {
	let state = receive(online(), 'DM 8 2026-11-24T05:11:00.000Z bob alice hi');
	state = receive(state, 'OFFLINE bob lobby');
	const withBob = state.conversations.get(dmConversation('bob'))!;
	t.is(withBob.unread, 1);
	t.like(withBob.entries.at(-1), {kind: 'notice', level: 'leave', text: 'bob went offline.'});
});

test('presence notices go only to conversations already open', (t) => {
	const state = receive(online(), 'ONLINE dave lobby', 'LEFT lobby bob', 'JOINED night bob');
	t.deepEqual(noticesHere(state).slice(-2), ['dave is online.', 'bob left lobby.']);
	t.false(state.conversations.has(groupConversation('night')));
	t.false(state.conversations.has(dmConversation('dave')));
});

test('a conversation keeps only the newest MAX_ENTRIES entries', (t) => {
	let state = online();
	const lines = Array.from({length: MAX_ENTRIES + 10}, (_, i) => `MSG ${i} 2026-11-24T05:10:00.000Z lobby bob m${i}`);
	state = receive(state, ...lines);
	const entries = entriesOf(state, LOBBY);
	t.is(entries.length, MAX_ENTRIES);
	t.is((entries.at(-1) as MessageEntry).text, `m${MAX_ENTRIES + 9}`);
	t.is((entries[0] as MessageEntry).id, String(MAX_ENTRIES + 10 - MAX_ENTRIES));
});

test("an earlier state's entries read as they did after later messages arrive, a delivery is confirmed, an entry moves and the bound drops the oldest", (t) => {
	const time = '2026-11-24T05:10:00.000Z';
	const texts = (entries: Iterable<Entry>) =>
		[...entries].map((entry) => (entry.kind === 'message' ? `${entry.text} ${entry.delivery ?? 'in'}` : entry.text));
	const seen: Array<{readonly entries: EntryList; readonly texts: string[]}> = [];
	const keep = (state: ChatState) => {
		const {entries} = state.conversations.get(LOBBY)!;
		seen.push({entries, texts: texts(entries)});
	};

	let state = written(type(online(), 'mine')).state;
	keep(state);
	state = receive(state, `MSG 11 ${time} lobby bob his, first at the server`);
	keep(state);
	// The OK confirms ours (a changed entry) and moves it below bob's (the server's order).
	state = receive(state, `OK MESSAGE 12 ${time} lobby 1 Sent to 1 user in lobby.`);
	keep(state);
	t.deepEqual(texts(state.conversations.get(LOBBY)!.entries).slice(-2), ['his, first at the server in', 'mine sent']);
	const lines = Array.from({length: MAX_ENTRIES + 1500}, (_, i) => `MSG ${20 + i} ${time} lobby bob m${i}`);
	for (const [index, line] of lines.entries()) {
		state = receive(state, line);
		if (index % 700 === 0 || index === lines.length - 1) {
			keep(state);
		}
	}

	const entries = state.conversations.get(LOBBY)!.entries;
	t.is(entries.length, MAX_ENTRIES);
	t.like(entries.at(0), {kind: 'message', text: 'm1500'});
	t.like(entries.at(-1), {kind: 'message', text: `m${MAX_ENTRIES + 1499}`});
	for (const [index, version] of seen.entries()) {
		t.deepEqual(texts(version.entries), version.texts, `version ${index}`);
	}
});

test('entry keys are unique across conversations', (t) => {
	const state = receive(
		online(),
		'MSG 1 2026-11-24T05:10:00.000Z lobby bob a',
		'DM 2 2026-11-24T05:10:00.000Z bob alice b',
		'MSG 3 2026-11-24T05:10:00.000Z lobby bob c',
	);
	const keys = [...state.conversations.values()].flatMap((conversation) =>
		conversation.entries.toArray().map((entry) => entry.key),
	);
	t.is(new Set(keys).size, keys.length);
});

test('a local notice goes where the user is looking', (t) => {
	let state = apply(online(), {type: 'switch-conversation', to: dmConversation('bob')});
	state = apply(state, {type: 'notice', level: 'error', text: 'Something local.'});
	t.deepEqual(noticesHere(state), ['Something local.']);
});
