import {MAX_SEARCH_LINES, quote} from '../../protocol/index.js';
import {forUser} from './handler.js';
import {DEFAULT_HISTORY_REPLY_BYTES, fitMessages} from './message-run.js';
import {success} from './outcome.js';
import {counted} from './plural.js';

// The same messages HISTORY would show this connection, never more: the store searches
// within the viewer's group and DMs, and takes the words as plain terms.
export const search = forUser<'SEARCH'>(({words}, user, {chat, client, historyReplyBytes}) => {
	const viewer = chat.viewer(user, client.session);
	const page = chat.store.search(viewer, words.split(/ +/), MAX_SEARCH_LINES);
	const {lines, cut} = fitMessages(page.messages, historyReplyBytes ?? DEFAULT_HISTORY_REPLY_BYTES, 'first');
	const more = page.more || cut;
	const count = lines.length;
	lines.push({
		type: 'OK',
		command: 'SEARCH',
		count,
		more: more ? 1 : 0,
		text: `${counted(count, 'message')} ${count === 1 ? 'matches' : 'match'} ${quote(words)}${more ? '; more matched' : ''}.`,
	});
	return success(...lines);
});
