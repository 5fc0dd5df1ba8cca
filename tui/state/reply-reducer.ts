/**
 * OK and ERR lines, each matched to the command it answers: by the `@id` it echoes
 * when it has one (our messages), else the oldest unanswered command.
 */
import type {Err, Ok} from '../../protocol/index.js';
import {clientMessageId} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere} from './conversations.js';
import {errReducer} from './err-reducer.js';
import {expectsData} from './list-replies.js';
import type {DataLine, InFlightCommand} from './in-flight-command.js';
import {okReducer} from './ok-reducer.js';

/** The command a reply answers, and the in-flight queue without it; or a sentence saying why there is none. */
function matchReply(
	state: ChatState,
	line: Ok | Err,
): {request: InFlightCommand; rest: readonly InFlightCommand[]} | string {
	const id = clientMessageId(line.tags);
	const index = id === undefined ? 0 : state.inFlight.findIndex((item) => item.clientId === id);
	const request = state.inFlight[index];
	if (!request) {
		return id === undefined
			? `The server answered a command that was not sent: ${line.text}`
			: `The server answered a message that is not awaited (id ${id}): ${line.text}`;
	}

	// An OK for another command means client and server disagree about the order;
	// matching it anyway would attach the wrong outcome to a message.
	if (line.type === 'OK' && line.command !== request.command.name) {
		return `The server answered ${line.command} while ${request.command.name} was awaited: ${line.text}`;
	}

	return {request, rest: state.inFlight.filter((_, other) => other !== index)};
}

export function replyReducer(state: ChatState, line: Ok | Err): ChatState {
	const match = matchReply(state, line);
	if (typeof match === 'string') {
		return addNoticeHere(state, 'error', match);
	}

	const answered = {...state, inFlight: match.rest};
	return line.type === 'OK' ? okReducer(answered, match.request, line) : errReducer(answered, match.request, line);
}

/** A data line of a multi-line reply: kept with its command until the OK. */
export function dataLineReducer(state: ChatState, line: DataLine): ChatState {
	const [request, ...rest] = state.inFlight;
	if (!request || !expectsData(request, line.type)) {
		return addNoticeHere(state, 'error', `The server sent a ${line.type} line nobody asked for.`);
	}

	return {...state, inFlight: [{...request, collected: [...request.collected, line]}, ...rest]};
}
