/**
 * The conversation so far, from the server's store: on start (once signed in) and on
 * /join the newest page (`HISTORY_BEFORE 0`), and when PgUp goes past the top of what
 * the client holds, the page before the oldest message fetched (`HISTORY_BEFORE <id>`).
 * The server serves the current group's messages and the user's DMs together, so one
 * cursor pages both. Older messages go in above what is shown: the view counts its
 * scroll position from the newest row, so what the reader looks at stays put.
 */
import type {Err, MessageId, Ok} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere} from './conversations.js';
import type {InFlightCommand} from './in-flight-command.js';
import {enqueue} from './in-flight.js';
import {messageReceived, type Arrival} from './incoming-reducer.js';

/** Messages per page: more than a screenful, so the first page fills the pane. */
export const HISTORY_PAGE = 100;

export interface OlderHistory {
	/** The oldest id fetched so far: the next page ends before it. Undefined until a page held one. */
	readonly before: MessageId | undefined;
	/** The server said older ones exist. */
	readonly more: boolean;
	/** A page is on its way. */
	readonly loading: boolean;
}

/** Asks for the newest page: what the conversation so far is, on start and after /join. */
export function loadRecent(state: ChatState): ChatState {
	return enqueue(
		{...state, older: {before: undefined, more: false, loading: true}},
		{name: 'HISTORY_BEFORE', before: '0', limit: HISTORY_PAGE},
		'older',
	);
}

/** PgUp at the top of what the client holds: the page before it, if there is one and none is on its way. */
export function loadOlder(state: ChatState): ChatState {
	const {older} = state;
	if (!older?.more || older.loading || older.before === undefined || state.connection.status !== 'online') {
		return state;
	}

	return enqueue(
		{...state, older: {...older, loading: true}},
		{name: 'HISTORY_BEFORE', before: older.before, limit: HISTORY_PAGE},
		'older',
	);
}

/**
 * The MSG and DM lines gathered for a reply that has `count` lines in its run: any
 * before the run arrived live (no event is ever written inside a run, and the OK
 * follows its run at once), so those are shown as live ones are.
 */
export function splitRun(
	request: InFlightCommand,
	count: number,
): {readonly live: InFlightCommand['collected']; readonly run: InFlightCommand['collected']} {
	const start = Math.max(0, request.collected.length - count);
	return {live: request.collected.slice(0, start), run: request.collected.slice(start)};
}

/** Applies gathered lines, each as `arrival` says. */
export function applyLines(state: ChatState, lines: InFlightCommand['collected'], arrival: Arrival): ChatState {
	let next = state;
	for (const line of lines) {
		if (line.type === 'MSG' || line.type === 'DM') {
			next = messageReceived(next, line, arrival);
		}
	}

	return next;
}

export function olderReplied(
	state: ChatState,
	request: InFlightCommand,
	ok: Extract<Ok, {command: 'HISTORY_BEFORE'}>,
): ChatState {
	const {live, run} = splitRun(request, ok.count);
	const next = applyLines(applyLines(state, live, 'live'), run, 'history');
	if (request.origin !== 'older') {
		return next;
	}

	const oldest = run[0];
	const before = oldest?.type === 'MSG' || oldest?.type === 'DM' ? oldest.id : next.older?.before;
	// A page asked for before the last /join belongs to the old cursor: the newest page's reply settles it.
	if (next.inFlight.some((item) => item.origin === 'older')) {
		return next;
	}

	return {...next, older: {before, more: ok.more === 1 && oldest !== undefined, loading: false}};
}

export function olderRefused(state: ChatState, request: InFlightCommand, err: Err): ChatState {
	const next = applyLines(state, request.collected, 'live');
	if (request.origin !== 'older') {
		return addNoticeHere(next, 'error', err.text);
	}

	// Nothing more to page through; said, because PgUp will do nothing more.
	return addNoticeHere(
		{...next, older: {before: next.older?.before, more: false, loading: false}},
		'error',
		`Could not fetch earlier messages: ${err.text}`,
	);
}
