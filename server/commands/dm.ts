import {forUser} from './handler.js';
import {success} from './outcome.js';

export const dm = forUser<'DM'>(({user: to, text}, user, {chat}) => {
	const sent = chat.sendDirect(user, to, text);
	if (!sent.ok) {
		return sent;
	}

	const {id, time, to: recipient} = sent.value;
	return success({type: 'OK', command: 'DM', id, time, to: recipient.name, text: `Sent to ${recipient.name}.`});
});
