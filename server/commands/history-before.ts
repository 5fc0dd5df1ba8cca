import {DEFAULT_HISTORY_BEFORE_LINES} from '../../protocol/index.js';
import {forUser} from './handler.js';
import {DEFAULT_HISTORY_REPLY_BYTES, fitMessages} from './message-run.js';
import {success} from './outcome.js';
import {counted} from './plural.js';

// Scrollback: the newest messages before an id, sent oldest first like every other run
// of messages, so a client prepends them as they come.
export const historyBefore = forUser<'HISTORY_BEFORE'>(({before, limit}, user, {chat, client, historyReplyBytes}) => {
	const viewer = chat.viewer(user, client.session);
	const page = chat.store.before(viewer, Number(before), limit ?? DEFAULT_HISTORY_BEFORE_LINES);
	const {lines, cut} = fitMessages(page.messages, historyReplyBytes ?? DEFAULT_HISTORY_REPLY_BYTES, 'last');
	const more = page.more || cut;
	const count = lines.length;
	const where = `${user.group.name} and your DMs${before === '0' ? '' : ` before ${before}`}`;
	lines.push({
		type: 'OK',
		command: 'HISTORY_BEFORE',
		count,
		more: more ? 1 : 0,
		text: more
			? `${counted(count, 'message')} from ${where}; older ones are kept: send HISTORY_BEFORE with the first id.`
			: `${counted(count, 'message')} from ${where}.`,
	});
	return success(...lines);
});
