/** OK and ERR lines, each matched to the oldest unanswered command. */
import type {Err, Ok} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere} from './conversations.js';
import {errReducer} from './err-reducer.js';
import {expectsData} from './list-replies.js';
import type {DataLine} from './in-flight.js';
import {okReducer} from './ok-reducer.js';

export function replyReducer(state: ChatState, line: Ok | Err): ChatState {
	const [request, ...rest] = state.inFlight;
	if (!request) {
		return addNoticeHere(state, 'error', `The server answered a command that was not sent: ${line.text}`);
	}

	// An OK for another command means client and server disagree about the order;
	// matching it anyway would attach the wrong outcome to a message.
	if (line.type === 'OK' && line.command !== request.command.name) {
		return addNoticeHere(
			state,
			'error',
			`The server answered ${line.command} while ${request.command.name} was awaited: ${line.text}`,
		);
	}

	const answered = {...state, inFlight: rest};
	return line.type === 'OK' ? okReducer(answered, request, line) : errReducer(answered, request, line);
}

/** A data line of a multi-line reply: kept with its command until the OK. */
export function dataLineReducer(state: ChatState, line: DataLine): ChatState {
	const [request, ...rest] = state.inFlight;
	if (!request || !expectsData(request, line.type)) {
		return addNoticeHere(state, 'error', `The server sent a ${line.type} line nobody asked for.`);
	}

	return {...state, inFlight: [{...request, collected: [...request.collected, line]}, ...rest]};
}
