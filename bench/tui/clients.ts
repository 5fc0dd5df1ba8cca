/**
 * TUI clients in a process of their own (bench/tui/clients-process.ts), driven from
 * here: the in-process scaling an SSH server will need (N clients in one process, one
 * group, the same messages) and the RSS of one client against its history.
 */
import {fork, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import type {FromClients, ToClients} from './clients-process.js';
import {wardMessage} from './measure.js';
import type {RawPeer} from './raw-peer.js';
import {Signal} from './signal.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let scriptDir: string | undefined;

/**
 * The clients' process runs plain JavaScript, without a loader: the client from dist/
 * (`npm run bench` builds it) and this folder's script (with the `runTui` set-up it shares) and the fake terminals
 * transpiled to a temporary folder. Under tsx the same process holds about 50 MiB more,
 * which would be counted as the clients' RSS.
 */
async function childScript(): Promise<string> {
	if (scriptDir === undefined) {
		const {default: ts} = await import('typescript');
		const dir = mkdtempSync(path.join(tmpdir(), 'chat-bench-clients-'));
		const dist = pathToFileURL(path.join(ROOT, 'dist', 'tui')).href;
		const files = [
			['bench/tui/clients-process.ts', 'clients-process.mjs'],
			['bench/tui/run-on-fake-tty.ts', 'run-on-fake-tty.mjs'],
			['test/helpers/fake-tty-stdin.ts', 'fake-tty-stdin.mjs'],
			['test/helpers/fake-tty-stdout.ts', 'fake-tty-stdout.mjs'],
		];
		for (const [source, target] of files) {
			const output = ts.transpileModule(readFileSync(path.join(ROOT, source!), 'utf8'), {
				compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022},
			});
			const text = output.outputText
				.replaceAll(`'../../tui/`, `'${dist}/`)
				.replace(/'\.\.\/\.\.\/test\/helpers\/(fake-tty-std(?:in|out))\.js'/g, "'./$1.mjs'")
				.replaceAll(`'./run-on-fake-tty.js'`, `'./run-on-fake-tty.mjs'`);
			writeFileSync(path.join(dir, target!), text);
		}

		scriptDir = dir;
	}

	return path.join(scriptDir, 'clients-process.mjs');
}

/** Removes the transpiled script (the runner calls it on exit). */
export function removeClientsScript(): void {
	if (scriptDir !== undefined) {
		rmSync(scriptDir, {recursive: true, force: true});
		scriptDir = undefined;
	}
}

export interface ClientsMeasure {
	readonly rssBytes: number;
	readonly heapUsedBytes: number;
	/** CPU the process has used since it started, in microseconds. */
	readonly cpuMicros: number;
	readonly frames: number;
}

export class ClientsProcess {
	private readonly inbox: FromClients[] = [];
	private readonly progress = new Signal();
	private exited = false;

	private constructor(private readonly child: ChildProcess) {
		child.on('message', (message: FromClients) => {
			this.inbox.push(message);
			this.progress.notify();
		});
		child.on('exit', () => {
			this.exited = true;
			this.progress.notify();
		});
	}

