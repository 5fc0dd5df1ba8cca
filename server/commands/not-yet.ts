/**
 * Commands the protocol has and this server does not serve yet (accounts, issue 9):
 * refused with a sentence that says so, until the store they need is in.
 */
import type {CommandName} from '../../protocol/index.js';
import type {Handler} from './handler.js';
import {refuse} from './outcome.js';

export function notYet<N extends CommandName>(name: N): Handler<N> {
	return () => refuse('INTERNAL', `${name} needs the server's store, which this build does not have yet.`);
}
