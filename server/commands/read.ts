import {forUser} from './handler.js';
import {success} from './outcome.js';

export const read = forUser<'READ'>(({id}) =>
	success({type: 'OK', command: 'READ', id, text: `Read up to ${id}; nothing is kept for guests.`}),
);
