import {forUser} from './handler.js';
import {durableSuccess} from './outcome.js';

// The same answer whatever the id is: SEEN cannot tell anyone which ids exist.
export const seen = forUser<'SEEN'>(({id}, user, {receipts}) => {
	receipts.seen(user, id);
	return durableSuccess({type: 'OK', command: 'SEEN', id, text: `Seen ${id}.`});
});
