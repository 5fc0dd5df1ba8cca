/** What each OK does, given the command it answers. */
import type {Ok} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {updateMessage} from './conversations.js';
import {moveToGroup} from './group-change.js';
import type {InFlightCommand} from './in-flight-command.js';
import {historyReplied} from './history-reducer.js';
import {helpReplied, listGroupReplied, listReplied} from './list-replies.js';
import {newerId} from './message-order.js';
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
		case 'DM': {
			// A `dup` OK answers a resend the server had already delivered: it carries the
			// first delivery's id and time, and nothing was delivered again.
			const seen = {...state, lastMessageId: newerId(state.lastMessageId, ok.id)};
			return request.entry
				? updateMessage(seen, request.entry, {delivery: 'sent', id: ok.id, time: ok.time, error: undefined})
				: seen;
		}

		case 'JOIN_GROUP':
		case 'NEW_GROUP':
			if (request.origin === 'restore') {
				return restored(state, ok);
			}

			return moveToGroup(state, ok.group, {created: ok.command === 'NEW_GROUP', show: true, notice: ok.text});

		case 'HISTORY':
			return historyReplied(state, request, ok);

		case 'PING':
			// The connection's own keepalive probes never reach the state; nothing else sends PING.
			return state;

		case 'SET_PASSWORD':
		case 'HISTORY_BEFORE':
		case 'READ':
		case 'SEARCH':
			// Accounts (issue 9): this client does not send these yet.
			return state;
	}
}
