import {forUser} from './handler.js';
import {durableSuccess} from './outcome.js';

export const readReceipts = forUser<'READ_RECEIPTS'>(({on}, user, {receipts}) => {
	receipts.setReadReceipts(user, on);
	return durableSuccess({
		type: 'OK',
		command: 'READ_RECEIPTS',
		setting: on ? 'on' : 'off',
		text: on
			? 'Senders are told when your client shows their DMs and pages.'
			: 'Senders are no longer told when you read; pages still tell them when they reach you.',
	});
});
