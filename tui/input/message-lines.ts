/**
 * Turning typed (or pasted) text into message texts the server will accept: one per
 * non-empty line, checked by the protocol's own rules so a refusal is shown before
 * anything is sent.
 */
import {COMMANDS, formatCommand, MAX_LINE_BYTES, parseParameters, type CommandSpec} from '../../protocol/index.js';
import type {MessageCommand} from '../state/index.js';

const TAB_STOP = 4;
const encoder = new TextEncoder();

// The editor keeps tabs (they are content in pasted code) but the protocol refuses
// them as control characters, so they become the spaces they would have shown as.
function expandTabs(line: string): string {
	let column = 0;
	let out = '';
	for (const char of line) {
		if (char === '\t') {
			const spaces = TAB_STOP - (column % TAB_STOP);
			out += ' '.repeat(spaces);
			column += spaces;
		} else {
			out += char;
			column++;
		}
	}

	return out;
}

/**
 * The message texts in a typed buffer: one per non-empty line, trimmed (the server
 * drops leading spaces anyway; trimming here keeps our copy identical to theirs).
 */
export function messageTexts(text: string): string[] {
	return text
		.split(/\r\n|\r|\n/)
		.map((line) => expandTabs(line).trim())
		.filter((line) => line !== '');
}

function spec(name: MessageCommand['name']): CommandSpec {
	return COMMANDS.find((command) => command.name === name)!;
}

/**
 * Builds the command for one message text, or says why the server would refuse it.
 * Multi-line input gets the line number in the sentence.
 */
export function buildMessage(
	to: {readonly name: 'MESSAGE'} | {readonly name: 'DM'; readonly user: string},
	text: string,
	lineNumber: number | undefined,
): {readonly command: MessageCommand} | {readonly error: string} {
	const rest = to.name === 'MESSAGE' ? text : `${to.user} ${text}`;
	const parsed = parseParameters(spec(to.name), rest);
	const where = lineNumber === undefined ? '' : `Line ${lineNumber}: `;
	if (!parsed.ok) {
		return {error: where + parsed.error.message};
	}

	const command = parsed.command as MessageCommand;
	const bytes = encoder.encode(formatCommand(command)).length;
	if (bytes > MAX_LINE_BYTES) {
		return {
			error: `${where}That message is too long to send (${bytes} bytes with its command; the limit is ${MAX_LINE_BYTES}). Split it into shorter lines.`,
		};
	}

	return {command};
}
