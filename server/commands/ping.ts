import type {Handler} from './handler.js';
import {success} from './outcome.js';

// The client's probe of the link: answered at once, registered or not. A PING without
// a token is answered with the token 0, so the OK keeps its fixed fields.
export const ping: Handler<'PING'> = ({token}) =>
	success({type: 'OK', command: 'PING', token: token ?? '0', text: 'Pong.'});
