/**
 * A client run as its user runs it, for the bench: a process in a tmux server of its own
 * (its own socket), whose screen can be read and typed into, stopped by its PID.
 */
import {execFileSync} from 'node:child_process';

const WAIT_MS = 15_000;
const POLL_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether `command` is installed: it runs with `flag` (`tmux -V`, `irssi --version`). */
export function installed(command: string, flag: string): boolean {
	try {
		execFileSync(command, [flag], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

/** One client in a tmux server of its own, its pane's process the client itself (tmux runs argv without a shell). */
export class Pane {
	private constructor(
		private readonly socket: string,
		readonly pid: number,
	) {}

	static start(socket: string, argv: readonly string[], {columns, rows}: {columns: number; rows: number}): Pane {
		const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color'};
		// Ink draws nothing under CI (is-in-ci); the client in the pane is a user's, in a terminal.
		delete env['CI'];
		delete env['CONTINUOUS_INTEGRATION'];
		const pid = execFileSync(
			'tmux',
			[
				'-S',
				socket,
				'new-session',
				'-d',
				'-x',
				String(columns),
				'-y',
				String(rows),
				'-P',
				'-F',
				'#{pane_pid}',
				...argv,
			],
			{encoding: 'utf8', env},
		).trim();
		return new Pane(socket, Number(pid));
	}

	screen(): string {
		return execFileSync('tmux', ['-S', this.socket, 'capture-pane', '-p'], {encoding: 'utf8'});
	}

	keys(text: string): void {
		execFileSync('tmux', ['-S', this.socket, 'send-keys', '-l', text]);
		execFileSync('tmux', ['-S', this.socket, 'send-keys', 'Enter']);
	}

	/** One key, as a person presses it: a character (`-l`, literally) or a key tmux names (`BSpace`). */
	press(key: {readonly text: string} | {readonly named: string}): void {
		const args = 'text' in key ? ['-l', key.text] : [key.named];
		execFileSync('tmux', ['-S', this.socket, 'send-keys', ...args]);
	}

	/** Polls the screen, at most WAIT_MS, until it shows `text`. */
	async shows(text: string, what: string): Promise<void> {
		for (let waited = 0; waited < WAIT_MS; waited += POLL_MS) {
			if (this.screen().includes(text)) {
				return;
			}

			await sleep(POLL_MS);
		}

		throw new Error(`${what}: "${text}" not on the screen after ${WAIT_MS} ms:\n${this.screen()}`);
	}

	stop(): void {
		try {
			process.kill(this.pid, 'SIGTERM');
		} catch {
			// Already gone.
		}

		try {
			execFileSync('tmux', ['-S', this.socket, 'kill-server'], {stdio: 'ignore'});
		} catch {
			// The server ended with its only pane.
		}
	}
}
