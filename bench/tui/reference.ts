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
 * Each client is measured twice a round: lone messages, then lone keystrokes (a
 * character, then Backspace, one every `PACE_MS`, typed into its input line with tmux,
 * as a person types). Then `chat tui` is sent `HISTORY` messages in bursts and measured
 * again, messages and keystrokes, with that much history (of which it keeps MAX_ENTRIES).
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
import {MAX_ENTRIES} from '../../tui/state/entries.js';
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
	/** Keystrokes typed before any is measured, and measured. */
	readonly warmKeys: number;
	readonly measuredKeys: number;
	readonly rounds: number;
}

const FULL: Sizes = {warm: 200, measured: 200, warmKeys: 100, measuredKeys: 200, rounds: 2};
const QUICK: Sizes = {warm: 100, measured: 100, warmKeys: 50, measuredKeys: 100, rounds: 1};

/** The large history of the target: sent to `chat tui` before its second measurement. */
const HISTORY = 10_000;
/** Messages sent at once while the history is sent, each burst waited for on the screen. */
const HISTORY_BURST = 500;

const NULL_CLIENT = `
import net from 'node:net';
const socket = net.connect({host: '127.0.0.1', port: Number(process.argv[2])});
socket.on('connect', () => socket.write('SET_NAME nullreader\\n'));
socket.on('data', (chunk) => process.stdout.write(chunk.toString().replaceAll('\\n', '\\r\\n')));
socket.on('close', () => process.exit(0));
// Each key echoed as a terminal in cooked mode would (Backspace erases a cell).
process.stdin.setRawMode(true);
process.stdin.on('data', (key) => process.stdout.write(key[0] === 0x7f ? '\\b \\b' : key));
`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The second measurement of `chat tui`, after `HISTORY` messages. */
const LARGE = 'chat tui, large history';

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
	readonly kind: 'messages' | 'keystrokes';
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
	label: string,
): Promise<ClientRun> {
	for (let index = 1; index <= sizes.warm; index++) {
		sender.send(lone(`${label}w`, index));
		await sleep(PACE_MS);
	}

	await pane.shows(`${label}w ${sizes.warm}:`, `${name}: the warm-up's last message`);
	const idleMsPerMs = await idleRate(pane.pid, Math.min(5000, sizes.measured * PACE_MS));

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
		kind: 'messages',
		cpuMicros: ((used - idle) * 1000) / sizes.measured,
		idleMicros: idleMsPerMs * PACE_MS * 1000,
	};
}

/** The `index`th key of a run: a character, then Backspace, so the input line stays short. */
function keyAt(index: number): {readonly text: string} | {readonly named: string} {
	return index % 2 === 0 ? {text: String.fromCharCode(97 + ((index / 2) % 26))} : {named: 'BSpace'};
}

/** A client that used less CPU than this over QUIET_MS is taken as done with what it was sent (idle, a client uses 0.01 to 0.05 ms). */
const QUIET_MS = 150;
const QUIET_CPU_MS = 0.1;
const QUIET_MOST_MS = 5000;

/**
 * Waits until `pid` has used less than QUIET_CPU_MS over QUIET_MS: a keystroke, unlike a
 * message, leaves nothing on the screen that tells the last one apart. At most
 * QUIET_MOST_MS.
 */
async function quiet(pid: number): Promise<void> {
	let last = readThreadCpu(pid).allMs;
	for (let waited = 0; waited < QUIET_MOST_MS; waited += QUIET_MS) {
		await sleep(QUIET_MS);
		const now = readThreadCpu(pid).allMs;
		if (now - last < QUIET_CPU_MS) {
			return;
		}

		last = now;
	}
}

/** CPU per millisecond `pid` uses idle, over `ms`. */
async function idleRate(pid: number, ms: number): Promise<number> {
	const from = readThreadCpu(pid).allMs;
	const started = performance.now();
	await sleep(ms);
	return (readThreadCpu(pid).allMs - from) / (performance.now() - started);
}

/** Types `sizes.warmKeys` keys, then measures `sizes.measuredKeys`, each `PACE_MS` after the last. */
async function measureKeys(name: string, pane: Pane, sizes: Sizes): Promise<ClientRun> {
	for (let index = 0; index < sizes.warmKeys; index++) {
		pane.press(keyAt(index));
		await sleep(PACE_MS);
	}

	await quiet(pane.pid);
	const idleMsPerMs = await idleRate(pane.pid, Math.min(5000, sizes.measuredKeys * PACE_MS));
	const from = readThreadCpu(pane.pid).allMs;
	const started = performance.now();
	for (let index = 0; index < sizes.measuredKeys; index++) {
		pane.press(keyAt(index));
		await sleep(PACE_MS);
	}

	await quiet(pane.pid);
	const used = readThreadCpu(pane.pid).allMs - from;
	const idle = idleMsPerMs * (performance.now() - started);
	return {
		name,
		kind: 'keystrokes',
		cpuMicros: ((used - idle) * 1000) / sizes.measuredKeys,
		idleMicros: idleMsPerMs * PACE_MS * 1000,
	};
}

