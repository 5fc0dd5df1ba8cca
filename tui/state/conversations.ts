/**
 * Conversations and how entries land in them: appended (bounded), counted as unread
 * when the user is looking elsewhere, or counted below the fold when the user is
 * looking here but scrolled up.
 */
import type {MessageId} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import type {Conversation} from './conversation.js';
import {conversationKind, type ConversationKey} from './conversation-key.js';
import {
	insertBounded,
	type Entry,
	type EntryList,
	type EntryRef,
	type MessageEntry,
	type NoticeEntry,
	type NoticeLevel,
} from './entries.js';
import {dmNoticeOver} from './dm-notice.js';
import {enqueue} from './in-flight.js';
import {compareMessageIds} from './message-order.js';
import {withUnreadMarker} from './unread-marker.js';
import {PersistentList} from './persistent-list.js';
import {LIVE, noteArrival} from './scroll.js';

function withConversation(state: ChatState, conversation: Conversation): ChatState {
	const conversations = new Map(state.conversations);
	conversations.set(conversation.key, conversation);
	return {...state, conversations};
}

/** Opens a conversation if it is not open yet. */
export function ensureConversation(state: ChatState, key: ConversationKey, title: string): ChatState {
	if (state.conversations.has(key)) {
		return state;
	}

	return withConversation(state, {key, kind: conversationKind(key), title, entries: PersistentList.of(), unread: 0});
}

/**
 * Makes a conversation the current one: a line marks where its unread messages start,
 * its unread count clears, the view goes live and the help closes.
 */
export function switchTo(state: ChatState, key: ConversationKey, title: string): ChatState {
	const opened = ensureConversation(state, key, title);
	const conversation = opened.conversations.get(key)!;
	const marked = withUnreadMarker(conversation, opened.nextKey);
	const read = dmNoticeOver(
		conversation.unread === 0
			? opened
			: {
					...withConversation(opened, {...marked, unread: 0}),
					nextKey: marked === conversation ? opened.nextKey : opened.nextKey + 1,
				},
		key,
	);
	const seen = seenOnOpening(read, conversation);
	if (seen.current === key && seen.scroll === LIVE && !seen.help) {
		return seen;
	}

	return {...seen, current: key, scroll: LIVE, help: false};
}

/**
 * A DM conversation opened with unread messages shows them: each is SEEN, so its sender
 * may get the read receipt (the server decides who is owed one). Only the unread ones,
 * the newest `unread` messages from the other person; offline, none (the receipt would
 * say read later than it was, and nothing queues SEEN for a later connection).
 */
function seenOnOpening(state: ChatState, conversation: Conversation): ChatState {
	if (conversation.kind !== 'dm' || conversation.unread === 0 || state.connection.status !== 'online') {
		return state;
	}

	const unread = conversation.entries
		.filter((entry) => entry.kind === 'message' && entry.direction === 'incoming' && entry.id !== undefined)
		.slice(-conversation.unread);
	return unread.reduce(
		(next, entry) => (entry.kind === 'message' ? enqueue(next, {name: 'SEEN', id: entry.id!}, 'read') : next),
		state,
	);
}

/** An entry before the conversation gives it its key. */
type NewEntry = Omit<MessageEntry, 'key'> | Omit<NoticeEntry, 'key'>;

/** Appends an entry, opening the conversation if needed. Returns the state and the entry's key. */
export function appendEntry(
	state: ChatState,
	key: ConversationKey,
	title: string,
	entry: NewEntry,
): {readonly state: ChatState; readonly ref: EntryRef} {
	return insertEntry(state, key, title, entry, (conversation) => conversation.entries.length);
}

/**
 * Inserts an entry where `at` says (an index into the conversation's entries; the
 * length appends), opening the conversation if needed. An incoming message counts as
 * unread when the user is looking elsewhere (unless `countsUnread` is false: history
 * fetched to show), and an entry that lands below the fold while scrolled up here
 * counts as new below it; one that lands above (older history) leaves the view as it is.
 */
