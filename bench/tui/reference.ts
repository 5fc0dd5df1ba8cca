/**
 * The client against the ones the render-cost issue names, each as its user runs it: a
 * process of its own in a terminal of its own (tmux, 100x30), receiving lone messages,
 * one every `PACE_MS`, as a ward's arrive. Beside `chat tui` run:
 *
 * - a Node client that does nothing but register and write each line it receives to its
 *   terminal: what any Node process pays on this machine to be woken by a message and
 *   show it, the floor under a client written in Node;
 * - irssi, the C client (connected to ngircd, in a channel), when both are installed.
 *
 * Each one's CPU is read from /proc (every thread: V8's helpers count), less what it
 * used idle over the same time. The in-process suite (suite.ts) splits a message's CPU
 * finely but holds the server and the sender in the same process, so its figures are
 * shares of a whole; these are whole processes, one per client, as on a login host.
 * Needs tmux (skipped, with a note, without it).
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {NODE_FLAGS} from '../../bin/node-flags.js';
import {CHAT, IRC, IRC_CHANNEL, type Dialect} from '../load/dialect.js';
import {readThreadCpu} from '../measure/process-stats.js';
import type {Figure} from '../report.js';
import type {ServerHandle} from '../spawn-server.js';
import type {Suite, SuiteContext, SuiteResult} from '../suites/types.js';
import {chat, ngircd, ROOT} from '../targets.js';
import {Signal} from './signal.js';
import {installed, Pane} from './tmux-pane.js';

const COLUMNS = 100;
const ROWS = 30;
/** Three frame intervals: every message arrives to a client that is asleep and draws it at once. */
const PACE_MS = 50;

interface Sizes {
	/** Messages each client is shown before any is measured (V8 optimises a Node client's path). */
	readonly warm: number;
	readonly measured: number;
	readonly rounds: number;
}

const FULL: Sizes = {warm: 200, measured: 200, rounds: 2};
const QUICK: Sizes = {warm: 100, measured: 100, rounds: 1};

const NULL_CLIENT = `
import net from 'node:net';
const socket = net.connect({host: '127.0.0.1', port: Number(process.argv[2])});
socket.on('connect', () => socket.write('SET_NAME nullreader\\n'));
socket.on('data', (chunk) => process.stdout.write(chunk.toString().replaceAll('\\n', '\\r\\n')));
socket.on('close', () => process.exit(0));
`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The sender: a raw client of the same server, in this process. */
class Sender {
	private received = '';
	private readonly progress = new Signal();

	private constructor(
		private readonly socket: net.Socket,
		private readonly dialect: Dialect,
	) {
		socket.setNoDelay(true);
		socket.on('data', (chunk: Buffer) => {
			// Kept short: only the newest lines are ever looked for.
			this.received = (this.received + chunk.toString()).slice(-4096);
			const ping = /^PING (\S+)/m.exec(this.received);
			if (ping !== null && dialect === IRC) {
				socket.write(`PONG ${ping[1]}\r\n`);
				this.received = this.received.replace(/^PING \S+/m, '');
			}

			this.progress.notify();
		});
	}

	static async connect(port: number, dialect: Dialect, registered: string): Promise<Sender> {
		const socket = net.connect({host: '127.0.0.1', port});
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		});
		const sender = new Sender(socket, dialect);
		socket.write(dialect.register('sender'));
		await sender.sees(registered, 'the sender to register');
		return sender;
	}

	sees(text: string, what: string): Promise<void> {
		return this.progress.until(() => this.received.includes(text), what);
	}

	send(text: string): void {
		this.socket.write(this.dialect.message(text));
	}

	close(): void {
		this.socket.destroy();
	}
}

interface ClientRun {
	readonly name: string;
	/** CPU of the client's process per message, less its idle CPU over the same time, microseconds. */
	readonly cpuMicros: number;
	/** Its idle CPU per `PACE_MS`, microseconds. */
	readonly idleMicros: number;
}

const lone = (label: string, index: number) =>
	`${label} ${index}: bed 7 obs due at 14:00, BP 128/84, please review the fluid chart`;

