/**
 * Starting a server under test in its own process and stopping it by its PID.
 *
 * The command runs through `bash -c 'ulimit -n ...; exec "$@"'` so the server gets a
 * higher soft fd limit when the hard limit allows; `exec` keeps the PID, so /proc/<pid>
 * is the server itself. The port comes from the server's stderr: the first line that
 * says it started and names a port (`--port 0` lets the kernel pick a free one).
 * Every child is kept in a registry so the runner can kill them all on failure,
 * Ctrl-C or exit.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import type {Dialect} from './load/dialect.js';

export interface SpawnOptions {
	/** Shown in logs and errors. */
	readonly label: string;
	/** Program and arguments, e.g. ['node', 'dist/bin/chat.js', 'serve', ...]. */
	readonly argv: readonly string[];
	readonly cwd: string;
	/** Soft RLIMIT_NOFILE to ask for (capped by the hard limit). */
	readonly fdLimit?: number;
	readonly startTimeoutMs?: number;
	/** How long stop() waits after SIGTERM before SIGKILL (a profiled server needs time to write its profile). */
	readonly stopGraceMs?: number;
	/** Reads the port from a line of its output (parseStartedPort when unset). */
	readonly startedPort?: (line: string) => number | undefined;
}

export interface ServerHandle {
	readonly label: string;
	readonly pid: number;
	readonly port: number;
	/** The last stderr/stdout lines, for error reports. */
	output(): string;
	/** The language its clients speak: chat's line protocol when unset. */
	readonly dialect?: Dialect;
	/** A C program (ngircd): no garbage collector, so its RSS at once is what it holds. */
	readonly native?: boolean;
	/**
	 * How many connects it takes at once: past its listen backlog, connects wait for the
	 * kernel's SYN retries (1 s, then 3 s...), which would measure the backlog, not the server.
	 */
	readonly connectConcurrency?: number;
	/** SIGTERM, then SIGKILL after `graceMs`. Resolves once the process has exited. */
	stop(graceMs?: number): Promise<{code: number | null; signal: NodeJS.Signals | null}>;
}

const live = new Set<ChildProcess>();

/** Kills every server still running, synchronously (for exit and signal handlers). */
export function killAllServers(): void {
	for (const child of live) {
		if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
			try {
				process.kill(child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
	}

	live.clear();
}

// A started line names the port as `port 1234`, `port=1234`, `"port":1234` or `host:1234`.
const STARTED = /start|listen/i;
const NAMED_PORT = /port["']?\s*[:=]?\s*(\d{1,5})\b/i;
const HOST_PORT = /:(\d{1,5})\b/g;

export function parseStartedPort(line: string): number | undefined {
	if (!STARTED.test(line)) {
		return undefined;
	}

	const named = NAMED_PORT.exec(line);
	// Otherwise the last `:digits` (a timestamp's `12:34` comes earlier in the line).
	const hostPort = [...line.matchAll(HOST_PORT)].pop();
	const port = Number((named ?? hostPort)?.[1] ?? Number.NaN);
	return port > 0 && port < 65536 ? port : undefined;
}

export async function spawnServer(options: SpawnOptions): Promise<ServerHandle> {
	const fdLimit = options.fdLimit ?? 65536;
	// Raise the soft limit as far as the hard one allows; never fail because of it.
	const script = `hard=$(ulimit -Hn); want=${fdLimit}; if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want=$hard; fi; ulimit -n "$want" 2>/dev/null; exec "$@"`;
	const child = spawn('bash', ['-c', script, 'bash', ...options.argv], {
		cwd: options.cwd,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {...process.env, NODE_ENV: 'production'},
	});
	live.add(child);

	const tail: string[] = [];
	let port: number | undefined;
	let onPort: ((port: number) => void) | undefined;
	const remember = (source: 'stdout' | 'stderr') => {
		let pending = '';
		return (chunk: Buffer) => {
			const text = pending + chunk.toString('utf8');
			const lines = text.split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) {
				tail.push(`[${source}] ${line}`);
				if (tail.length > 40) {
					tail.shift();
				}

				if (port === undefined) {
					port = (options.startedPort ?? parseStartedPort)(line);
					if (port !== undefined) {
						onPort?.(port);
					}
				}
			}
		};
	};

	// Always drained: a server that logs per connection must never block on a full pipe.
	child.stdout!.on('data', remember('stdout'));
	child.stderr!.on('data', remember('stderr'));
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
		child.once('exit', (code, signal) => {
			live.delete(child);
			resolve({code, signal});
		});
	});

	const output = () => tail.join('\n');
	const stop = async (graceMs = options.stopGraceMs ?? 5000) => {
		if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
			try {
				process.kill(child.pid, 'SIGTERM');
			} catch {
				// Already gone.
			}

			const timer = setTimeout(() => {
				try {
					process.kill(child.pid!, 'SIGKILL');
				} catch {
					// Already gone.
				}
			}, graceMs);
			const result = await exited;
			clearTimeout(timer);
			return result;
		}

		return exited;
	};

	try {
		const found = await new Promise<number>((resolve, reject) => {
			const timeoutMs = options.startTimeoutMs ?? 15_000;
			const timer = setTimeout(
				() => reject(new Error(`${options.label}: no 'started' line with a port within ${timeoutMs} ms`)),
				timeoutMs,
			);
			onPort = (value) => {
				clearTimeout(timer);
				resolve(value);
			};

			if (port !== undefined) {
				onPort(port);
			}

			void exited.then(({code, signal}) => {
				clearTimeout(timer);
				reject(new Error(`${options.label} exited before it started (code ${code}, signal ${signal})`));
			});
		});
		return {label: options.label, pid: child.pid!, port: found, output, stop};
	} catch (error) {
		await stop(1000);
		throw new Error(`${(error as Error).message}\n${output()}`);
	}
}
