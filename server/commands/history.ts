import {formatServerLine, MAX_HISTORY_LINES, type ServerLine} from '../../protocol/index.js';
import {forUser} from './handler.js';
import {success} from './outcome.js';
import {counted} from '../plural.js';

/** Bytes of one HISTORY reply unless the server says otherwise: a reply must never trip the slow-consumer cap. */
export const DEFAULT_HISTORY_REPLY_BYTES = 256 * 1024;

// The lines are the MSG and DM lines as first delivered, so a client handles them as it
// handles live ones and drops the ids it already has. A reply stops at 500 lines or at
// its byte budget, whichever comes first, and says whether to ask again.
export const history = forUser<'HISTORY'>(({after, limit}, user, {chat, historyReplyBytes}) => {
	const budget = historyReplyBytes ?? DEFAULT_HISTORY_REPLY_BYTES;
	const page = chat.historyAfter(user, Number(after), limit ?? MAX_HISTORY_LINES);
	const lines: ServerLine[] = [];
	let bytes = 0;
	let cut = false;
	for (const message of page.messages) {
		const size = Buffer.byteLength(formatServerLine(message)) + 1;
		if (lines.length > 0 && bytes + size > budget) {
			cut = true;
			break;
		}

		lines.push(message);
		bytes += size;
	}

	const more = page.more || cut;
	const count = lines.length;
	const where = `${user.group.name} and your DMs`;
	lines.push({
		type: 'OK',
		command: 'HISTORY',
		count,
		more: more ? 1 : 0,
		text: more
			? `${counted(count, 'message')} from ${where}; more are kept: send HISTORY with the last id again.`
			: `${counted(count, 'message')} from ${where} after ${after}.`,
	});
	return success(...lines);
});
