import {MAX_HISTORY_LINES} from '../../protocol/index.js';
import {forUser} from './handler.js';
import {DEFAULT_HISTORY_REPLY_BYTES, fitMessages} from './message-run.js';
import {success} from './outcome.js';
import {counted} from './plural.js';

export {DEFAULT_HISTORY_REPLY_BYTES} from './message-run.js';

// The lines are the MSG and DM lines as first delivered, so a client handles them as it
// handles live ones and drops the ids it already has. A reply stops at its limit or at
// its byte budget, whichever comes first, and says whether to ask again.
export const history = forUser<'HISTORY'>(({after, limit}, user, {chat, client, historyReplyBytes}) => {
	const page = chat.historyAfter(chat.viewer(user, client.session), Number(after), limit ?? MAX_HISTORY_LINES);
	const {lines, cut} = fitMessages(page.messages, historyReplyBytes ?? DEFAULT_HISTORY_REPLY_BYTES, 'first');
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
