/**
 * The local half of /help: slash commands and keys. The keys are the rows of the key
 * table (tui/editor/keymap.ts) marked for /help, so what /help says is what the keys do.
 */
import {KEY_TABLE} from '../editor/keymap.js';
import {SLASH_COMMANDS} from './slash-commands.js';

export const KEY_HELP: ReadonlyArray<readonly [keys: string, does: string]> = KEY_TABLE.filter((row) => row.inHelp).map(
	(row) => [row.keys, row.does] as const,
);

function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
	const width = Math.max(...rows.map(([left]) => left.length));
	return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

export function localHelpText(): string {
	return [
		'Type a message and press Enter to send it to the conversation you are in.',
		'Commands:',
		...table(SLASH_COMMANDS.map((command) => [command.usage, command.description] as const)),
		'  Start a message with // to send text that begins with /.',
		'Keys:',
		...table(KEY_HELP),
	].join('\n');
}
