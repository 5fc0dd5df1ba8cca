/**
 * One run of the TUI benchmark against a real server in this process (port 0): the
 * TUI starts cold, its conversation is given `history` messages, then keystrokes,
 * incoming messages and a fresh mount are measured. And the baseline: the same
 * incoming messages between two raw clients, no TUI, for the CPU the server and the
 * sender take in this process.
 *
 * History is preloaded through the server: the raw peer sends `history` messages
 * (in batches of 1,000, each batch drawn before the next) before anything is
 * measured, so the TUI holds them exactly as it would after a long shift, including
 * its own cap on entries kept per conversation.
 */
import {startServer, type RunningServer} from '../../server/serve.js';
import type {Logger} from '../../server/log.js';
import {currentConversation} from '../../tui/state/index.js';
import {historyRss, scaling, type HistoryRssFigures, type ScalingFigures} from './clients.js';
import {
	burst,
	bytesPerMessage,
	cpuPerMessage,
	cpuPerMessageSplit,
	singles,
	type BurstFigures,
	firstFullFrameMs,
	perKeystroke,
	receiveOne,
	wardMessage,
	type CpuFigures,
	type SplitCpuFigures,
	type KeystrokeFigures,
} from './measure.js';
import {RawPeer} from './raw-peer.js';
import {startTuiUnderTest, type TuiUnderTest} from './tui-under-test.js';

const SILENT: Logger = {info() {}, warn() {}, error() {}};
const PRELOAD_BATCH = 1000;

export interface ScenarioConfig {
	readonly columns: number;
	readonly rows: number;
	readonly history: number;
	readonly keystrokes: number;
	readonly messagesForBytes: number;
	readonly messagesForCpu: number;
	/** Messages in the burst sent at once, and the single ones it is compared with. */
	readonly burst: number;
	readonly singles: number;
	/** Rounds of singles then a burst; the least of each is kept, the first burst reported too. */
	readonly burstRounds: number;
	/** CPU runs; the least is kept (other processes on a shared machine only ever add). */
	readonly cpuRepeats: number;
}

export interface ScenarioResult {
	readonly config: ScenarioConfig;
	readonly firstFrameMs: number;
	readonly onlineFrameMs: number;
	readonly preloadSeconds: number;
	/** Entries the conversation holds after the preload (the client keeps a bounded number). */
	readonly entriesKept: number;
	readonly keystroke: KeystrokeFigures;
	readonly bytesPerMessage: number;
	readonly cpu: SplitCpuFigures;
	readonly burst: BurstFigures;
	readonly singles: BurstFigures;
	/** The scenario's first burst, before V8 and the heap have settled to bursts. */
	readonly firstBurst: BurstFigures;
	readonly freshMountFrameMs: number;
}

/** A server as `chat serve` runs it, but without the limits a benchmark's sender would trip. */
export function benchServer(): Promise<RunningServer> {
	return startServer({host: '127.0.0.1', port: 0, logger: SILENT, rate: 0, idleTimeoutMs: 0});
}

async function preload(tui: TuiUnderTest, peer: RawPeer, count: number): Promise<void> {
	for (let sent = 0; sent < count;) {
		const batch = Math.min(PRELOAD_BATCH, count - sent);
		for (let index = 1; index < batch; index++) {
			peer.send(wardMessage('history', sent + index));
		}

		sent += batch;
		// The batch's last message, waited for until it is drawn.
		await receiveOne(tui, peer, wardMessage('history', sent));
	}
}

function least<T extends CpuFigures>(runs: readonly T[]): T {
	return runs.reduce((best, run) => (run.cpuMicros < best.cpuMicros ? run : best));
}

function leastBurst(runs: readonly BurstFigures[]): BurstFigures {
	return runs.reduce((best, run) => (run.cpuMicros < best.cpuMicros ? run : best));
}

/** N clients in one process (N = each of `clients`), one group, the same `messages`; a fresh server for each N. */
export async function runScaling(
	clients: readonly number[],
	messages: number,
	size: {columns: number; rows: number},
	log: (message: string) => void,
): Promise<ScalingFigures[]> {
	const results: ScalingFigures[] = [];
	for (const count of clients) {
		log(`  ${count} client(s) in one process, ${messages} messages`);
		const server = await benchServer();
		let peer: RawPeer | undefined;
		try {
			peer = await RawPeer.connect(server.port, 'sender');
			results.push(await scaling(server.port, peer, count, messages, size));
		} finally {
			peer?.close();
			await server.close();
		}
	}

	return results;
}

