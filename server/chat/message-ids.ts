/**
 * Where message ids come from. The wire treats an id as an opaque token; this server
 * counts from 1. Kept behind an interface because a persistent history or several
 * server nodes will need ids that survive restarts and do not collide.
 */
import type {MessageId} from '../../protocol/index.js';

export interface MessageIds {
	next(): MessageId;
}

/** Decimal integers from 1, one sequence for group messages and DMs alike. */
export function counterIds(): MessageIds {
	let last = 0;
	return {
		next: () => String(++last),
	};
}
