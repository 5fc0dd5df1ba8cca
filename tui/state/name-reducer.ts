/**
 * The name prompt: a name typed there is checked locally, then registered when
 * connected. The prompt stays up until the server accepts it (MeState.checkingName),
 * so what the user types meanwhile stays a name, never a message.
 */
import {checkName} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {registerIfReady} from './connection-reducer.js';
import {isAwaiting} from './in-flight.js';

export function nameEntered(state: ChatState, typed: string): ChatState {
	const {me} = state;
	// There is no renaming in the protocol: a name is only taken while the prompt is up.
	if (!me.askingName) {
		return state;
	}

	// One SET_NAME at a time, so its answer is the answer for the name shown. Setting a
	// problem also keeps the line typed, to be sent once the server has answered.
	if (me.checkingName && isAwaiting(state, 'SET_NAME')) {
		return {
			...state,
			me: {
				...me,
				nameProblem: `Still checking “${me.wantedName ?? ''}” with the server; press Enter again once it answers.`,
			},
		};
	}

	const name = typed.trim();
	const problem = checkName('user', name);
	if (problem) {
		// Whatever was waiting to be checked is replaced by what is being corrected.
		return {...state, me: {...me, checkingName: false, nameProblem: problem.message}};
	}

	return registerIfReady({...state, me: {...me, wantedName: name, checkingName: true, nameProblem: undefined}});
}
