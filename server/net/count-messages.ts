/**
 * How many MSG and DM lines a piece of wire text holds: what a client that was cut off
 * for not reading missed, counted as the server drops it, so its goodbye can say how
 * much to fetch again with HISTORY.
 */
export function countMessages(wire: string): number {
	let count = 0;
	let start = 0;
	while (start < wire.length) {
		const newline = wire.indexOf('\n', start);
		const end = newline === -1 ? wire.length : newline;
		let keyword = start;
		if (wire.startsWith('@', start)) {
			const space = wire.indexOf(' ', start);
			keyword = space === -1 || space > end ? end : space + 1;
		}

		if (wire.startsWith('MSG ', keyword) || wire.startsWith('DM ', keyword)) {
			count++;
		}

		start = end + 1;
	}

	return count;
}