/** One client in a process of its own: RSS idle and after `history` messages. */
export async function runHistoryRss(
	history: number,
	size: {columns: number; rows: number},
): Promise<HistoryRssFigures> {
	const server = await benchServer();
	let peer: RawPeer | undefined;
	try {
		peer = await RawPeer.connect(server.port, 'sender');
		return await historyRss(server.port, peer, history, size);
	} finally {
		peer?.close();
		await server.close();
	}
}

/** Runs `measure` against a server with two raw clients on it, 'reader' and 'sender', and closes all three after. */
async function withRawPair<T>(measure: (receiver: RawPeer, sender: RawPeer) => Promise<T>): Promise<T> {
	const server = await benchServer();
	const peers: RawPeer[] = [];
	try {
		const receiver = await RawPeer.connect(server.port, 'reader');
		peers.push(receiver);
		const sender = await RawPeer.connect(server.port, 'sender');
		peers.push(sender);
		return await measure(receiver, sender);
	} finally {
		for (const peer of peers) {
			peer.close();
		}

		await server.close();
	}
}

/** A burst of `count` messages between two raw clients, no TUI: the server's and sender's share of `burst`. */
export async function runBurstBaseline(count: number, repeats: number): Promise<number> {
	return withRawPair(async (receiver, sender) => {
		let least = Number.POSITIVE_INFINITY;
		// Run 0 warms the server's and the peers' paths up and is not counted.
		for (let run = 0; run <= repeats; run++) {
			const before = receiver.messages;
			const cpu = process.cpuUsage();
			for (let index = 1; index <= count; index++) {
				sender.send(wardMessage(`burst${run}`, index));
			}

			await receiver.received(before + count);
			const used = process.cpuUsage(cpu);
			if (run > 0) {
				least = Math.min(least, used.user + used.system);
			}
		}

		return least;
	});
}

export async function runScenario(config: ScenarioConfig, log: (message: string) => void): Promise<ScenarioResult> {
	const server = await benchServer();
	let tui: TuiUnderTest | undefined;
	let peer: RawPeer | undefined;
	try {
		tui = await startTuiUnderTest({port: server.port, name: 'reader', columns: config.columns, rows: config.rows});
		peer = await RawPeer.connect(server.port, 'sender');
		const preloadStarted = performance.now();
		await preload(tui, peer, config.history);
		const preloadSeconds = (performance.now() - preloadStarted) / 1000;
		const entriesKept = currentConversation(tui.session.getState()).entries.length;
		log(
			`  ${config.history} messages of history preloaded in ${preloadSeconds.toFixed(1)} s; ${entriesKept} entries kept`,
		);

		const keystroke = await perKeystroke(tui, config.keystrokes);
		const message = await bytesPerMessage(tui, peer, config.messagesForBytes);
		const cpuRuns: SplitCpuFigures[] = [];
		for (let run = 1; run <= config.cpuRepeats; run++) {
			cpuRuns.push(await cpuPerMessageSplit(tui, peer, `cpu${run}`, config.messagesForCpu));
		}

		const burstRuns: BurstFigures[] = [];
		const singleRuns: BurstFigures[] = [];
		for (let run = 1; run <= Math.max(config.burstRounds, config.cpuRepeats); run++) {
			singleRuns.push(await singles(tui, peer, `single${run}`, config.singles));
			burstRuns.push(await burst(tui, peer, `burst${run}`, config.burst));
		}

		const freshMountFrameMs = await firstFullFrameMs(tui.session, config.columns, config.rows);
		return {
			config,
			firstFrameMs: tui.firstFrameMs,
			onlineFrameMs: tui.onlineFrameMs,
			preloadSeconds,
			entriesKept,
			keystroke,
			bytesPerMessage: message,
			cpu: least(cpuRuns),
			burst: leastBurst(burstRuns),
			singles: leastBurst(singleRuns),
			firstBurst: burstRuns[0]!,
			freshMountFrameMs,
		};
	} finally {
		peer?.close();
		await tui?.stop();
		await server.close();
	}
}

export interface WarmUpConfig {
	readonly columns: number;
	readonly rows: number;
	readonly keystrokes: number;
	/** Messages of the process's first client measured as its cold figure, each drawn before the next. */
	readonly firstMessages: number;
	/** Then this many more, drawn one by one, in `stretch`es whose CPU is logged: where it stops falling. */
	readonly moreMessages: number;
	readonly stretch: number;
	/** Then one burst of this many at once. */
	readonly burst: number;
}

