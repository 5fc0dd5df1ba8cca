import {counted} from '../plural.js';
import {forUser} from './handler.js';
import {durableSuccess} from './outcome.js';

// The delivered receipts of those online follow the OK: the sender knows the id by then.
export const page = forUser<'PAGE'>(({to, text}, user, {pages}) => {
	const sent = pages.send(user, to, text);
	if (!sent.ok) {
		return sent;
	}

	const {page: stored, to: shown, recipients, offline, receipts} = sent.value;
	const waiting = offline === 0 ? '' : `; ${counted(offline, 'user')} offline get it when they log in`;
	return durableSuccess(
		{
			type: 'OK',
			command: 'PAGE',
			id: String(stored.id),
			time: stored.time,
			to: shown,
			recipients,
			text: `Paged ${counted(recipients, 'user')}${waiting}. Each must ACK ${stored.id}.`,
		},
		...receipts,
	);
});
