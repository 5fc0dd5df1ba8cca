/**
 * Runs a real program in a real terminal (a tmux pane) and drives it like a user:
 * keys in, screen out. Each session gets its own tmux server, on a socket in a fresh
 * temporary directory (`-S`, rather than `-L name`, whose socket tmux leaves behind in
 * /tmp/tmux-<uid>/ after kill-server), so tests never touch the user's tmux and can run
 * in parallel, and `kill()` stops the server and everything in it and removes it all.
 *
 * The pane stays after the program exits (remain-on-exit), so a test can read how it
 * exited and what it left on the screen. Polling the screen of another process is the
 * one place with short pauses; every wait is bounded (hang.ts, or a number of attempts
 * a test gives) and fails with the last screen.
 */

import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {promisify} from 'node:util';
import {HANG_MS} from './hang.js';

const run = promisify(execFile);

/** The pane's target: the only window of the only session. */
const TARGET = 'main';

/**
 * Read once, when the server starts. An empty remain-on-exit-format matters: tmux
 * otherwise scrolls the dead pane up a line to print "Pane is dead", shifting what the
 * program left on screen. No status line, so the pane is the whole window.
 */
const SERVER_CONFIG = [
	'set-option -g remain-on-exit on',
	'set-option -g remain-on-exit-format ""',
	'set-option -g status off',
	'',
].join('\n');

/**
 * Left out of the program's environment: a program in a tmux pane is a program in a
 * user's terminal. With CI set, Ink draws nothing until it unmounts; TMUX would tell
 * the program it runs inside the caller's tmux.
 */
const WITHHELD_ENV = ['CI', 'CONTINUOUS_INTEGRATION', 'TMUX', 'TMUX_PANE'];

export interface StartTmuxOptions {
	/** The program and its arguments, run directly (no shell, so no quoting). */
	readonly command: readonly string[];
	readonly cols?: number;
	readonly rows?: number;
	/** Added to (and overriding) this process's environment. */
	readonly env?: Readonly<Record<string, string>>;
	readonly cwd?: string;
}

export type TmuxScreenMatcher = string | RegExp | ((screen: string) => boolean);

export interface PollOptions {
	/** How many times to look before giving up; by default as many as HANG_MS (hang.ts) allows. */
	readonly attempts?: number;
	/** Pause between looks. Default 25 ms. */
	readonly pauseMs?: number;
}

export interface CaptureOptions {
	/** Keep escape sequences for colors and attributes (`capture-pane -e`). */
	readonly escapes?: boolean;
	/** Start from the oldest line of scrollback instead of the top of the screen. */
	readonly history?: boolean;
}

export interface PaneState {
	/** The program has exited (the pane remains). */
	readonly dead: boolean;
	/** Its exit code, if it exited rather than being killed by a signal. */
	readonly exitStatus: number | undefined;
	/** The number of the signal that killed it, if one did. */
	readonly exitSignal: number | undefined;
	readonly alternateScreen: boolean;
	/**
	 * Whether the cursor is shown. Only meaningful while the program runs: tmux reports
	 * a dead pane's cursor as hidden, whatever the program left.
	 */
	readonly cursorVisible: boolean;
	readonly cols: number;
	readonly rows: number;
}

/** Whether to look again after `looks` looks: up to `attempts` of them if given, else until HANG_MS has passed. */
export function lookAgain(attempts: number | undefined): (looks: number) => boolean {
	const started = Date.now();
	return (looks) => (attempts === undefined ? Date.now() - started < HANG_MS : looks < attempts);
}

function toTest(matcher: TmuxScreenMatcher): (screen: string) => boolean {
	if (typeof matcher === 'string') {
		return (screen) => screen.includes(matcher);
	}
	if (matcher instanceof RegExp) {
		return (screen) => matcher.test(screen);
	}
	return matcher;
}

const optionalNumber = (text: string | undefined) => (text === undefined || text === '' ? undefined : Number(text));

export class TmuxSession {
	private killed = false;

