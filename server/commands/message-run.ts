/**
 * The MSG and DM lines of a HISTORY, HISTORY_BEFORE or SEARCH reply, cut to a byte
 * budget: a reply must never by itself trip the slow-consumer cap.
 */
import {formatServerLine, type ServerLine} from '../../protocol/index.js';
import type {StoredMessage} from '../chat/store.js';

/** Bytes of one reply unless the server says otherwise. */
export const DEFAULT_HISTORY_REPLY_BYTES = 256 * 1024;

export interface MessageRun {
	readonly lines: ServerLine[];
	/** Whether some were left out for the budget. */
	readonly cut: boolean;
}

/**
 * As many of `messages` as fit in `budget` bytes (at least one), in their order. `keep`
 * says which end is kept when they do not all fit: the first ones (paging forwards, or
 * newest-first search results) or the last ones (paging backwards: the newest before an id).
 */
export function fitMessages(messages: readonly StoredMessage[], budget: number, keep: 'first' | 'last'): MessageRun {
	const ordered = keep === 'first' ? messages : [...messages].reverse();
	const lines: ServerLine[] = [];
	let bytes = 0;
	let cut = false;
	for (const message of ordered) {
		const size = Buffer.byteLength(formatServerLine(message)) + 1;
		if (lines.length > 0 && bytes + size > budget) {
			cut = true;
			break;
		}

		lines.push(message);
		bytes += size;
	}

	return {lines: keep === 'first' ? lines : lines.reverse(), cut};
}
