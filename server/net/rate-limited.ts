import {clientMessageId, commandField, findCommand, splitCommandLine} from '../../protocol/index.js';
import {toWire} from '../wire/to-wire.js';

/**
 * The refusal of a line over the rate limit, or undefined for a line that gets no reply
 * anyway (blank, or PONG). It names the command and carries its `@id`, like any outcome;
 * `text` is undefined for a line refused before it was read (too long, not UTF-8).
 */
export function rateLimitedReply(text: string | undefined, rate: number, burst: number): string | undefined {
	let command = '*';
	let id: string | undefined;
	if (text !== undefined) {
		const split = splitCommandLine(text);
		if (!split) {
			return undefined;
		}

		const spec = findCommand(split.word);
		if (spec?.noOutcome) {
			return undefined;
		}

		command = spec?.name ?? commandField(split.word);
		id = clientMessageId(split.tags);
	}

	return toWire({
		type: 'ERR',
		code: 'RATE_LIMITED',
		command,
		text: `Slow down: at most ${rate} commands a second (${burst} at once); this one was not run. Send it again in a moment.`,
		tags: id === undefined ? undefined : {id},
	});
}
