/**
 * Server message ids are decimal integers that only increase, across server restarts
 * too. They may outgrow 2^31 (today they are about 16 digits), so they are compared as
 * digit strings: a longer one is larger, and two of the same length compare as text.
 */
import type {MessageId} from '../../protocol/index.js';

/** Negative when `a` is older than `b`, positive when newer, 0 when the same id. */
export function compareMessageIds(a: MessageId, b: MessageId): number {
	const digitsA = withoutLeadingZeros(a);
	const digitsB = withoutLeadingZeros(b);
	if (digitsA.length !== digitsB.length) {
		return digitsA.length - digitsB.length;
	}

	return digitsA < digitsB ? -1 : digitsA > digitsB ? 1 : 0;
}

// The server never sends them, but "007" and "7" must not compare as different ids.
function withoutLeadingZeros(id: MessageId): string {
	return id.replace(/^0+(?=\d)/, '');
}

/** The newer of two ids; `undefined` counts as older than any id. */
export function newerId(a: MessageId | undefined, b: MessageId): MessageId {
	return a === undefined || compareMessageIds(b, a) > 0 ? b : a;
}
