/** What each OK does, given the command it answers. */
import type {Ok} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {inServerOrder, updateMessage} from './conversations.js';
import {moveToGroup} from './group-change.js';
import type {InFlightCommand} from './in-flight-command.js';
import {historyReplied} from './history-reducer.js';
import {helpReplied, listGroupReplied, listReplied} from './list-replies.js';
import {newerId} from './message-order.js';
import {ackReplied, pageSent, trackDm} from './pages.js';
import {loadRecent, olderReplied} from './older-history.js';
import {passwordSet, registered, restored} from './registration.js';
import {searchReplied} from './search.js';
import {unreadReplied} from './unread.js';

export function okReducer(state: ChatState, request: InFlightCommand, ok: Ok): ChatState {
	switch (ok.command) {
		case 'SET_NAME':
			return registered(state, request, ok);

		case 'SET_PASSWORD':
			return passwordSet(state, request, ok);

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
			if (!request.entry) {
				return seen;
			}

			const sent = inServerOrder(
				updateMessage(seen, request.entry, {delivery: 'sent', id: ok.id, time: ok.time, error: undefined}),
				request.entry,
			);
			// A DM is sent asking for receipts (enqueueMessage): its entry shows them as they come.
			return ok.command === 'DM' ? trackDm(sent, ok.id, request.entry) : sent;
		}

		case 'JOIN_GROUP':
		case 'NEW_GROUP':
			if (request.origin === 'restore') {
				return restored(state, ok);
			}

			// The conversation so far in the group joined (and the DMs, which come with it).
			return loadRecent(
				moveToGroup(state, ok.group, {created: ok.command === 'NEW_GROUP', show: true, notice: ok.text}),
			);

		case 'HISTORY':
			return request.origin === 'unread' ? unreadReplied(state, request, ok) : historyReplied(state, request, ok);

		case 'HISTORY_BEFORE':
			return olderReplied(state, request, ok);

		case 'SEARCH':
			return searchReplied(state, request, ok);

		case 'READ':
			// Recorded when it was sent; nothing to show.
			return state;

		case 'PING':
			// The connection's own keepalive probes never reach the state; nothing else sends PING.
			return state;

		case 'PAGE':
			return pageSent({...state, lastMessageId: newerId(state.lastMessageId, ok.id)}, request, ok);

		case 'ACK':
			return ackReplied(state, ok);

		case 'PAGE_STATUS':
		case 'ESCALATION':
		case 'SEEN':
		case 'READ_RECEIPTS':
			return state;
	}
}