/** Shows `sizes.warm` messages, then measures `sizes.measured`, each `PACE_MS` after the last. */
async function measureClient(
	name: string,
	pane: Pane,
	sender: Sender,
	sizes: Sizes,
	round: number,
): Promise<ClientRun> {
	const label = `r${round}`;
	for (let index = 1; index <= sizes.warm; index++) {
		sender.send(lone(`${label}w`, index));
		await sleep(PACE_MS);
	}

	await pane.shows(`${label}w ${sizes.warm}:`, `${name}: the warm-up's last message`);
	const idleFrom = readThreadCpu(pane.pid).allMs;
	const idleStarted = performance.now();
	await sleep(Math.min(5000, sizes.measured * PACE_MS));
	const idleMsPerMs = (readThreadCpu(pane.pid).allMs - idleFrom) / (performance.now() - idleStarted);

	const from = readThreadCpu(pane.pid).allMs;
	const started = performance.now();
	for (let index = 1; index <= sizes.measured; index++) {
		sender.send(lone(label, index));
		await sleep(PACE_MS);
	}

	await pane.shows(`${label} ${sizes.measured}:`, `${name}: the last message`);
	const used = readThreadCpu(pane.pid).allMs - from;
	const idle = idleMsPerMs * (performance.now() - started);
	return {
		name,
		cpuMicros: ((used - idle) * 1000) / sizes.measured,
		idleMicros: idleMsPerMs * PACE_MS * 1000,
	};
}

interface Client {
	readonly name: string;
	run(sizes: Sizes, round: number): Promise<ClientRun>;
}

/** Clients of one server, and what stops them, their sender and the server. */
class Lineup {
	readonly clients: Client[] = [];
	private readonly panes: Pane[] = [];
	private sender: Sender | undefined;

	constructor(private readonly server: ServerHandle) {}

	get port(): number {
		return this.server.port;
	}

	async connectSender(dialect: Dialect, registered: string): Promise<Sender> {
		this.sender = await Sender.connect(this.server.port, dialect, registered);
		return this.sender;
	}

	add(name: string, socket: string, argv: readonly string[]): Pane {
		const pane = Pane.start(socket, argv, {columns: COLUMNS, rows: ROWS});
		this.panes.push(pane);
		const sender = this.sender!;
		this.clients.push({name, run: (sizes, round) => measureClient(name, pane, sender, sizes, round)});
		return pane;
	}

	async stop(): Promise<void> {
		for (const pane of this.panes) {
			pane.stop();
		}

		this.sender?.close();
		await this.server.stop();
	}
}

/** `chat tui` and the null Node client, on one chat server (store on, as `npm start` runs it). */
async function chatLineup(directory: string): Promise<Lineup> {
	const held = new Lineup(await chat.start());
	try {
		await held.connectSender(CHAT, 'OK SET_NAME');
		const port = String(held.port);
		const tui = held.add('chat tui', path.join(directory, 'tui.sock'), [
			process.execPath,
			...NODE_FLAGS,
			path.join(ROOT, 'dist', 'bin', 'chat.js'),
			'tui',
			'--port',
			port,
			'--name',
			'reader',
			'--no-bell',
		]);
		await tui.shows('Welcome, reader', 'chat tui online');
		const script = path.join(directory, 'null-client.mjs');
		writeFileSync(script, NULL_CLIENT);
		const nullClient = held.add('null Node client', path.join(directory, 'null.sock'), [
			process.execPath,
			script,
			port,
		]);
		await nullClient.shows('OK SET_NAME', 'the null client online');
		return held;
	} catch (error) {
		await held.stop();
		throw error;
	}
}

