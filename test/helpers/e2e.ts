/**
 * End to end, as people use it: the real `chat serve` process, the real `chat tui` in
 * a real terminal (a tmux pane), and raw TCP clients typing the protocol by hand.
 * Everything comes from dist/ (npm test builds it first).
 *
 * Every process started here is stopped by PID when the test ends (or, for the
 * screenshot script, when its own cleanup runs), whatever state it is in. Waiting is
 * for content: a log line, a screen, a protocol line; the only pauses are in bounded
 * polling of what another process shows (a tmux screen, a child appearing in /proc).
 */
import {execFile} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {promisify} from 'node:util';
import {CHAT_BIN} from './chat-process.js';
import {HELLO} from './hello.js';
import {TcpClient} from './tcp-client.js';
import {spawnProcess, type Cleanups, type Exit, type TestProcess} from './test-process.js';
import {isProcessRunning, lookAgain, startTmux, type TmuxScreenMatcher, type TmuxSession} from './tmux.js';

const run = promisify(execFile);

export type {Cleanups} from './test-process.js';

/**
 * The server's first log line: `... level=info event=started host=127.0.0.1 port=41913 pid=302`,
 * with ` tls=true` after it when it speaks TLS.
 */
const STARTED = /level=info event=started host=127\.0\.0\.1 port=(\d+) pid=(\d+)(?: tls=true)?\n/;

export interface ServeProcess {
	readonly port: number;
	readonly pid: number;
	readonly process: TestProcess;
	/** Sends `signal` and resolves once the process has gone. */
	stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/**
 * `chat serve --host 127.0.0.1 --port <port> ...args` (such as `--tls-cert F --tls-key F`):
 * on a free port (0) or, to restart a server, on the port an earlier one had. Resolves
 * once its log says it listens.
 */
export async function startServe(cleanups: Cleanups, port = 0, args: readonly string[] = []): Promise<ServeProcess> {
	if (!existsSync(CHAT_BIN)) {
		throw new Error(`${CHAT_BIN} is missing: run npm run build first (npm test does).`);
	}

	// Ephemeral unless the test gives a data directory (to restart on the same one).
	const storage = args.includes('--data-dir') ? [] : ['--data-dir', ':memory:'];
	const chat = spawnProcess(cleanups, process.execPath, [
		CHAT_BIN,
		'serve',
		'--host',
		'127.0.0.1',
		'--port',
		String(port),
		...storage,
		...args,
	]);
	const {child} = chat;
	const [, listening, pid] = await chat.waitForStderr(STARTED);
	return {
		port: Number(listening),
		pid: Number(pid),
		process: chat,
		async stop(signal: NodeJS.Signals = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
				process.kill(child.pid, signal);
			}

			return chat.exited;
		},
	};
}

export interface TuiOptions {
	readonly port: number;
	/** `--name`; without it the app asks for one. */
	readonly name?: string;
	/** More arguments to `chat tui` (`--tls`, `--ca F`). */
	readonly args?: readonly string[];
	readonly cols?: number;
	readonly rows?: number;
}

/** The `chat tui` command line, for tmux to run directly or inside a shell script. */
export function tuiCommand({port, name, args = []}: Pick<TuiOptions, 'port' | 'name' | 'args'>): string[] {
	return [
		process.execPath,
		CHAT_BIN,
		'tui',
		'--port',
		String(port),
		...(name === undefined ? [] : ['--name', name]),
		...args,
	];
}

/**
 * A UTF-8 terminal, so non-ASCII text typed with send-keys arrives as the same
 * characters; TZ fixed so times on screen are in UTC whatever the machine's zone.
 */
export const TERMINAL_ENV: Readonly<Record<string, string>> = {LANG: 'C.UTF-8', TZ: 'UTC'};

/** A tmux pane running `command` (100x30 unless told), killed with its tmux server when the test ends. */
export async function openPane(
	cleanups: Cleanups,
	command: readonly string[],
	{cols = 100, rows = 30}: Pick<TuiOptions, 'cols' | 'rows'>,
): Promise<TmuxSession> {
	const tmux = await startTmux({command, cols, rows, env: TERMINAL_ENV});
	cleanups.teardown(() => tmux.kill());
	return tmux;
}

/** `chat tui` alone in a tmux pane. */
export function startTui(cleanups: Cleanups, options: TuiOptions): Promise<TmuxSession> {
	return openPane(cleanups, tuiCommand(options), options);
}

/** A `chat tui` the test can pause and resume (SIGSTOP, SIGCONT) by its process id. */
export interface StoppableTui {
	readonly tui: TmuxSession;
	/** The `chat tui` process (not the pane's shell). */
	readonly pid: number;
}

/**
 * `chat tui` one level below the pane's process, a shell that waits for it. tmux sends
 * SIGCONT to a pane's own process as soon as it sees it stopped, so a SIGSTOP sent to
 * it would not hold; a grandchild it does not watch. Used to decide who reconnects first.
 */
