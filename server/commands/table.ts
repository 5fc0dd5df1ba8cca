/**
 * Command name -> handler. How a command is called (its parameters, whether it needs
 * registration) lives in protocol's COMMANDS, shared with the client; what it does
 * lives here.
 */
import {ack} from './ack.js';
import {close} from './close.js';
import {dm} from './dm.js';
import {escalation} from './escalation.js';
import type {CommandTable} from './handler.js';
import {help} from './help.js';
import {historyBefore} from './history-before.js';
import {history} from './history.js';
import {joinGroup} from './join-group.js';
import {listGroup} from './list-group.js';
import {list} from './list.js';
import {message} from './message.js';
import {newGroup} from './new-group.js';
import {pageStatus} from './page-status.js';
import {page} from './page.js';
import {ping} from './ping.js';
import {pong} from './pong.js';
import {readReceipts} from './read-receipts.js';
import {read} from './read.js';
import {search} from './search.js';
import {seen} from './seen.js';
import {setName} from './set-name.js';
import {setPassword} from './set-password.js';

export const HANDLERS: CommandTable = {
	HELP: help,
	SET_NAME: setName,
	SET_PASSWORD: setPassword,
	CLOSE: close,
	LIST: list,
	MESSAGE: message,
	DM: dm,
	NEW_GROUP: newGroup,
	LIST_GROUP: listGroup,
	JOIN_GROUP: joinGroup,
	HISTORY: history,
	HISTORY_BEFORE: historyBefore,
	READ: read,
	SEARCH: search,
	PING: ping,
	PONG: pong,
	PAGE: page,
	ACK: ack,
	PAGE_STATUS: pageStatus,
	ESCALATION: escalation,
	SEEN: seen,
	READ_RECEIPTS: readReceipts,
};
