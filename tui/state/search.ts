/**
 * /search: the server's matches (`SEARCH <words>`: the messages the user may read that
 * contain every word, newest first), listed as a numbered notice where the user is;
 * `/goto <number>` opens one: its conversation, scrolled to that message, with the
 * messages around it fetched when the client did not hold it.
 */
import type {DirectMessage, GroupMessage, Ok} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere, findMessage, switchTo} from './conversations.js';
import type {InFlightCommand} from './in-flight-command.js';
import {enqueue} from './in-flight.js';
import {conversationOf, messageReceived} from './incoming-reducer.js';
import {applyLines, splitRun} from './older-history.js';
import {LIVE} from './scroll.js';

/** Messages fetched on each side of a result the client did not hold. */
export const CONTEXT_MESSAGES = 20;

export interface SearchResults {
	readonly words: string;
	/** Newest first, as the server sent them: result n is `results[n - 1]`. */
	readonly results: ReadonlyArray<GroupMessage | DirectMessage>;
}

/** Local date and time, for results that may be from any day. */
function when(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return iso;
	}

	const two = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

function where(result: GroupMessage | DirectMessage): string {
	return result.type === 'MSG' ? `#${result.group}` : `${result.from} → ${result.to}`;
}

export function searchReplied(
	state: ChatState,
	request: InFlightCommand,
	ok: Extract<Ok, {command: 'SEARCH'}>,
): ChatState {
	const {live, run} = splitRun(request, ok.count);
	const next = applyLines(state, live, 'live');
	const words = request.command.name === 'SEARCH' ? request.command.words : '';
	const results = run.filter((line): line is GroupMessage | DirectMessage => line.type === 'MSG' || line.type === 'DM');
	if (results.length === 0) {
		return addNoticeHere({...next, search: undefined}, 'info', `Nothing you can read matches “${words}”.`);
	}

	const count = results.length === 1 ? '1 message' : `${results.length} messages`;
	const more = ok.more === 1 ? ' (more matched: add words to narrow it)' : '';
	const lines = results.map(
		(result, index) =>
			`  ${String(index + 1).padStart(2)}  ${when(result.time)}  ${where(result)}  <${result.from}> ${result.text}`,
	);
	return addNoticeHere(
		{...next, search: {words, results}},
		'info',
		[`Search “${words}”: ${count}, newest first${more}. /goto <number> opens one.`, ...lines].join('\n'),
	);
}

/** `/goto <n>`: the conversation of result n, scrolled to it. */
export function openResult(state: ChatState, number: number): ChatState {
	const results = state.search?.results ?? [];
	const result = results[number - 1];
	if (result === undefined) {
		return addNoticeHere(
			state,
			'error',
			results.length === 0
				? 'There are no search results to open; /search <words> first.'
				: `There is no result ${number}; the last search found ${results.length}.`,
		);
	}

	const {key, title} = conversationOf(result, state.me.name);
	const held = findMessage(state, key, result.id) !== undefined;
	const shown = switchTo(messageReceived(state, result, 'history'), key, title);
	const entry = findMessage(shown, key, result.id);
	let next: ChatState = {...shown, scroll: entry === undefined ? LIVE : {...LIVE, anchor: entry.key}};
	if (!held && next.connection.status === 'online') {
		next = enqueue(next, {name: 'HISTORY_BEFORE', before: result.id, limit: CONTEXT_MESSAGES}, 'context');
		next = enqueue(next, {name: 'HISTORY', after: result.id, limit: CONTEXT_MESSAGES}, 'context');
	}

	return next;
}