export interface WarmUpResult {
	/** The process's first `runTui`: to its first frame, and to its first frame online. */
	readonly firstFrameMs: number;
	readonly onlineFrameMs: number;
	/** The first client's first keystrokes and first messages: the figures before V8 has optimised their code. */
	readonly keystroke: KeystrokeFigures;
	readonly first: CpuFigures;
	/** Whole-process CPU per message in each later stretch, in microseconds. */
	readonly stretches: readonly number[];
	/** Then a burst of `burst` messages at once: the process's first. */
	readonly firstBurst: BurstFigures;
	readonly config: WarmUpConfig;
}

/**
 * The process's first client, before anything the targets are judged by: it types
 * `keystrokes` keys and takes `firstMessages` and then `moreMessages` messages, each drawn
 * before the next is sent, and is stopped. Every client after it in this process runs
 * code V8 has optimised, as a client does once it has shown a shift's first thousand or
 * so messages, and as the SSH suite's steady phase measures the server (docs/PERFORMANCE.md,
 * "The steady phase"). Without it the first scenario measured the JIT's warm-up and every
 * later one did not: the 10,000-history scenario came second and read cheaper than the
 * 100 one for that reason alone. Its own figures are reported too: a fresh `chat tui`'s
 * first minute in a busy group costs that.
 */
export async function runWarmUp(config: WarmUpConfig, log: (message: string) => void): Promise<WarmUpResult> {
	const server = await benchServer();
	let tui: TuiUnderTest | undefined;
	let peer: RawPeer | undefined;
	try {
		tui = await startTuiUnderTest({port: server.port, name: 'first', columns: config.columns, rows: config.rows});
		peer = await RawPeer.connect(server.port, 'sender');
		const receiving = tui;
		const sending = peer;
		const keystroke = await perKeystroke(tui, config.keystrokes);
		const first = await cpuPerMessage(
			(index) => receiveOne(receiving, sending, wardMessage('first', index)),
			config.firstMessages,
		);
		log(`  the first ${config.firstMessages} messages: ${first.cpuMicros.toFixed(0)} us each, whole process`);
		const stretches: number[] = [];
		for (let done = 0; done < config.moreMessages; done += config.stretch) {
			const count = Math.min(config.stretch, config.moreMessages - done);
			const label = `warm${done}`;
			const {cpuMicros} = await cpuPerMessage(
				(index) => receiveOne(receiving, sending, wardMessage(label, index)),
				count,
			);
			stretches.push(cpuMicros);
			log(
				`  messages ${config.firstMessages + done + 1} to ${config.firstMessages + done + count}: ${cpuMicros.toFixed(0)} us each`,
			);
		}

		// A burst too: the scenarios' bursts are the process's first otherwise, and a burst
		// runs paths one message at a time never does (the reducer's and the store's batches).
		const firstBurst = await burst(tui, peer, 'warmburst', config.burst);
		log(`  a burst of ${config.burst}: ${(firstBurst.cpuMicros / 1000).toFixed(1)} ms, ${firstBurst.frames} frames`);
		return {
			firstFrameMs: tui.firstFrameMs,
			onlineFrameMs: tui.onlineFrameMs,
			keystroke,
			first,
			stretches,
			firstBurst,
			config,
		};
	} finally {
		peer?.close();
		await tui?.stop();
		await server.close();
	}
}

/**
 * CPU per message with no TUI at all: the server, the sender and a raw receiver, in this
 * process. With `paceMs`, each message is sent that long after the last one arrived,
 * as the TUI's messages are: the TUI draws one frame per `FRAME_INTERVAL_MS` at most,
 * and the next message is sent after its frame, so the process sleeps about that long
 * per message and the server's share, too, runs after a wake from idle. Without it the
 * messages go back to back, the process never sleeps (the baseline as it always was).
 * A first run of the same length warms up and is not counted, as the TUI's warm-up does.
 */
export async function runBaseline(messages: number, repeats: number, paceMs = 0): Promise<CpuFigures> {
	const pause = () => new Promise<void>((resolve) => setTimeout(resolve, paceMs));
	return withRawPair(async (receiver, sender) => {
		const runs: CpuFigures[] = [];
		// Run 0 warms the raw clients' paths (the server's are warm from the first client) and is not counted.
		for (let run = 0; run <= repeats; run++) {
			const before = receiver.messages;
			runs.push(
				await cpuPerMessage(async (index) => {
					sender.send(wardMessage(`cpu${run}`, index));
					await receiver.received(before + index);
					if (paceMs > 0) {
						await pause();
					}
				}, messages),
			);
		}

		return least(runs.slice(1));
	});
}
