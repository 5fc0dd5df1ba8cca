/**
 * What the help overlay (/help) says: the slash commands and the keys. The keys are
 * the rows of the key table (tui/editor/keymap.ts) marked for /help, so what /help
 * says is what the keys do; the protocol's own commands are only on request (/help server).
 */
import {KEY_TABLE} from '../editor/keymap.js';
import {SLASH_COMMANDS} from './slash-commands.js';

export const KEY_HELP: ReadonlyArray<readonly [keys: string, does: string]> = KEY_TABLE.filter((row) => row.inHelp).map(
	(row) => [row.keys, row.does] as const,
);

export interface HelpSection {
	/** Undefined for the commands: they say what they are. */
	readonly title: string | undefined;
	readonly rows: ReadonlyArray<readonly [left: string, right: string]>;
}

/** The heading row of the overlay: how to leave it, and where the rest is. */
export const HELP_TITLE = 'Help · Esc closes · /help server: the protocol commands';

export const HELP_SECTIONS: readonly HelpSection[] = [
	{
		title: undefined,
		rows: SLASH_COMMANDS.map((command) => [command.usage, command.description] as const),
	},
	{title: 'Keys', rows: KEY_HELP},
];
