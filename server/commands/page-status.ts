import type {ServerLine} from '../../protocol/index.js';
import {recipientState} from '../chat/pages.js';
import {forUser} from './handler.js';
import {success} from './outcome.js';

export const pageStatus = forUser<'PAGE_STATUS'>(({id}, user, {pages}) => {
	const found = pages.status(user, Number(id));
	if (!found.ok) {
		return found;
	}

	const counts = {acked: 0, delivered: 0, offline: 0};
	const lines: ServerLine[] = found.value.recipients.map((recipient) => {
		const {state, time} = recipientState(recipient);
		counts[state]++;
		return {type: 'RECIPIENT', id, user: recipient.name, state, time};
	});
	const total = lines.length;
	return success(...lines, {
		type: 'OK',
		command: 'PAGE_STATUS',
		id,
		acked: counts.acked,
		waiting: counts.delivered,
		offline: counts.offline,
		text: `${counts.acked} of ${total} acknowledged, ${counts.delivered} delivered and waiting, ${counts.offline} offline.`,
	});
});
