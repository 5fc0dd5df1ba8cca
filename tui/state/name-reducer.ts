/** The name prompt: a name typed there is checked locally, then registered when connected. */
import {checkName} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {registerIfReady} from './connection-reducer.js';

export function nameEntered(state: ChatState, typed: string): ChatState {
	// There is no renaming in the protocol: a name is only taken while the prompt is up.
	if (!state.me.askingName) {
		return state;
	}

	const name = typed.trim();
	const problem = checkName('user', name);
	if (problem) {
		return {...state, me: {...state.me, nameProblem: problem.message}};
	}

	return registerIfReady({...state, me: {...state.me, wantedName: name, askingName: false, nameProblem: undefined}});
}
