/**
 * The real `chat` command, built in dist/, as a child process: its output collected
 * line by line, waited on by content, and killed by PID when the test ends.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {ExecutionContext} from 'ava';

export const CHAT_BIN = fileURLToPath(new URL('../../dist/bin/chat.js', import.meta.url));
// Generous: on a loaded machine starting node and loading the client's modules takes seconds.
const WAIT_MS = 30_000;

export interface Exit {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
}

export class ChatProcess {
	stdout = '';
	stderr = '';
	readonly exited: Promise<Exit>;
	private readonly listeners = new Set<() => void>();

	constructor(readonly child: ChildProcess) {
		child.stdout!.setEncoding('utf8').on('data', (text: string) => this.append('stdout', text));
		child.stderr!.setEncoding('utf8').on('data', (text: string) => this.append('stderr', text));
		this.exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({code, signal})));
	}

	/** The first stderr match of `pattern`, waiting for it if it has not been printed yet. */
	waitForStderr(pattern: RegExp): Promise<RegExpMatchArray> {
		return new Promise((resolve, reject) => {
			const check = () => {
				const match = this.stderr.match(pattern);
				if (match) {
					this.listeners.delete(check);
					clearTimeout(timer);
					resolve(match);
				}
			};

			const timer = setTimeout(() => {
				this.listeners.delete(check);
				reject(new Error(`${pattern} not on stderr within ${WAIT_MS} ms; stderr:\n${this.stderr}`));
			}, WAIT_MS);
			this.listeners.add(check);
			check();
		});
	}

	private append(stream: 'stdout' | 'stderr', text: string): void {
		this[stream] += text;
		for (const listener of this.listeners) {
			listener();
		}
	}
}

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
): ChatProcess {
	if (!existsSync(CHAT_BIN)) {
		throw new Error(`${CHAT_BIN} is missing: run npm run build first (npm test does).`);
	}

	const spawnOptions = {
		stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
		env: {...process.env, XDG_DATA_HOME: dataHome(t), ...options.env},
	};
	const child = options.direct
		? spawn(CHAT_BIN, args, spawnOptions)
		: spawn(process.execPath, [CHAT_BIN, ...args], spawnOptions);
	t.teardown(() => {
		if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
			process.kill(child.pid, 'SIGKILL');
		}
	});
	return new ChatProcess(child);
}