/** irssi in a channel of ngircd. */
async function irssiLineup(directory: string): Promise<Lineup> {
	const held = new Lineup(await ngircd.start());
	try {
		const sender = await held.connectSender(IRC, ' 001 ');
		const pane = held.add('irssi', path.join(directory, 'irssi.sock'), [
			'irssi',
			`--home=${path.join(directory, 'irssi')}`,
			'-c',
			'127.0.0.1',
			'-p',
			String(held.port),
			'-n',
			'reader',
		]);
		// Typed before the server's welcome, the JOIN would be refused as not connected.
		await pane.shows('End of MOTD', 'irssi connected');
		pane.keys(`/join ${IRC_CHANNEL}`);
		// The sender hears of reader first when reader joins its channel (`:reader!~user@host JOIN :#lobby`).
		await sender.sees(':reader!', 'irssi to join');
		return held;
	} catch (error) {
		await held.stop();
		throw error;
	}
}

function figure(metric: string, unit: string, better: Figure['better'], value: number): Figure {
	return {
		section: 'tui',
		suite: 'tui-reference',
		scenario: `own process, tmux ${COLUMNS}x${ROWS}, a message per ${PACE_MS} ms`,
		metric,
		unit,
		better,
		values: {tui: value},
	};
}

export const tuiReferenceSuite: Suite = {
	name: 'tui-reference',
	section: 'tui',
	description: `chat tui, a null Node client and irssi (on ngircd), each in its own process and tmux ${COLUMNS}x${ROWS}: CPU per lone message`,
	async run(context: SuiteContext): Promise<SuiteResult> {
		const notes: string[] = [];
		if (!installed('tmux', '-V')) {
			return {figures: [], raw: {skipped: 'tmux'}, notes: ['tui-reference: skipped, tmux is not installed']};
		}

		const sizes = context.quick ? QUICK : {...FULL, rounds: context.repeats ?? FULL.rounds};
		const directory = mkdtempSync(path.join(tmpdir(), 'chat-bench-reference-'));
		const lineups: Lineup[] = [];
		try {
			lineups.push(await chatLineup(directory));
			const whyNot =
				ngircd.unavailable() ??
				(installed('irssi', '--version') ? undefined : 'irssi is not installed (apt-get install irssi)');
			if (whyNot === undefined) {
				lineups.push(await irssiLineup(directory));
			} else {
				notes.push(`tui-reference: irssi skipped: ${whyNot}`);
			}

			const clients = lineups.flatMap((held) => held.clients);
			const runs: ClientRun[] = [];
			for (let round = 1; round <= sizes.rounds; round++) {
				for (const client of clients) {
					context.log(
						`  round ${round}: ${client.name}, ${sizes.warm} + ${sizes.measured} messages, one per ${PACE_MS} ms`,
					);
					const run = await client.run(sizes, round);
					context.log(
						`    ${run.cpuMicros.toFixed(0)} us per message (idle ${run.idleMicros.toFixed(0)} us per ${PACE_MS} ms)`,
					);
					runs.push(run);
				}
			}

			const least = (name: string) => Math.min(...runs.filter((run) => run.name === name).map((run) => run.cpuMicros));
			const tui = least('chat tui');
			const floor = least('null Node client');
			const figures = [
				figure('chat tui: CPU per message, whole process', 'us', 'lower', tui),
				figure('null Node client: CPU per message (registers, writes each line to its terminal)', 'us', 'info', floor),
				figure('chat tui less the null Node client: the TUI share as its own process', 'us', 'lower', tui - floor),
			];
			if (runs.some((run) => run.name === 'irssi')) {
				const irssi = least('irssi');
				figures.push(
					figure('irssi (on ngircd): CPU per message', 'us', 'info', irssi),
					figure('chat tui / irssi', 'x', 'lower', tui / irssi),
				);
			}

			notes.push(
				`tui-reference: each client its own process in its own tmux, ${sizes.warm} messages shown before ${sizes.measured} measured, the least of ${sizes.rounds} round(s), clients in turns; CPU of all the process's threads from /proc, less its idle CPU over the same time. Every message reaches a client that is asleep: what a lone message costs, wake and all.`,
			);
			return {figures, raw: {sizes, paceMs: PACE_MS, runs}, notes};
		} finally {
			for (const held of lineups) {
				await held.stop().catch(() => {});
			}

			rmSync(directory, {recursive: true, force: true});
		}
	},
};
