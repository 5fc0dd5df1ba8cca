/** Routes each server line to what it affects. */
import type {ServerLine} from '../../protocol/index.js';
import {PROTOCOL_VERSION} from '../../protocol/index.js';
import type {ChatState} from './chat-state.js';
import {addNoticeHere} from './conversations.js';
import {messageReceived} from './incoming-reducer.js';
import {presenceReducer} from './presence-reducer.js';
import {ackedReceived, escalatedReceived, isPage, pageReceived, receiptReceived} from './pages.js';
import {dataLineReducer, replyReducer} from './reply-reducer.js';
import {unreadAnnounced} from './unread.js';

/** Commands whose reply is a run of MSG and DM lines before the OK. */
const RUN_COMMANDS: ReadonlySet<string> = new Set(['HISTORY', 'HISTORY_BEFORE', 'SEARCH']);

export function serverLineReducer(state: ChatState, line: ServerLine): ChatState {
	switch (line.type) {
		case 'HELLO':
			return line.version === PROTOCOL_VERSION
				? state
				: addNoticeHere(
						state,
						'error',
						`The server speaks protocol version ${line.version}; this client speaks ${PROTOCOL_VERSION}. Some things may not work.`,
					);

		case 'BYE':
			// The socket closes next; the connection layer reconnects unless we asked to leave.
			return addNoticeHere(
				state,
				line.reason === 'CLOSE' ? 'info' : 'error',
				`The server closed the connection: ${line.text}`,
			);

		case 'OK':
		case 'ERR':
			return replyReducer(state, line);

		case 'COMMAND':
		case 'MEMBER':
		case 'USER':
		case 'GROUP':
			return dataLineReducer(state, line);

		case 'MSG':
		case 'DM':
			// While a command answered by a run of messages is awaited, its run is on its
			// way: gathered and added with it (its OK says how many of them are the run).
			if (RUN_COMMANDS.has(state.inFlight[0]?.command.name ?? '')) {
				return dataLineReducer(state, line);
			}

			// A page waits on the banner; it goes into its conversation once acknowledged.
			return isPage(line) ? pageReceived(state, line) : messageReceived(state, line);

		case 'ONLINE':
		case 'OFFLINE':
		case 'JOINED':
		case 'LEFT':
		case 'GROUP_CREATED':
			return presenceReducer(state, line);

		case 'UNREAD':
			return unreadAnnounced(state, line);

		case 'RECEIPT':
			return receiptReceived(state, line);

		case 'ACKED':
			return ackedReceived(state, line);

		case 'ESCALATED':
			return escalatedReceived(state, line);

		case 'RECIPIENT':
			// PAGE_STATUS is for people at telnet and for scripts: the client follows ACKED instead.
			return state;

		case 'PING':
			// The server's keepalive probe: the connection answers it (PONG) and does not
			// pass it on; a line of no interest to the user in any case.
			return state;
	}
}
