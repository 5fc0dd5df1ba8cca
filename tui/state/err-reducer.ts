/**
 * What each ERR does. Every refusal reaches the user in words, where they are
 * looking: on the failed message itself, at the name prompt, or as a notice; with
 * the client's commands where the server's sentence names the protocol's (client-words.ts).
 */
import type {Err} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {ackRefused} from './pages.js';
import {inClientWords} from './client-words.js';
import {addNoticeHere, updateMessage} from './conversations.js';
import {historyRefused} from './history-reducer.js';
import type {InFlightCommand} from './in-flight-command.js';
import {isOwnNameHeld, ownNameHeld} from './name-wait.js';
import {olderRefused} from './older-history.js';
import {askLoginPassword} from './password-prompt.js';
import {waitForRecipients} from './recipient-wait.js';
import {restoreRefused} from './registration.js';
import {unreadRefused} from './unread.js';

// Refusals of the name itself: the user must choose another.
const NAME_REFUSALS = new Set(['NAME_TAKEN', 'NAME_INVALID', 'NAME_TOO_LONG', 'NAME_MISSING']);

/**
 * Said after NAME_TAKEN at the prompt: the name may be the user's own, held by a session
 * whose link was lost (an SSH window closed on a dead network), which the server lets go
 * only once that connection stops answering its PINGs. An account is never blocked so:
 * each login is a connection of its own beside any other (docs/TUI.md, "A lost link").
 */
export const NAME_TAKEN_HINT =
	'If it is yours from a connection that was lost, the server lets it go once that connection stops answering (2 minutes by default): try it again then. An account (/register) can always log in again.';

// The name is an account: it takes its password (again, or over TLS, or later).
const LOGIN_REFUSALS = new Set(['ACCOUNT_PROTECTED', 'LOGIN_FAILED', 'LOGIN_THROTTLED', 'NEEDS_TLS']);

/**
 * The sign-in screen asks for the password. ACCOUNT_PROTECTED on a first sign-in needs
 * no explaining (the screen says the name is an account); the rest are said in the
 * server's words: a wrong password, too many tries, a password over plain TCP.
 */
function loginRefused(state: ChatState, err: Err): ChatState {
	if (err.code === 'ACCOUNT_PROTECTED' && state.me.name === undefined) {
		return askLoginPassword(state, undefined);
	}

	if (err.code === 'ACCOUNT_PROTECTED') {
		return askLoginPassword(
			state,
			`${state.me.wantedName ?? 'This name'} is an account now: log in with its password, or type /name to choose another name.`,
		);
	}

	if (err.code === 'NEEDS_TLS') {
		return askLoginPassword(state, `${err.text} Start chat tui with --tls (and --ca) to log in.`);
	}

	return askLoginPassword(state, err.text);
}

export function errReducer(state: ChatState, request: InFlightCommand, err: Err): ChatState {
	const waiting = waitForRecipients(state, request, err);
	if (waiting !== undefined) {
		return waiting;
	}

	if (request.entry) {
		const failed = updateMessage(state, request.entry, {delivery: 'failed', error: inClientWords(err.text)});
		// The failed entry says why; if the user has moved on, tell them where they are.
		if (request.entry.conversation === state.current) {
			return failed;
		}

		const title = state.conversations.get(request.entry.conversation)?.title ?? '';
		return addNoticeHere(failed, 'error', `Your message to ${title} was not sent: ${inClientWords(err.text)}`);
	}

	// Not the user's doing: the server has yet to notice our lost connection.
	if (isOwnNameHeld(state, request, err)) {
		return ownNameHeld(state, err);
	}

	if (request.command.name === 'SET_NAME' && LOGIN_REFUSALS.has(err.code)) {
		return loginRefused(state, err);
	}

	if (request.command.name === 'SET_NAME' && NAME_REFUSALS.has(err.code)) {
		return {
			...state,
			me: {
				...state.me,
				askingName: true,
				checkingName: false,
				nameWait: undefined,
				nameProblem: err.code === 'NAME_TAKEN' ? `${err.text} ${NAME_TAKEN_HINT}` : err.text,
			},
		};
	}

	if (request.origin === 'restore') {
		return restoreRefused(state, err);
	}

	if (request.command.name === 'HISTORY') {
		return request.origin === 'unread' ? unreadRefused(state, request) : historyRefused(state, request, err);
	}

	if (request.command.name === 'HISTORY_BEFORE') {
		return olderRefused(state, request, err);
	}

	if (request.command.name === 'ACK') {
		return addNoticeHere(ackRefused(state, request.command.id), 'error', err.text);
	}

	if (request.origin === 'read') {
		// A read position not stored is not worth interrupting anyone for: the next one carries it.
		return state;
	}

	return addNoticeHere(state, 'error', inClientWords(err.text));
}