	private constructor(
		/** The tmux server's socket: `tmux -S <socketPath> ...` reaches this session by hand. */
		readonly socketPath: string,
		private readonly directory: string,
		/** The tmux server's process id. */
		readonly serverPid: number,
		private readonly programPid: number,
	) {}

	static async start({command, cols = 80, rows = 24, env = {}, cwd}: StartTmuxOptions): Promise<TmuxSession> {
		if (command.length === 0) {
			throw new Error('startTmux needs a command');
		}
		const directory = mkdtempSync(join(tmpdir(), 'chat-tmux-'));
		const socketPath = join(directory, 'socket');
		const configFile = join(directory, 'tmux.conf');
		writeFileSync(configFile, SERVER_CONFIG);
		const serverEnv: NodeJS.ProcessEnv = {...process.env, ...env};
		for (const name of WITHHELD_ENV) {
			if (!(name in env)) {
				delete serverEnv[name];
			}
		}
		const newSession = ['new-session', '-d', '-s', TARGET, '-x', String(cols), '-y', String(rows)];
		if (cwd !== undefined) {
			newSession.push('-c', cwd);
		}
		try {
			// The server is forked by this first client and keeps its environment for the pane.
			await run('tmux', ['-S', socketPath, '-f', configFile, ...newSession, '--', ...command], {
				env: serverEnv,
				...(cwd ? {cwd} : {}),
			});
			const {stdout} = await run('tmux', [
				'-S',
				socketPath,
				'display-message',
				'-p',
				'-t',
				TARGET,
				'#{pid} #{pane_pid}',
			]);
			const [serverPid, programPid] = stdout.trim().split(' ').map(Number);
			return new TmuxSession(socketPath, directory, serverPid ?? Number.NaN, programPid ?? Number.NaN);
		} catch (error) {
			await run('tmux', ['-S', socketPath, 'kill-server']).catch(() => {});
			rmSync(directory, {recursive: true, force: true});
			throw error;
		}
	}

	private async tmux(...args: string[]): Promise<string> {
		const {stdout} = await run('tmux', ['-S', this.socketPath, ...args]);
		return stdout;
	}

	/** Types `text` exactly as given (`send-keys -l`): no key names, no Enter. */
	async sendKeys(text: string): Promise<void> {
		await this.tmux('send-keys', '-t', TARGET, '-l', '--', text);
	}

	/** Presses named keys, in order: 'Enter', 'Escape', 'C-c', 'PageUp', 'Up', 'M-x', ... */
	async sendKey(...names: string[]): Promise<void> {
		await this.tmux('send-keys', '-t', TARGET, '--', ...names);
	}

	/** The screen as text, one line per row, trailing spaces trimmed by tmux. */
	async capture({escapes = false, history = false}: CaptureOptions = {}): Promise<string> {
		const args = ['capture-pane', '-p', '-t', TARGET];
		if (escapes) {
			args.push('-e');
		}
		if (history) {
			args.push('-S', '-');
		}
		return (await this.tmux(...args)).replace(/\n$/, '');
	}

	/** Captures until the screen matches and returns it; throws with the last screen once it gives up. */
	async waitForScreen(matcher: TmuxScreenMatcher, {attempts, pauseMs = 25}: PollOptions = {}): Promise<string> {
		const matches = toTest(matcher);
		const more = lookAgain(attempts);
		let screen = '';
		let looks = 0;
		for (;;) {
			screen = await this.capture();
			looks++;
			if (matches(screen)) {
				return screen;
			}
			if (!more(looks)) {
				break;
			}
			await sleep(pauseMs);
		}
		const wanted = typeof matcher === 'function' ? matcher.name || 'a screen matching the predicate' : String(matcher);
		throw new Error(
			`Waited for ${wanted}; not there after ${looks} captures. Last screen:\n${screen
				.split('\n')
				.map((row) => `|${row}`)
				.join('\n')}`,
		);
	}