export function insertEntry(
	state: ChatState,
	key: ConversationKey,
	title: string,
	entry: NewEntry,
	at: (conversation: Conversation) => number,
	{countsUnread = true}: {readonly countsUnread?: boolean} = {},
): {readonly state: ChatState; readonly ref: EntryRef} {
	const opened = ensureConversation(state, key, title);
	const conversation = opened.conversations.get(key)!;
	const entryKey = opened.nextKey;
	const isIncomingMessage = entry.kind === 'message' && entry.direction === 'incoming';
	const here = opened.current === key;
	const index = at(conversation);
	const belowFold = index >= conversation.entries.length - opened.scroll.entriesBelow;
	// One copy of the state, not one per field changed: this runs for every message.
	const conversations = new Map(opened.conversations);
	conversations.set(key, {
		...conversation,
		entries: insertBounded(conversation.entries, {...entry, key: entryKey} as Entry, index),
		unread: conversation.unread + (isIncomingMessage && countsUnread && !here ? 1 : 0),
	});
	return {
		state: {
			...opened,
			conversations,
			nextKey: entryKey + 1,
			scroll: here && belowFold ? noteArrival(opened.scroll, entry.kind === 'message') : opened.scroll,
		},
		ref: {conversation: key, key: entryKey},
	};
}

/** Adds a notice to a conversation, opening it if needed. */
export function addNotice(
	state: ChatState,
	key: ConversationKey,
	title: string,
	level: NoticeLevel,
	text: string,
): ChatState {
	return appendEntry(state, key, title, {kind: 'notice', level, text}).state;
}

/** Adds a notice where the user is looking: how every error and reply reaches them. */
export function addNoticeHere(state: ChatState, level: NoticeLevel, text: string): ChatState {
	const current = state.conversations.get(state.current)!;
	return addNotice(state, current.key, current.title, level, text);
}

/** Adds a notice to a conversation only if it is already open (presence chatter opens nothing). */
export function addNoticeIfOpen(state: ChatState, key: ConversationKey, level: NoticeLevel, text: string): ChatState {
	const conversation = state.conversations.get(key);
	return conversation ? addNotice(state, key, conversation.title, level, text) : state;
}

/** Changes an own message in place (delivery state). A message already dropped by the bound is left alone. */
export function updateMessage(
	state: ChatState,
	ref: EntryRef,
	change: Partial<Pick<MessageEntry, 'id' | 'time' | 'delivery' | 'error' | 'note'>>,
): ChatState {
	const conversation = state.conversations.get(ref.conversation);
	const found = conversation && entryByKey(conversation.entries, ref.key);
	const entry = found?.entry;
	if (!conversation || found === undefined || entry?.kind !== 'message') {
		return state;
	}

	const {index} = found;
	return withConversation(state, {...conversation, entries: conversation.entries.with(index, {...entry, ...change})});
}

/**
 * The entry with `key` and where it is, or undefined. Found or not in one answer, so that
 * no caller reads `at(-1)` (the newest entry, not none) for an entry that is not there.
 * Replies concern recent messages, so the search starts from the newest.
 */
function entryByKey(entries: EntryList, key: number): {readonly index: number; readonly entry: Entry} | undefined {
	for (let index = entries.length - 1; index >= 0; index--) {
		const entry = entries.at(index)!;
		if (entry.key === key) {
			return {index, entry};
		}
	}

	return undefined;
}

/**
 * Moves an own message that was just given its id below the messages that arrived while
 * it was on its way with older ids: two people typing at the same moment, or a message
 * resent after a reconnect's catch-up. The conversation then reads in the server's
 * order, as every other member's screen and this one after a restart show it. The entry
 * only ever moves down, past older messages; notices and messages still pending keep
 * their places.
 */
export function inServerOrder(state: ChatState, ref: EntryRef): ChatState {
	const conversation = state.conversations.get(ref.conversation);
	if (!conversation) {
		return state;
	}

	const {entries} = conversation;
	const found = entryByKey(entries, ref.key);
	const entry = found?.entry;
	if (found === undefined || entry?.kind !== 'message' || entry.id === undefined) {
		return state;
	}

	const {index} = found;

	let below = index;
	for (let next = index + 1; next < entries.length; next++) {
		const other = entries.at(next)!;
		if (other.kind === 'message' && other.id !== undefined && compareMessageIds(other.id, entry.id) < 0) {
			below = next;
		}
	}

	if (below === index) {
		return state;
	}

	const moved = entries.toArray();
	moved.splice(index, 1);
	moved.splice(below, 0, entry);
	return withConversation(state, {...conversation, entries: PersistentList.of(moved)});
}

/** The message with a server id in a conversation, if it holds it. */
export function findMessage(state: ChatState, key: ConversationKey, id: MessageId): MessageEntry | undefined {
	return state.conversations
		.get(key)
		?.entries.find((entry): entry is MessageEntry => entry.kind === 'message' && entry.id === id);
}

/** Finds an entry by reference. */
export function findEntry(state: ChatState, ref: EntryRef): Entry | undefined {
	const entries = state.conversations.get(ref.conversation)?.entries;
	return entries === undefined ? undefined : entryByKey(entries, ref.key)?.entry;
}
