import {forUser} from './handler.js';
import {durableSuccess} from './outcome.js';

// `@receipts` asks for receipts: the delivered one (recipient online) follows the OK.
export const dm = forUser<'DM'>(({user: to, text}, user, {chat, client, receipts, tags}) => {
	const sent = chat.sendDirect(user, client.peer, to, text);
	if (!sent.ok) {
		return sent;
	}

	const {id, time, to: recipient, offline} = sent.value;
	const told = tags?.['receipts'] === undefined ? [] : receipts.dmSent(id, recipient, user, !offline);
	return durableSuccess(
		{
			type: 'OK',
			command: 'DM',
			id,
			time,
			to: recipient,
			text: offline ? `${recipient} is offline; they get it when they log in.` : `Sent to ${recipient}.`,
		},
		...told,
	);
});
