import {forUser} from './handler.js';
import {durableSuccess, success} from './outcome.js';

export const ack = forUser<'ACK'>(({id}, user, {pages, client}) => {
	const acked = pages.ack(user, client.peer, Number(id));
	if (!acked.ok) {
		return acked;
	}

	const {time, again} = acked.value;
	return again
		? success({type: 'OK', command: 'ACK', id, time, text: `You acknowledged page ${id} already.`})
		: durableSuccess({type: 'OK', command: 'ACK', id, time, text: `Acknowledged page ${id}; the sender is told.`});
});
