/**
 * The local half of /help: slash commands and keys. The key list describes the
 * bindings of tui/editor/keymap.ts; keep the two in step.
 */
import {SLASH_COMMANDS} from './slash-commands.js';

export const KEY_HELP: ReadonlyArray<readonly [keys: string, does: string]> = [
	['Enter', 'send (each line of a multi-line paste is its own message)'],
	['Tab / Shift-Tab', 'complete a command, user or group; again to cycle'],
	['Alt-Up / Alt-Down, Ctrl-P / Ctrl-N', 'previous / next conversation'],
	['PgUp / PgDn', 'scroll the conversation'],
	['Escape, Ctrl-End', 'back to the newest messages'],
	['Up / Down', 'recall lines you sent'],
	['Home / Ctrl-A, End / Ctrl-E', 'start / end of the line you are typing'],
	['Ctrl-C, Ctrl-D on an empty line', 'quit'],
];

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
