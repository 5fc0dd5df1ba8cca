/**
 * Runs the real `chat` command (built in dist/) to completion: stdin from a string,
 * stdout and stderr collected, optionally as another user (a test running as root
 * checks a permission refusal as `nobody`, since root reads everything).
 */
import {spawn} from 'node:child_process';
import type {ExecutionContext} from 'ava';
import {CHAT_BIN} from './chat-process.js';

export interface ChatRun {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

export interface RunChatOptions {
	/** Written to stdin, which is then closed; without it stdin is closed at once. */
	readonly input?: string;
	readonly uid?: number;
	readonly gid?: number;
}

/** nobody: the user a root test drops to. */
export const NOBODY = 65_534;

export function runChat(t: ExecutionContext, args: readonly string[], options: RunChatOptions = {}): Promise<ChatRun> {
	const child = spawn(process.execPath, [CHAT_BIN, ...args], {
		stdio: ['pipe', 'pipe', 'pipe'],
		uid: options.uid,
		gid: options.gid,
	});
	t.teardown(() => {
		if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
			process.kill(child.pid, 'SIGKILL');
		}
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
	child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
	child.stdin.end(options.input ?? '');
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code) => resolve({code, stdout, stderr}));
	});
}
