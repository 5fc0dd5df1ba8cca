/**
 * Fixtures for the reliability tests: self-signed certificates made with openssl, and
 * for the end-to-end ones the real `chat serve` (with extra arguments such as TLS) and
 * `chat tui` in tmux panes that can be paused. Every process started here is stopped
 * by PID when the test ends; the only pauses are tmux's bounded screen polling.
 */
import {execFile, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {promisify} from 'node:util';
import {CHAT_BIN, ChatProcess, type Exit} from './chat-process.js';
import {isProcessRunning, startTmux, type PollOptions, type TmuxScreenMatcher, type TmuxSession} from './tmux.js';

const run = promisify(execFile);

/** Where cleanups go: ava's `t`. */
export interface Cleanups {
	teardown(cleanup: () => unknown): void;
}

export interface Certificate {
	readonly directory: string;
	readonly certFile: string;
	readonly keyFile: string;
	readonly cert: Buffer;
	readonly key: Buffer;
}

/**
 * A self-signed certificate valid for a day, for `commonName` and the given
 * subjectAltName entries (`DNS:localhost,IP:127.0.0.1` unless told); removed when the test ends.
 */
export async function selfSignedCertificate(
	cleanups: Cleanups,
	{commonName = 'localhost', altNames = 'DNS:localhost,IP:127.0.0.1'}: {commonName?: string; altNames?: string} = {},
): Promise<Certificate> {
	const directory = mkdtempSync(join(tmpdir(), 'chat-tls-'));
	cleanups.teardown(() => rmSync(directory, {recursive: true, force: true}));
	const certFile = join(directory, 'c.pem');
	const keyFile = join(directory, 'k.pem');
	await run('openssl', [
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-keyout',
		keyFile,
		'-out',
		certFile,
		'-days',
		'1',
		'-subj',
		`/CN=${commonName}`,
		'-addext',
		`subjectAltName=${altNames}`,
	]);
	return {directory, certFile, keyFile, cert: readFileSync(certFile), key: readFileSync(keyFile)};
}

/**
 * Screens are polled up to this many times (25 ms apart, plus the capture): two TUIs,
 * a server and a parallel test file share two cores, and a Node process takes a
 * second or more just to start.
 */
export const RELIABILITY_POLL: PollOptions = {attempts: 800};

/** The server's first log line; `tls=true` follows when it speaks TLS. */
const STARTED = /level=info event=started host=127\.0\.0\.1 port=(\d+) pid=(\d+)/;

export interface ServeProcess {
	readonly port: number;
	readonly process: ChatProcess;
	/** Sends `signal` and resolves once the process has gone. */
	stop(signal: NodeJS.Signals): Promise<Exit>;
}

/**
 * `chat serve --host 127.0.0.1 --port <port> ...args` from dist/: on a free port (0),
 * or on the port a stopped one had. Resolves once its log says it listens; killed by
 * PID when the test ends if it is still running.
 */
export async function startServeProcess(cleanups: Cleanups, {port = 0, args = []}: {port?: number; args?: readonly string[]} = {}): Promise<ServeProcess> {
	if (!existsSync(CHAT_BIN)) {
		throw new Error(`${CHAT_BIN} is missing: run npm run build first (npm test does).`);
	}

	const child = spawn(process.execPath, [CHAT_BIN, 'serve', '--host', '127.0.0.1', '--port', String(port), ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const running = () => child.exitCode === null && child.signalCode === null;
	cleanups.teardown(() => {
		if (running() && child.pid !== undefined) {
			process.kill(child.pid, 'SIGKILL');
		}
	});
	const chat = new ChatProcess(child);
	const [, listening] = await chat.waitForStderr(STARTED);
	return {
		port: Number(listening),
		process: chat,
		async stop(signal) {
			if (running() && child.pid !== undefined) {
				process.kill(child.pid, signal);
			}

			return chat.exited;
		},
	};
}

export interface TuiPaneOptions {
	readonly port: number;
	readonly name: string;
	/** More arguments to `chat tui` (`--tls`, `--ca F`). */
	readonly args?: readonly string[];
	readonly cols?: number;
	readonly rows?: number;
}

export interface TuiPane {
	readonly tui: TmuxSession;
	/** The `chat tui` process itself, to pause (SIGSTOP) and resume (SIGCONT). */
	readonly pid: number;
}

/**
 * `chat tui --host 127.0.0.1 --port P --name N ...args` in a tmux pane, one level below
 * a shell: tmux resumes a pane's own process as soon as it sees it stopped, not a
 * grandchild, so the test can decide who reconnects first. Killed with its tmux server
 * (and by PID, should a stopped one outlive it) when the test ends.
 */
export async function startTuiPane(cleanups: Cleanups, {port, name, args = [], cols = 100, rows = 40}: TuiPaneOptions): Promise<TuiPane> {
	const command = [process.execPath, CHAT_BIN, 'tui', '--host', '127.0.0.1', '--port', String(port), '--name', name, ...args];
	// `; exit $?` keeps the shell from replacing itself with its last command.
	const tui = await startTmux({command: ['sh', '-c', '"$@"; exit $?', 'sh', ...command], cols, rows, env: {LANG: 'C.UTF-8', TZ: 'UTC'}});
	cleanups.teardown(() => tui.kill());
	const pid = await childOf(tui.panePid());
	cleanups.teardown(() => {
		if (isProcessRunning(pid)) {
			process.kill(pid, 'SIGKILL');
		}
	});
	return {tui, pid};
}

/** The one child of `parent`, once it has forked it; bounded. */
async function childOf(parent: number): Promise<number> {
	const file = `/proc/${parent}/task/${parent}/children`;
	for (let attempt = 1; attempt <= RELIABILITY_POLL.attempts!; attempt++) {
		const child = Number.parseInt(readFileSync(file, 'utf8'), 10);
		if (Number.isInteger(child)) {
			return child;
		}

		await sleep(25);
	}

	throw new Error(`Process ${parent} started no child`);
}

/** The bottom row: connection, server, name, group, and while offline why. */
export function statusRow(screen: string): string {
	return screen.split('\n').at(-1) ?? '';
}

export function waitForScreen(tui: TmuxSession, matcher: TmuxScreenMatcher): Promise<string> {
	return tui.waitForScreen(matcher, RELIABILITY_POLL);
}

/** Waits for the status line to say online, as `name`. */
export function waitOnline(tui: TmuxSession, name: string): Promise<string> {
	const online = new RegExp(`^ online │ 127\\.0\\.0\\.1:\\d+ │ ${name} │`);
	return waitForScreen(tui, function statusSaysOnline(screen) {
		return online.test(statusRow(screen));
	});
}

/** Types a line and presses Enter. */
export async function typeLine(tui: TmuxSession, text: string): Promise<void> {
	await tui.sendKeys(text);
	await tui.sendKey('Enter');
}