	/** Resizes the window; the program gets SIGWINCH. */
	async resize(cols: number, rows: number): Promise<void> {
		await this.tmux('resize-window', '-t', TARGET, '-x', String(cols), '-y', String(rows));
	}

	/** The process id of the program in the pane. */
	panePid(): number {
		return this.programPid;
	}

	/** The pane's state as tmux sees it now. */
	async state(): Promise<PaneState> {
		const format =
			'#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{alternate_on}|#{cursor_flag}|#{pane_width}|#{pane_height}';
		const [dead, status, signal, alternate, cursor, cols, rows] = (
			await this.tmux('display-message', '-p', '-t', TARGET, format)
		)
			.trim()
			.split('|');
		return {
			dead: dead === '1',
			exitStatus: optionalNumber(status),
			exitSignal: optionalNumber(signal),
			alternateScreen: alternate === '1',
			cursorVisible: cursor === '1',
			cols: Number(cols),
			rows: Number(rows),
		};
	}

	/** Whether the program has exited; see `state()` for how. */
	async paneDead(): Promise<boolean> {
		return (await this.state()).dead;
	}

	/** Waits until the program has exited and tmux knows how, and returns the pane's state. */
	async waitForExit({attempts, pauseMs = 25}: PollOptions = {}): Promise<PaneState> {
		const more = lookAgain(attempts);
		for (let attempt = 1; ; attempt++) {
			const state = await this.state();
			// tmux marks the pane dead when the terminal closes, and learns how the
			// program ended a moment later, when it reaps it.
			if (state.dead && (state.exitStatus !== undefined || state.exitSignal !== undefined)) {
				return state;
			}
			if (state.dead && isProcessRunning(this.serverPid)) {
				// The program is a zombie tmux has not reaped: its SIGCHLD went missing (seen
				// here about once in twenty runs under load; tmux#311 describes one way).
				// Another SIGCHLD makes the server call waitpid() and record the status.
				process.kill(this.serverPid, 'SIGCHLD');
			}
			if (!more(attempt)) {
				const how = state.dead ? 'has exited, but tmux never learnt how,' : 'is still running';
				throw new Error(`The program ${how} after ${attempt} checks. Screen:\n${await this.capture()}`);
			}
			await sleep(pauseMs);
		}
	}

	/** Stops the tmux server and the program, whatever state they are in. Safe to call twice. */
	async kill(): Promise<void> {
		if (this.killed) {
			return;
		}
		this.killed = true;
		const programWasRunning = await this.paneDead().then(
			(dead) => !dead,
			() => isProcessRunning(this.programPid),
		);
		// kill-server hangs up the pane's program (SIGHUP) and ends the server.
		const serverAnswered = await this.tmux('kill-server').then(
			() => true,
			() => false,
		);
		if (!serverAnswered && isProcessRunning(this.serverPid)) {
			killIfAlive(this.serverPid);
		}
		// A program that ignores SIGHUP must not outlive the test. Only a program seen
		// running a moment ago is signalled, so a recycled process id is never hit.
		if (programWasRunning && isProcessRunning(this.programPid)) {
			killIfAlive(this.programPid);
		}
		rmSync(this.directory, {recursive: true, force: true});
	}
}

/** SIGKILL, unless the process ended between the check and the signal (ESRCH): gone is what was wanted. */
function killIfAlive(pid: number): void {
	try {
		process.kill(pid, 'SIGKILL');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
			throw error;
		}
	}
}

/**
 * Whether `pid` is a process that has not exited. A zombie counts as exited: where
 * PID 1 does not reap orphans (some containers), the tmux server and the programs it
 * ran linger as zombies, which `kill(pid, 0)` still reports as present.
 */
export function isProcessRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		// /proc/<pid>/stat: "pid (comm) state ..."; comm may contain spaces and parentheses.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return true; // no /proc (macOS): kill(pid, 0) is all there is
	}
}

export function startTmux(options: StartTmuxOptions): Promise<TmuxSession> {
	return TmuxSession.start(options);
}