	/** `clients` TUIs at `columns`x`rows` on the server at `port`, online and drawn. */
	static async start(port: number, clients: number, columns: number, rows: number): Promise<ClientsProcess> {
		const child = fork(await childScript(), [String(port), String(clients), String(columns), String(rows)], {
			execArgv: ['--expose-gc'],
			env: {...process.env, NODE_ENV: 'production', CI: 'false', CONTINUOUS_INTEGRATION: 'false'},
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const process_ = new ClientsProcess(child);
		try {
			await process_.next('ready', 60_000 + clients * 2_000);
		} catch (error) {
			process_.kill();
			throw error;
		}

		return process_;
	}

	private async next<T extends FromClients['type']>(
		type: T,
		timeoutMs = 60_000,
	): Promise<Extract<FromClients, {type: T}>> {
		await this.progress.until(
			() => this.exited || this.inbox.some((message) => message.type === type),
			`the clients' "${type}"`,
			timeoutMs,
		);
		const index = this.inbox.findIndex((message) => message.type === type);
		if (index === -1) {
			throw new Error(`The clients' process exited before "${type}".`);
		}

		return this.inbox.splice(index, 1)[0] as Extract<FromClients, {type: T}>;
	}

	private send(message: ToClients): void {
		this.child.send(message);
	}

	/** Resolves once every client has drawn a frame with `text` as its newest message. */
	async drawn(text: string): Promise<void> {
		this.send({type: 'wait', text});
		await this.next('drawn');
	}

	async measure(): Promise<ClientsMeasure> {
		this.send({type: 'measure'});
		const {rssBytes, heapUsedBytes, cpuMicros, frames} = await this.next('measured');
		return {rssBytes, heapUsedBytes, cpuMicros, frames};
	}

	async stop(): Promise<void> {
		if (this.exited) {
			return;
		}

		this.send({type: 'stop'});
		try {
			await this.progress.until(() => this.exited, 'the clients to stop', 30_000);
		} catch {
			this.kill();
		}
	}

	/** Stops it by its PID, whatever state it is in. */
	kill(): void {
		if (!this.exited && this.child.pid !== undefined) {
			process.kill(this.child.pid, 'SIGKILL');
		}
	}
}

export interface ScalingFigures {
	readonly clients: number;
	readonly messages: number;
	/** CPU of the clients' process per message per client, in microseconds. */
	readonly cpuMicrosPerMessagePerClient: number;
	/** RSS of the clients' process after the messages (after a full GC). */
	readonly rssBytes: number;
	/** RSS of the same process idle, online, before the messages. */
	readonly idleRssBytes: number;
	readonly frames: number;
}

/** N clients in one process, one group: `messages` messages, each drawn by all before the next is sent. */
export async function scaling(
	port: number,
	peer: RawPeer,
	clients: number,
	messages: number,
	size: {columns: number; rows: number},
): Promise<ScalingFigures> {
	const group = await ClientsProcess.start(port, clients, size.columns, size.rows);
	try {
		// Warm-up: the first messages compile the paths being measured.
		for (let index = 1; index <= 50; index++) {
			peer.send(wardMessage(`warm${clients}`, index));
			await group.drawn(wardMessage(`warm${clients}`, index));
		}

		const before = await group.measure();
		for (let index = 1; index <= messages; index++) {
			const text = wardMessage(`scale${clients}`, index);
			peer.send(text);
			await group.drawn(text);
		}

		const after = await group.measure();
		return {
			clients,
			messages,
			cpuMicrosPerMessagePerClient: (after.cpuMicros - before.cpuMicros) / messages / clients,
			rssBytes: after.rssBytes,
			idleRssBytes: before.rssBytes,
			frames: after.frames - before.frames,
		};
	} finally {
		await group.stop();
	}
}

export interface HistoryRssFigures {
	readonly history: number;
	readonly idleRssBytes: number;
	readonly rssBytes: number;
	readonly idleHeapUsedBytes: number;
	readonly heapUsedBytes: number;
}

/** One client's RSS online with an empty conversation, and after `history` messages (sent in batches of 1,000). */
export async function historyRss(
	port: number,
	peer: RawPeer,
	history: number,
	size: {columns: number; rows: number},
): Promise<HistoryRssFigures> {
	const client = await ClientsProcess.start(port, 1, size.columns, size.rows);
	try {
		const idle = await client.measure();
		for (let sent = 0; sent < history;) {
			const batch = Math.min(1000, history - sent);
			for (let index = 1; index <= batch; index++) {
				peer.send(wardMessage('rss', sent + index));
			}

			sent += batch;
			await client.drawn(wardMessage('rss', sent));
		}

		const after = await client.measure();
		return {
			history,
			idleRssBytes: idle.rssBytes,
			rssBytes: after.rssBytes,
			idleHeapUsedBytes: idle.heapUsedBytes,
			heapUsedBytes: after.heapUsedBytes,
		};
	} finally {
		await client.stop();
	}
}
