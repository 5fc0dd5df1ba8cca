/**
 * Where message ids come from. On the wire an id is a decimal integer that only ever
 * increases; clients resume "after the last id I saw" (HISTORY), so ids must keep
 * increasing across a restart of the server too, with nothing stored. Kept behind an
 * interface because a database or several server nodes will bring their own.
 */
import type {MessageId} from '../../protocol/index.js';

export interface MessageIds {
	next(): MessageId;
}

/**
 * Ids from the clock: microseconds since 1970, or one more than the last id when
 * several come in the same millisecond. A restarted server starts past every id the
 * previous one gave unless that one ran more than 1000 messages a millisecond ahead of
 * the clock. Today's ids are about 1.8e15, well inside 2^53, so a JavaScript number
 * (and JSON) holds them exactly.
 */
export function clockIds(now: () => number = Date.now): MessageIds {
	let last = 0;
	return {
		next() {
			last = Math.max(last + 1, Math.floor(now()) * 1000);
			return String(last);
		},
	};
}

/** Decimal integers from 1, one sequence for group messages and DMs alike: what tests read most easily. */
export function counterIds(): MessageIds {
	let last = 0;
	return {
		next: () => String(++last),
	};
}
