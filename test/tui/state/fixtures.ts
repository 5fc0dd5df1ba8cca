/**
 * Building reducer states the way they happen: by applying wire lines and actions,
 * so tests read like the protocol and cannot drift from what the reducer accepts.
 */
import {formatCommand, formatTags, parseServerLine} from '../../../protocol/index.js';
import {
	chatReducer,
	createInitialState,
	currentConversation,
	groupConversation,
	takeOutgoing,
	type ChatAction,
	type ChatState,
	type ConversationKey,
	type Entry,
	type MessageEntry,
} from '../../../tui/state/index.js';
import {parseInput} from '../../../tui/input/index.js';

export function apply(state: ChatState, ...actions: ChatAction[]): ChatState {
	return actions.reduce(chatReducer, state);
}

/** Feeds server lines, given as wire text. */
export function receive(state: ChatState, ...lines: string[]): ChatState {
	return apply(state, ...lines.map((line) => ({type: 'server-line', line: parseServerLine(line)}) as const));
}

/** Types a line as the user would. */
export function type(state: ChatState, text: string): ChatState {
	return apply(state, {type: 'input', input: parseInput(text, state)});
}

/** What the session would write now, as wire text (tags included); and the state after writing it. */
export function written(state: ChatState): {readonly state: ChatState; readonly lines: string[]} {
	const taken = takeOutgoing(state);
	return {
		state: taken.state,
		lines: taken.outgoing.map(({command, tags}) => formatTags(tags) + formatCommand(command)),
	};
}

export const connected: ChatAction = {type: 'connection', event: {status: 'connected'}};

export function offline(error = 'The server closed the connection.'): ChatAction {
	return {type: 'connection', event: {status: 'offline', attempt: 1, nextRetryAt: 1_000_500, error}};
}

/** Client message ids are `k-1`, `k-2`, ... in these tests. */
export const CLIENT_ID_PREFIX = 'k';

export const LOBBY = groupConversation('lobby');
export const NIGHT = groupConversation('night');

/** The server's answer when alice signs in: she starts in lobby. */
export const WELCOME = 'OK SET_NAME alice lobby Welcome, alice. You are in group lobby.';

/** The server's answer to LIST where online() leaves alice: bob with her in lobby, carol in night. */
export const LOBBY_LIST: readonly string[] = [
	'MEMBER lobby alice',
	'MEMBER lobby bob',
	'USER alice lobby',
	'USER bob lobby',
	'USER carol night',
	'OK LIST 2 3 2 users in lobby, 3 online.',
];

export function initial(name?: string): ChatState {
	return createInitialState({host: '127.0.0.1', port: 8090, name, clientIdPrefix: CLIENT_ID_PREFIX});
}

/** Registered as alice in lobby with bob and carol online (carol in night), everything written. */
export function online(): ChatState {
	let state = apply(initial('alice'), connected);
	state = written(state).state;
	state = receive(
		state,
		WELCOME,
		...LOBBY_LIST,
		'GROUP lobby 2',
		'GROUP night 1',
		'OK LIST_GROUP 2 2 groups.',
		// The conversation so far: nothing yet.
		'OK HISTORY_BEFORE 0 0 No messages.',
	);
	return written(state).state;
}

export function entriesOf(state: ChatState, key: ConversationKey = state.current): readonly Entry[] {
	return state.conversations.get(key)?.entries.toArray() ?? [];
}

/** Our own messages in a conversation (the current one unless told), in their order. */
export function ownMessages(state: ChatState, key: ConversationKey = state.current): MessageEntry[] {
	return entriesOf(state, key).filter(
		(entry): entry is MessageEntry => entry.kind === 'message' && entry.direction === 'own',
	);
}

export function lastEntry(state: ChatState, key: ConversationKey = state.current): Entry | undefined {
	return entriesOf(state, key).at(-1);
}

/** The texts of the current conversation's notices. */
export function noticesHere(state: ChatState): string[] {
	return currentConversation(state)
		.entries.toArray()
		.flatMap((entry) => (entry.kind === 'notice' ? [entry.text] : []));
}