interface Client {
	readonly name: string;
	readonly pane: Pane;
	/** Lone messages; `label` tells this measurement's messages apart. */
	run(sizes: Sizes, label: string): Promise<ClientRun>;
	keys(sizes: Sizes): Promise<ClientRun>;
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
		this.clients.push({
			name,
			pane,
			run: (sizes, label) => measureClient(name, pane, sender, sizes, label),
			keys: (sizes) => measureKeys(name, pane, sizes),
		});
		return pane;
	}

	/** Sends `count` messages in bursts, each burst waited for on `pane`'s screen. */
	async sendHistory(count: number, pane: Pane): Promise<void> {
		const sender = this.sender!;
		for (let sent = 0; sent < count;) {
			const burst = Math.min(HISTORY_BURST, count - sent);
			for (let index = 1; index <= burst; index++) {
				sender.send(lone('history', sent + index));
			}

			sent += burst;
			await pane.shows(`history ${sent}:`, `the history's message ${sent}`);
		}
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
	description: `chat tui, a null Node client and irssi (on ngircd), each in its own process and tmux ${COLUMNS}x${ROWS}: CPU per lone message and per keystroke, chat tui again with ${HISTORY.toLocaleString('en-US')} messages of history`,
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
			const measure = async (run: Promise<ClientRun>) => {
				const done = await run;
				context.log(
					`    ${done.name}, ${done.kind}: ${done.cpuMicros.toFixed(0)} us each (idle ${done.idleMicros.toFixed(0)} us per ${PACE_MS} ms)`,
				);
				runs.push(done);
			};

			for (let round = 1; round <= sizes.rounds; round++) {
				context.log(
					`  round ${round}: ${sizes.warm} + ${sizes.measured} messages, then ${sizes.warmKeys} + ${sizes.measuredKeys} keystrokes, one per ${PACE_MS} ms, each client in turn`,
				);
				for (const client of clients) {
					await measure(client.run(sizes, `r${round}`));
					await measure(client.keys(sizes));
				}
			}

			// The same client again, now holding the large history.
			const tuiClient = clients.find((client) => client.name === 'chat tui')!;
			const kept = Math.min(HISTORY, MAX_ENTRIES);
			context.log(`  ${HISTORY.toLocaleString('en-US')} messages of history sent to chat tui`);
			await lineups[0]!.sendHistory(HISTORY, tuiClient.pane);
			const large: Client = {
				...tuiClient,
				name: LARGE,
				run: async (given, label) => ({...(await tuiClient.run(given, label)), name: LARGE}),
				keys: async (given) => ({...(await tuiClient.keys(given)), name: LARGE}),
			};
			for (let round = 1; round <= sizes.rounds; round++) {
				context.log(`  round ${round} with the history`);
				await measure(large.run(sizes, `h${round}`));
				await measure(large.keys(sizes));
			}

			const least = (name: string, kind: 'messages' | 'keystrokes') =>
				Math.min(...runs.filter((run) => run.name === name && run.kind === kind).map((run) => run.cpuMicros));
			const figures: Figure[] = [];
			for (const kind of ['messages', 'keystrokes'] as const) {
				const each = kind === 'messages' ? 'message' : 'keystroke';
				const floorDoes = kind === 'messages' ? 'registers, writes each line to its terminal' : 'echoes each key';
				const tui = least('chat tui', kind);
				const floor = least('null Node client', kind);
				const withHistory = least(LARGE, kind);
				figures.push(
					figure(`chat tui: CPU per ${each}, whole process`, 'us', 'lower', tui),
					figure(`null Node client: CPU per ${each} (${floorDoes})`, 'us', 'info', floor),
					figure(
						`chat tui less the null Node client: the TUI share per ${each} as its own process`,
						'us',
						'lower',
						tui - floor,
					),
					figure(
						`chat tui with ${HISTORY.toLocaleString('en-US')} messages of history (${kept.toLocaleString('en-US')} kept): TUI share per ${each}`,
						'us',
						'lower',
						withHistory - floor,
					),
				);
				if (runs.some((run) => run.name === 'irssi')) {
					const irssi = least('irssi', kind);
					figures.push(
						figure(`irssi (on ngircd): CPU per ${each}`, 'us', 'info', irssi),
						figure(`chat tui / irssi, per ${each}`, 'x', 'lower', tui / irssi),
					);
				}
			}

			notes.push(
				`tui-reference: each client its own process in its own tmux, ${sizes.warm} messages shown before ${sizes.measured} measured and ${sizes.warmKeys} keystrokes typed (a character, then Backspace) before ${sizes.measuredKeys} measured, the least of ${sizes.rounds} round(s), clients in turns; then chat tui again after ${HISTORY.toLocaleString('en-US')} more messages. CPU of all the process's threads from /proc, less its idle CPU over the same time. Every message and key reaches a client that is asleep: what a lone one costs, wake and all.`,
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
