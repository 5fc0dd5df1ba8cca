/**
 * Where a message with a server id goes in its conversation. Messages show in id order,
 * which is the order the server accepted them in: a live message is the newest and is
 * appended, but one caught up on after a reconnect (HISTORY) may be older than a live
 * one that arrived first, or than one of our own resent meanwhile. An id already shown
 * is not shown again: that is how a catch-up overlapping what arrived live, or our own
 * messages coming back in HISTORY, never show twice.
 */
import type {MessageId} from '../../protocol/index.js';
import type {Entry, EntryList} from './entries.js';
import {compareMessageIds} from './message-order.js';

/** The index to insert at, or 'shown' when a message with this id is already there. */
export type Placement = number | 'shown';

function idOf(entry: Entry): MessageId | undefined {
	return entry.kind === 'message' ? entry.id : undefined;
}

/**
 * `newest` says the id is newer than every id the client has seen, the common case:
 * it cannot be shown yet and goes last, without a search.
 */
export function placeMessage(entries: EntryList, id: MessageId, newest: boolean): Placement {
	if (newest) {
		return entries.length;
	}

	// Our own messages get their ids when the OK comes, so ids are not always in
	// entry order: the search for a duplicate covers the whole conversation.
	if (entries.some((entry) => idOf(entry) === id)) {
		return 'shown';
	}

	// After the last older message, before the first newer one that follows it;
	// notices and unconfirmed messages (no id yet) in between stay above it.
	let after = entries.length - 1;
	while (after >= 0) {
		const other = idOf(entries.at(after)!);
		if (other !== undefined && compareMessageIds(other, id) < 0) {
			break;
		}

		after--;
	}

	for (let index = after + 1; index < entries.length; index++) {
		const other = idOf(entries.at(index)!);
		if (other !== undefined && compareMessageIds(other, id) > 0) {
			return index;
		}
	}

	return entries.length;
}
