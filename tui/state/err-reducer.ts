/**
 * What each ERR does. Every refusal reaches the user in words, where they are
 * looking: on the failed message itself, at the name prompt, or as a notice.
 */
import type {Err} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere, updateMessage} from './conversations.js';
import {historyRefused} from './history-reducer.js';
import type {InFlightCommand} from './in-flight-command.js';
import {isOwnNameHeld, ownNameHeld} from './name-wait.js';
import {restoreRefused} from './registration.js';

// Refusals of the name itself: the user must choose another.
const NAME_REFUSALS = new Set(['NAME_TAKEN', 'NAME_INVALID', 'NAME_TOO_LONG', 'NAME_MISSING']);

export function errReducer(state: ChatState, request: InFlightCommand, err: Err): ChatState {
	if (request.entry) {
		const failed = updateMessage(state, request.entry, {delivery: 'failed', error: err.text});
		// The failed entry says why; if the user has moved on, tell them where they are.
		if (request.entry.conversation === state.current) {
			return failed;
		}

		const title = state.conversations.get(request.entry.conversation)?.title ?? '';
		return addNoticeHere(failed, 'error', `Your message to ${title} was not sent: ${err.text}`);
	}

	// Not the user's doing: the server has yet to notice our lost connection.
	if (isOwnNameHeld(state, request, err)) {
		return ownNameHeld(state, err);
	}

	if (request.command.name === 'SET_NAME' && NAME_REFUSALS.has(err.code)) {
		return {
			...state,
			me: {...state.me, askingName: true, checkingName: false, nameWait: undefined, nameProblem: err.text},
		};
	}

	if (request.origin === 'restore') {
		return restoreRefused(state, err);
	}

	if (request.command.name === 'HISTORY') {
		return historyRefused(state, request, err);
	}

	return addNoticeHere(state, 'error', err.text);
}
