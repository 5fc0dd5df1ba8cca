import {forUser} from './handler.js';
import {durableSuccess} from './outcome.js';
import {counted} from './plural.js';

export const message = forUser<'MESSAGE'>(({text}, user, {chat, client}) => {
	const sent = chat.postToGroup(user, client.peer, text);
	if (!sent.ok) {
		return sent;
	}

	const {id, time, group, recipients} = sent.value;
	return durableSuccess({
		type: 'OK',
		command: 'MESSAGE',
		id,
		time,
		group: group.name,
		recipients,
		text: `Sent to ${counted(recipients, 'user')} in ${group.name}.`,
	});
});
