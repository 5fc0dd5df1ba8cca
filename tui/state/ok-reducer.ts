/** What each OK does, given the command it answers. */
import type {Ok} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {updateMessage} from './conversations.js';
import {moveToGroup} from './group-change.js';
import type {InFlightCommand} from './in-flight.js';
import {helpReplied, listGroupReplied, listReplied} from './list-replies.js';
import {registered, restored} from './registration.js';

export function okReducer(state: ChatState, request: InFlightCommand, ok: Ok): ChatState {
	switch (ok.command) {
		case 'SET_NAME':
			return registered(state, ok);

		case 'HELP':
			return helpReplied(state, request, ok);

		case 'CLOSE':
			return {...state, quit: 'done'};

		case 'LIST':
			return listReplied(state, request, ok);

		case 'LIST_GROUP':
			return listGroupReplied(state, request, ok);

		case 'MESSAGE':
		case 'DM':
			return request.entry
				? updateMessage(state, request.entry, {delivery: 'sent', id: ok.id, time: ok.time, error: undefined})
				: state;

		case 'JOIN_GROUP':
		case 'NEW_GROUP':
			if (request.origin === 'restore') {
				return restored(state, ok);
			}

			return moveToGroup(state, ok.group, {created: ok.command === 'NEW_GROUP', show: true, notice: ok.text});
	}
}
