/**
 * Asking for a password, inside the app: never echoed, never written anywhere but to
 * the server. Two reasons to ask: the name is an account (ERR ACCOUNT_PROTECTED, or a
 * refused login), so the sign-in screen asks for its password; or /register, which asks
 * for a new one twice, in the conversation, and sends SET_PASSWORD.
 *
 * What can be typed at the prompt besides a password: `/quit`, `/name` (back to the
 * name prompt) and `/cancel` (leave /register). A password has at least
 * MIN_PASSWORD_LENGTH characters, more than any of these, so none of them is a password.
 */
import {passwordProblem} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {registerIfReady} from './connection-reducer.js';
import {addNoticeHere} from './conversations.js';
import {enqueue} from './in-flight.js';

export type PasswordPrompt =
	/**
	 * The sign-in screen, for the account `me.wantedName`: `problem` is why the last
	 * password was refused; `checking` once one is typed, until the server answers.
	 */
	| {readonly purpose: 'login'; readonly problem: string | undefined; readonly checking: boolean}
	/** /register: `first` is the new password once typed, waiting to be typed again. */
	| {readonly purpose: 'register'; readonly first: string | undefined};

/** The sign-in screen is up: asking for a name, or for the password of the account it is. */
export function isSigningIn(state: Pick<ChatState, 'me' | 'passwordPrompt'>): boolean {
	return state.me.askingName || state.passwordPrompt?.purpose === 'login';
}

/** Whether what is typed now is a password, which the input line never shows nor keeps. */
export function isPasswordInput(state: ChatState): boolean {
	return state.passwordPrompt !== undefined;
}

/** The name is an account (or its password was refused): ask for the password; `problem` says why again. */
export function askLoginPassword(state: ChatState, problem: string | undefined): ChatState {
	return {
		...state,
		me: {...state.me, password: undefined, askingName: false, checkingName: false, nameProblem: undefined},
		passwordPrompt: {purpose: 'login', problem, checking: false},
	};
}

/** `/name` at the sign-in screen: the account is not the user's; choose another name. */
export function backToName(state: ChatState): ChatState {
	if (state.passwordPrompt?.purpose !== 'login' || state.me.registered) {
		return state;
	}

	return {
		...state,
		me: {...state.me, password: undefined, askingName: true, checkingName: false, nameProblem: undefined},
		passwordPrompt: undefined,
	};
}

/** `/register`: claim the name we have with a password, typed twice. */
export function startRegister(state: ChatState): ChatState {
	if (state.me.account) {
		return addNoticeHere(state, 'error', `${state.me.name ?? 'Your name'} is an account already: it is yours alone.`);
	}

	if (state.connection.status !== 'online') {
		return addNoticeHere(
			state,
			'error',
			'Not connected to the server, so your name cannot be registered now; try again once the status shows online.',
		);
	}

	return addNoticeHere(
		{...state, passwordPrompt: {purpose: 'register', first: undefined}},
		'info',
		`Choose a password for ${state.me.name ?? 'your name'}: from then on the name is yours alone, and you log in with it. Type it (it is not shown) and press Enter; /cancel to leave.`,
	);
}

export function cancelRegister(state: ChatState): ChatState {
	if (state.passwordPrompt?.purpose !== 'register') {
		return state;
	}

	return addNoticeHere({...state, passwordPrompt: undefined}, 'info', 'Registration cancelled; nothing was sent.');
}

/** A password typed at either prompt. */
export function passwordEntered(state: ChatState, password: string): ChatState {
	const prompt = state.passwordPrompt;
	if (prompt === undefined) {
		return state;
	}

	const problem = passwordProblem(password);
	if (prompt.purpose === 'login') {
		if (prompt.checking) {
			return state;
		}

		// Not sent: it cannot be anyone's password, and a failed login counts against the name.
		if (problem !== undefined) {
			return {...state, passwordPrompt: {...prompt, problem}};
		}

		return registerIfReady({
			...state,
			me: {...state.me, password},
			passwordPrompt: {purpose: 'login', problem: undefined, checking: true},
		});
	}

	if (prompt.first === undefined) {
		return problem === undefined
			? addNoticeHere(
					{...state, passwordPrompt: {purpose: 'register', first: password}},
					'info',
					'Type the same password again, to be sure of it.',
				)
			: addNoticeHere(state, 'error', `${problem} Type another one, or /cancel.`);
	}

	if (password !== prompt.first) {
		return addNoticeHere(
			{...state, passwordPrompt: {purpose: 'register', first: undefined}},
			'error',
			'The two passwords differ; nothing was sent. Type the new password again, or /cancel.',
		);
	}

	return enqueue({...state, passwordPrompt: undefined}, {name: 'SET_PASSWORD', password}, 'user');
}
