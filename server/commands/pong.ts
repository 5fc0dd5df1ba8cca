import type {Handler} from './handler.js';
import {noReply} from './outcome.js';

// The answer to the server's PING. That it arrived at all is what counts, and the edge
// has already seen it; answering it would start an endless exchange.
export const pong: Handler<'PONG'> = () => noReply();
