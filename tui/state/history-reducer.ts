/**
 * Catching up after a reconnect: once registered, back in the group and with the
 * unconfirmed messages resent, the client asks `HISTORY <newest id seen before the
 * drop>` and adds what comes back (the group's messages and the user's DMs) like live
 * ones: each once, in id order. A reply that says more are kept is followed by another
 * request after its last id, a bounded number of times.
 *
 * The resends go first on purpose: their OKs (a `dup` one included) give our own
 * messages their server ids before HISTORY returns those same messages, so they are
 * recognised as already shown.
 */
import type {Err, Ok} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere} from './conversations.js';
import type {InFlightCommand} from './in-flight-command.js';
import {enqueue} from './in-flight.js';
import {applyLines, splitRun} from './older-history.js';

/** 20 replies of up to 500 messages: far more than the server keeps (1000 per group and per user's DMs). */
export const MAX_RESUME_PAGES = 20;

/** Sends the first HISTORY of a catch-up, if one is due. */
export function startResume(state: ChatState): ChatState {
	if (!state.resume) {
		return state;
	}

	return enqueue(
		{...state, resume: {...state.resume, pages: 1}},
		{name: 'HISTORY', after: state.resume.after},
		'resume',
	);
}

/**
 * The MSG and DM lines gathered while HISTORY was awaited: its run, and any live one
 * that arrived before the run began. Applied in arrival order; duplicates drop out.
 */
function applyCollected(state: ChatState, request: InFlightCommand): ChatState {
	return applyLines(state, request.collected, 'live');
}

export function historyReplied(
	state: ChatState,
	request: InFlightCommand,
	ok: Extract<Ok, {command: 'HISTORY'}>,
): ChatState {
	if (request.origin === 'context') {
		// Around a search result being opened: old messages, shown, not news.
		const {live, run} = splitRun(request, ok.count);
		return applyLines(applyLines(state, live, 'live'), run, 'history');
	}

	const next = applyCollected(state, request);
	const {resume} = next;
	if (request.origin !== 'resume' || !resume) {
		return next;
	}

	// No event is ever written inside a run, and the OK follows its run at once: the
	// last line gathered is the run's last message.
	const last = ok.count > 0 ? request.collected.at(-1) : undefined;
	const more = ok.more === 1 && last !== undefined && (last.type === 'MSG' || last.type === 'DM');
	if (!more) {
		return {...next, resume: undefined};
	}

	if (resume.pages >= MAX_RESUME_PAGES) {
		return addNoticeHere(
			{...next, resume: undefined},
			'error',
			`More messages were sent while you were disconnected than this client fetches (${MAX_RESUME_PAGES} pages); the newest of them are not shown.`,
		);
	}

	return enqueue({...next, resume: {...resume, pages: resume.pages + 1}}, {name: 'HISTORY', after: last.id}, 'resume');
}

export function historyRefused(state: ChatState, request: InFlightCommand, err: Err): ChatState {
	const next = applyCollected(state, request);
	if (request.origin !== 'resume') {
		return addNoticeHere(next, 'error', err.text);
	}

	return addNoticeHere(
		{...next, resume: undefined},
		'error',
		`Could not fetch the messages sent while you were disconnected: ${err.text}`,
	);
}