export async function startStoppableTui(cleanups: Cleanups, options: TuiOptions): Promise<StoppableTui> {
	// `; exit $?` keeps the shell from replacing itself with its last command.
	const tui = await openPane(cleanups, ['sh', '-c', '"$@"; exit $?', 'sh', ...tuiCommand(options)], options);
	const pid = await childOf(tui.panePid());
	// tmux's cleanup ends the shell; a stopped child might not follow it, so it is killed too.
	cleanups.teardown(() => {
		if (isProcessRunning(pid)) {
			process.kill(pid, 'SIGKILL');
		}
	});
	return {tui, pid};
}

/** The one child of `parent`, once it has forked it. */
async function childOf(parent: number): Promise<number> {
	const file = `/proc/${parent}/task/${parent}/children`;
	const more = lookAgain(undefined);
	for (let looks = 1; ; looks++) {
		const child = Number.parseInt(readFileSync(file, 'utf8'), 10);
		if (Number.isInteger(child)) {
			return child;
		}

		if (!more(looks)) {
			throw new Error(`Process ${parent} started no child`);
		}

		await sleep(25);
	}
}

/** The screen's rows, top to bottom (tmux trims trailing spaces). */
export function rows(screen: string): string[] {
	return screen.split('\n');
}

/** The bottom row: connection, server, name, group, and while offline why. */
export function statusRow(screen: string): string {
	return rows(screen).at(-1) ?? '';
}

/** Waits for the status line to say online, as `name`, in `group`. */
export function waitOnline(tui: TmuxSession, name: string, group = 'lobby'): Promise<string> {
	const online = new RegExp(`^ online │ 127\\.0\\.0\\.1:\\d+ │ ${name} │ in ${group} `);
	return tui.waitForScreen(function statusSaysOnline(screen) {
		return online.test(statusRow(screen));
	});
}

/** `waitForScreen` with the end-to-end bound. */
/** `startTui` for a named user, resolved once its status line says it is online in lobby. */
export async function startOnlineTui(
	cleanups: Cleanups,
	options: TuiOptions & {readonly name: string},
): Promise<TmuxSession> {
	const tui = await startTui(cleanups, options);
	await waitOnline(tui, options.name);
	return tui;
}

export function waitForScreen(tui: TmuxSession, matcher: TmuxScreenMatcher): Promise<string> {
	return tui.waitForScreen(matcher);
}

/** Types a line and presses Enter. */
export async function typeLine(tui: TmuxSession, text: string): Promise<void> {
	await tui.sendKeys(text);
	await tui.sendKey('Enter');
}

/**
 * Pastes `text` the way a terminal does when the user pastes: tmux's `paste-buffer -p`
 * wraps it in bracketed-paste markers because the app asked for them. Line feeds
 * arrive as CR, as they would from a real paste.
 */
export async function paste(tui: TmuxSession, text: string): Promise<void> {
	const directory = mkdtempSync(join(tmpdir(), 'chat-paste-'));
	try {
		const file = join(directory, 'buffer');
		writeFileSync(file, text);
		await run('tmux', ['-S', tui.socketPath, 'load-buffer', '-b', 'e2e', file]);
		await run('tmux', ['-S', tui.socketPath, 'paste-buffer', '-p', '-d', '-b', 'e2e']);
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
}

/** A raw protocol client registered as `name` (its HELLO checked, its OK read); destroyed when the test ends. */
export async function rawClient(cleanups: Cleanups, port: number, name: string): Promise<TcpClient> {
	const client = await TcpClient.connect(port, {greeting: HELLO});
	cleanups.teardown(() => client.destroy());
	const {outcome} = await client.command(`SET_NAME ${name}`);
	if (!outcome.startsWith('OK SET_NAME ')) {
		throw new Error(`${name} could not register: ${outcome}`);
	}

	return client;
}

/** The text of a `MSG <id> <time> <group> <from> <text>` line, with its group and sender. */
export function groupMessage(line: string): {group: string; from: string; text: string} | undefined {
	const match = /^MSG \S+ \S+ (\S+) (\S+) (.*)$/.exec(line);
	return match ? {group: match[1]!, from: match[2]!, text: match[3]!} : undefined;
}

/** The text of a `DM <id> <time> <from> <to> <text>` line, with who sent it to whom. */
export function directMessage(line: string): {from: string; to: string; text: string} | undefined {
	const match = /^DM \S+ \S+ (\S+) (\S+) (.*)$/.exec(line);
	return match ? {from: match[1]!, to: match[2]!, text: match[3]!} : undefined;
}

/** Reads lines up to the first MSG with `text` from `from`, and returns it parsed. */
export async function nextGroupMessage(
	client: TcpClient,
	from: string,
	text: string,
): Promise<{group: string; from: string; text: string}> {
	const lines = await client.until((line) => {
		const message = groupMessage(line);
		return message?.from === from && message.text === text;
	});
	return groupMessage(lines.at(-1)!)!;
}

/** Reads lines up to the first DM with `text` from `from`, and returns it parsed. */
export async function nextDirectMessage(
	client: TcpClient,
	from: string,
	text: string,
): Promise<{from: string; to: string; text: string}> {
	const lines = await client.until((line) => {
		const message = directMessage(line);
		return message?.from === from && message.text === text;
	});
	return directMessage(lines.at(-1)!)!;
}
