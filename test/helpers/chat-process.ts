/**
 * The real `chat` command, built in dist/, as a child process (test-process.ts): its
 * output collected, waited on by content, and killed by PID when the test ends.
 */
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {ExecutionContext} from 'ava';
import {spawnProcess, type TestProcess} from './test-process.js';

export const CHAT_BIN = fileURLToPath(new URL('../../dist/bin/chat.js', import.meta.url));

/**
 * An empty XDG data home of its own for one test, removed when it ends: a `chat serve`
 * without --data-dir keeps its database there, never in the user's home, and two tests
 * never share one.
 */
export function dataHome(t: ExecutionContext): string {
	const dir = mkdtempSync(join(tmpdir(), 'chat-data-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	return dir;
}

/** Starts `chat <args>`; by default through node, or the file itself to test its shebang. */
export function spawnChat(
	t: ExecutionContext,
	args: readonly string[],
	options: {direct?: boolean; env?: NodeJS.ProcessEnv} = {},
): TestProcess {
	if (!existsSync(CHAT_BIN)) {
		throw new Error(`${CHAT_BIN} is missing: run npm run build first (npm test does).`);
	}

	const env = {...process.env, XDG_DATA_HOME: dataHome(t), ...options.env};
	return options.direct
		? spawnProcess(t, CHAT_BIN, args, {env})
		: spawnProcess(t, process.execPath, [CHAT_BIN, ...args], {env});
}
