/**
 * Runs the real `chat` command (built in dist/) to completion: stdin from a string,
 * stdout and stderr collected, optionally as another user (a test running as root
 * checks a permission refusal as `nobody`, since root reads everything).
 */
import type {ExecutionContext} from 'ava';
import {CHAT_BIN} from './chat-process.js';
import {runProcess} from './test-process.js';

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
	return runProcess(t, process.execPath, [CHAT_BIN, ...args], {
		stdin: {input: options.input ?? ''},
		uid: options.uid,
		gid: options.gid,
	});
}
