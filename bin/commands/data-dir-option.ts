/**
 * `--data-dir`, as `chat serve` and `chat user` both take it: the same words and the
 * same default, so an operator's `chat user add` reaches the server's accounts.
 */
import type {Options} from 'yargs';

export const DATA_DIR_OPTION = {
	type: 'string',
	requiresArg: true,
	describe: 'Where accounts and messages are kept (default $XDG_DATA_HOME/chat, else ~/.local/share/chat)',
} as const satisfies Options;
