/**
 * Server lines to wire text. Everything the server writes goes through protocol's
 * formatter: the server has no wire text of its own.
 */
import {formatServerLine, terminate, type ServerLine} from '../../protocol/index.js';

/** The wire text of one or more lines, each LF-terminated, ready for Peer.send. */
export function toWire(...lines: readonly ServerLine[]): string {
	let wire = '';
	for (const line of lines) {
		wire += terminate(formatServerLine(line));
	}

	return wire;
}
