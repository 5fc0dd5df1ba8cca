/**
 * Which data directory a `--data-dir` value means, apart from opening it: the command
 * line shows the default in its help without loading SQLite, which only `chat serve`
 * and `chat user` need.
 */
import {homedir} from 'node:os';
import {join} from 'node:path';

/** The `--data-dir` value of an ephemeral store: SQLite's own in-memory database. */
export const MEMORY = ':memory:';

/** `$XDG_DATA_HOME/chat`, else `~/.local/share/chat`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
	const xdg = env.XDG_DATA_HOME;
	// The XDG spec: a relative path is invalid and is ignored.
	const base = xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share');
	return join(base, 'chat');
}
