/**
 * Client message ids: every MESSAGE and DM goes out tagged `@id=<prefix>-<n>`. The
 * server echoes the tag on the command's OK or ERR and, when a resend after a
 * reconnect carries an id it already delivered, answers `dup` instead of delivering
 * it again: that is what makes "resend whatever was not confirmed" safe.
 *
 * The prefix is random per session (tui/session makes it), so two sessions under the
 * same name, one after the other, never reuse each other's ids; the counter makes
 * each id of a session unique.
 */
import {isToken} from '../../protocol/index.js';

export interface ClientIds {
	readonly prefix: string;
	/** The number of the next id. */
	readonly next: number;
}

export function firstClientIds(prefix: string): ClientIds {
	// Checked once here so every id made from it is a valid tag value.
	if (!isToken(`${prefix}-0`) || prefix.length > 64) {
		throw new Error(`Not usable as a client id prefix: ${JSON.stringify(prefix)}`);
	}

	return {prefix, next: 1};
}

/** The next id, and the counter after it. */
export function takeClientId(ids: ClientIds): {readonly id: string; readonly ids: ClientIds} {
	return {id: `${ids.prefix}-${ids.next}`, ids: {...ids, next: ids.next + 1}};
}
