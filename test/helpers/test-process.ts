/**
 * A child process for one test: its stdout and stderr collected as text and waited on by
 * content, its exit awaited, and killed by PID when the test ends if it is still there.
 * Every helper that starts a process (the `chat` command, a fixture, the system `ssh`)
 * starts it through here, so they all collect, wait and clean up the same way.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {HANG_MS} from './hang.js';

/** Where cleanups go: ava's `t` in a test, a list the screenshot script runs at its end. */
export interface Cleanups {
	teardown(cleanup: () => unknown): void;
}

export interface Exit {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
}

export interface TestProcessOptions {
	readonly env?: NodeJS.ProcessEnv;
	/**
	 * stdin: 'ignore' (the default), 'pipe' for the test to write to (child.stdin), or a
	 * string written to it, after which it is closed.
	 */
	readonly stdin?: 'ignore' | 'pipe' | {readonly input: string};
	readonly uid?: number;
	readonly gid?: number;
}

type Stream = 'stdout' | 'stderr';

export class TestProcess {
	stdout = '';
	stderr = '';
	/** Resolves once the process has exited and its output is all read; rejects if it could not be started. */
	readonly exited: Promise<Exit>;
	private exit: Exit | undefined;
	private readonly listeners = new Set<() => void>();

	constructor(readonly child: ChildProcess) {
		child.stdout!.setEncoding('utf8').on('data', (text: string) => this.append('stdout', text));
		child.stderr!.setEncoding('utf8').on('data', (text: string) => this.append('stderr', text));
		this.exited = new Promise((resolve, reject) => {
			child.once('error', reject);
			child.once('close', (code, signal) => {
				this.exit = {code, signal};
				this.notify();
				resolve(this.exit);
			});
		});
	}

	/** The first stdout match of `pattern`, waiting for it if it has not been printed yet. */
	waitForStdout(pattern: RegExp): Promise<RegExpMatchArray> {
		return this.waitFor('stdout', pattern);
	}

	/** The first stderr match of `pattern`, waiting for it if it has not been printed yet. */
	waitForStderr(pattern: RegExp): Promise<RegExpMatchArray> {
		return this.waitFor('stderr', pattern);
	}

	/** Waits for `pattern` on `stream`; fails at once if the process exits without printing it. */
	private waitFor(stream: Stream, pattern: RegExp): Promise<RegExpMatchArray> {
		return new Promise((resolve, reject) => {
			const failure = (why: string) =>
				new Error(`${pattern} not on ${stream} ${why}; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
			const check = () => {
				const match = this[stream].match(pattern);
				if (match) {
					resolve(match);
				} else if (this.exit) {
					reject(failure(`before the process exited (${this.exit.code ?? this.exit.signal})`));
				} else {
					return;
				}

				this.listeners.delete(check);
				clearTimeout(timer);
			};

			const timer = setTimeout(() => {
				this.listeners.delete(check);
				reject(failure(`within ${HANG_MS} ms`));
			}, HANG_MS);
			this.listeners.add(check);
			check();
		});
	}

	private append(stream: Stream, text: string): void {
		this[stream] += text;
		this.notify();
	}

	private notify(): void {
		for (const listener of this.listeners) {
			listener();
		}
	}
}

/** Starts `command` with `args`; SIGKILLed by PID when the test ends unless it has exited by then. */
export function spawnProcess(
	cleanups: Cleanups,
	command: string,
	args: readonly string[],
	options: TestProcessOptions = {},
): TestProcess {
	const stdin = options.stdin ?? 'ignore';
	const child = spawn(command, args, {
		stdio: [typeof stdin === 'string' ? stdin : 'pipe', 'pipe', 'pipe'],
		env: options.env,
		uid: options.uid,
		gid: options.gid,
	});
	cleanups.teardown(() => {
		if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
			process.kill(child.pid, 'SIGKILL');
		}
	});
	if (typeof stdin === 'object') {
		child.stdin!.end(stdin.input);
	}

	return new TestProcess(child);
}

/** Runs `command` to completion: its exit code and everything it printed. */
export async function runProcess(
	cleanups: Cleanups,
	command: string,
	args: readonly string[],
	options: TestProcessOptions = {},
): Promise<{code: number | null; stdout: string; stderr: string}> {
	const running = spawnProcess(cleanups, command, args, options);
	const {code} = await running.exited;
	return {code, stdout: running.stdout, stderr: running.stderr};
}
