/**
 * Fan-out: N registered clients in `lobby`, S of them senders. Each message's text
 * carries its phase tag, sender, sequence number and send time (µs, monotonic clock
 * of this process), padded to a fixed size:  `B/3/1234/98765432/xxxx...`.
 * Every receiver checks it got every other sender's messages exactly once (a bitset
 * per receiver x sender) and records the latency of each (arrival of the chunk the
 * line came in, minus the send time).
 *
 * Three phases: burst (each sender writes its M messages as fast as its socket takes
 * them), closed loop (each sender keeps at most W of its messages in flight: sent and
 * not yet read by one receiver, the observer) and paced (each sender R messages/s for D
 * seconds). The closed loop's window is counted at a receiver, not by the server's
 * acknowledgements, so it means the same on IRC, which has none.
 */
import {once} from 'node:events';
import {setImmediate as yieldToIo} from 'node:timers/promises';
import {LatencyRecorder, nowUs, type LatencySummary} from '../measure/latency.js';
import {PhaseMeter, waitForQuiet, type PhaseStats, type QuietResult} from '../measure/process-stats.js';
import type {ServerHandle} from '../spawn-server.js';
import {broadcast, type BroadcastResult} from './broadcast.js';
import {connectClients, destroyClients, totalCounts, type BenchClient, type MessageSink} from './clients.js';
import {CHAT, type Dialect} from './dialect.js';

/**
 * `burst-again`: the burst once more, last, on a server every earlier phase has warmed
 * (V8's compiled code, the heap and the store's cache at their working size): the first
 * phase of a run pays that warm-up and the same load run again does not, so the two
 * together say how much of a first burst's cost is the warm-up (docs/PERFORMANCE.md).
 */
export type FanoutMode = 'burst' | 'closed' | 'paced' | 'burst-again';

export interface FanoutConfig {
	readonly clients: number;
	readonly senders: number;
	/** Messages per sender in the burst and closed-loop phases. */
	readonly burstMessages: number;
	/** Closed loop: the most messages of one sender in flight (sent, not yet at the observer). */
	readonly window: number;
	/** Messages per second per sender in the paced phase. */
	readonly pacedRate: number;
	readonly pacedSeconds: number;
	/** Bytes of message text (ASCII). */
	readonly textBytes: number;
	/** A phase stops when no message arrived for this long... */
	readonly stallMs: number;
	/** ...or at the latest after this long. */
	readonly phaseCapMs: number;
	/** Longest wait for a quiet machine (other processes under 0.3 cores) before a phase. */
	readonly quietTimeoutMs: number;
	/** The phases to run, in order (default FANOUT_MODES). */
	readonly modes?: readonly FanoutMode[];
}

export interface FanoutPhase {
	readonly mode: FanoutMode;
	readonly senders: number;
	readonly messagesPerSender: number;
	readonly messagesSent: number;
	readonly expectedDeliveries: number;
	/** Distinct (receiver, message) pairs received. */
	readonly deliveries: number;
	readonly lost: number;
	readonly duplicates: number;
	/** A message from a sender that arrived after a later one from the same sender. */
	readonly outOfOrder: number;
	/** A sender receiving its own message (the server must not echo). */
	readonly echoes: number;
	readonly acks: number;
	/** 0 on IRC, which acknowledges nothing. */
	readonly expectedAcks: number;
	readonly timedOut: boolean;
	/** First send to last delivery. */
	readonly durationMs: number;
	readonly deliveriesPerSec: number;
	/** Paced phase: what the senders offered (deliveries/s), for comparison. */
	readonly offeredDeliveriesPerSec: number | undefined;
	/** Paced phase: the send rate actually achieved by the generator (messages/s, all senders). */
	readonly sendRate: number;
	readonly latency: LatencySummary;
	readonly stats: PhaseStats;
	/** The wait for a quiet machine before the phase started. */
	readonly quiet: QuietResult;
}

export interface FanoutRun {
	readonly config: FanoutConfig;
	readonly registerMs: number;
	/** Registration's presence traffic drained: the barrier broadcast after it. */
	readonly drain: BroadcastResult;
	readonly phases: FanoutPhase[];
	readonly clientCounts: ReturnType<typeof totalCounts>;
}

export const FANOUT_MODES: readonly FanoutMode[] = ['burst', 'closed', 'paced'];

let cursor = 0;

/** Reads a decimal integer at `cursor` up to the next '/', leaving `cursor` after it. */
function readInt(bytes: Buffer, end: number): number {
	let value = 0;
	for (let code = bytes[cursor]!; cursor < end && code >= 0x30 && code <= 0x39; code = bytes[++cursor]!) {
		value = value * 10 + (code - 0x30);
	}

	cursor++;
	return value;
}

/** The text of one message, exactly `bytes` long. */
function messageText(tag: string, sender: number, seq: number, sentUs: number, bytes: number): string {
	const head = `${tag}/${sender}/${seq}/${sentUs}/`;
	return head.length >= bytes ? head : head + 'x'.repeat(bytes - head.length);
}

class FanoutTracker implements MessageSink {
	private readonly seen: Uint8Array;
	private readonly highest: Int32Array;
	readonly latency: LatencyRecorder;
	readonly expected: number;
	unique = 0;
	duplicates = 0;
	outOfOrder = 0;
	echoes = 0;
	stray = 0;
	acks = 0;
	readonly expectedAcks: number;
	lastUs = 0;
	/** Per sender: its messages the observer has read (closed loop). */
	readonly observed: Int32Array;
	/** Per sender: the observed count at which its waiting sender is woken, and how. */
	private readonly wakeAt: Int32Array;
	private readonly wake: Array<(() => void) | undefined>;
	private done: (() => void) | undefined;
	readonly finished: Promise<void>;

	constructor(
		private readonly tagCode: number,
		private readonly clients: number,
		private readonly senders: number,
		private readonly perSender: number,
		acks: boolean,
		/** The receiver whose reads count for the closed loop's window: the last client, never a sender. */
		private readonly observer = clients - 1,
	) {
		this.seen = new Uint8Array(Math.ceil((clients * senders * perSender) / 8));
		this.highest = new Int32Array(clients * senders).fill(-1);
		this.observed = new Int32Array(senders);
		this.wakeAt = new Int32Array(senders);
		this.wake = new Array<(() => void) | undefined>(senders).fill(undefined);
		this.expected = senders * perSender * (clients - 1);
		this.expectedAcks = acks ? senders * perSender : 0;
		this.latency = new LatencyRecorder(this.expected);
		this.finished = new Promise((resolve) => {
			this.done = resolve;
		});
	}

	msg(client: BenchClient, bytes: Buffer, textStart: number, end: number): void {
		if (bytes[textStart] !== this.tagCode) {
			this.stray++;
			return;
		}

		cursor = textStart + 2;
		const sender = readInt(bytes, end);
		const seq = readInt(bytes, end);
		const sentUs = readInt(bytes, end);
		if (sender >= this.senders || seq >= this.perSender) {
			this.stray++;
			return;
		}

		if (sender === client.index) {
			this.echoes++;
			return;
		}

		const slot = client.index * this.senders + sender;
		const bit = slot * this.perSender + seq;
		const mask = 1 << (bit & 7);
		if ((this.seen[bit >> 3]! & mask) !== 0) {
			this.duplicates++;
			return;
		}

		this.seen[bit >> 3]! |= mask;
		if (seq < this.highest[slot]!) {
			this.outOfOrder++;
		} else {
			this.highest[slot] = seq;
		}

		if (client.index === this.observer && ++this.observed[sender]! >= this.wakeAt[sender]!) {
			const wake = this.wake[sender];
			this.wake[sender] = undefined;
			wake?.();
		}

		const arrived = client.arrivedUs;
		this.latency.record(arrived - sentUs);
		if (arrived > this.lastUs) {
			this.lastUs = arrived;
		}

		if (++this.unique === this.expected) {
			this.check();
		}
	}

	ack(): void {
		this.acks++;
		this.check();
	}

	/** Resolves once the observer has read `count` of the sender's messages. */
	observedUpTo(sender: number, count: number): Promise<void> {
		if (this.observed[sender]! >= count) {
			return Promise.resolve();
		}

		this.wakeAt[sender] = count;
		return new Promise((resolve) => {
			this.wake[sender] = resolve;
		});
	}

	private check(): void {
		if (this.unique === this.expected && this.acks === this.expectedAcks) {
			this.done?.();
		}
	}
}

function waitForDrain(client: BenchClient): Promise<unknown> {
	return Promise.race([once(client.socket, 'drain'), once(client.socket, 'close')]);
}

/** Messages a sender writes at once. */
const BATCH = 32;

/** Each sender writes its messages in batches as fast as its socket takes them. */
/** `tag`: the phase's letter in each text (B, or A for the burst again), which the receivers count by. */
async function sendBurst(
	senders: readonly BenchClient[],
	perSender: number,
	textBytes: number,
	tag: string,
): Promise<void> {
	await Promise.all(
		senders.map(async (client, sender) => {
			let seq = 0;
			while (seq < perSender && !client.closed) {
				const sentUs = nowUs();
				let chunk = '';
				for (let k = 0; k < BATCH && seq < perSender; k++, seq++) {
					chunk += client.dialect.message(messageText(tag, sender, seq, sentUs, textBytes));
				}

				if (!client.socket.write(chunk)) {
					await waitForDrain(client);
				} else {
					await yieldToIo();
				}
			}
		}),
	);
}

/**
 * Each sender keeps at most `window` messages in flight: it writes what the window has
 * room for (in batches), then waits until the observer has read enough to make room for
 * a batch again.
 */
async function sendClosedLoop(
	senders: readonly BenchClient[],
	perSender: number,
	textBytes: number,
	window: number,
	tracker: FanoutTracker,
): Promise<void> {
	await Promise.all(
		senders.map(async (client, sender) => {
			let seq = 0;
			while (seq < perSender && !client.closed) {
				const room = window - (seq - tracker.observed[sender]!);
				if (room <= 0) {
					await tracker.observedUpTo(sender, seq - window + Math.min(BATCH, window));
					continue;
				}

				const sentUs = nowUs();
				let chunk = '';
				for (let k = 0; k < room && k < BATCH && seq < perSender; k++, seq++) {
					chunk += client.dialect.message(messageText('C', sender, seq, sentUs, textBytes));
				}

				if (!client.socket.write(chunk)) {
					await waitForDrain(client);
				}
			}
		}),
	);
}

/** Each sender sends `rate` messages/s, staggered, for `perSender` messages. Resolves with the time it took. */
async function sendPaced(
	senders: readonly BenchClient[],
	perSender: number,
	rate: number,
	textBytes: number,
): Promise<number> {
	const intervalMs = 1000 / rate;
	const startMs = performance.now();
	const sent = new Array<number>(senders.length).fill(0);
	const total = perSender * senders.length;
	let sentTotal = 0;
	// Bounded: one tick per 2 ms for at most the planned duration plus a second.
	const maxTicks = Math.ceil(((perSender + 1) * intervalMs + 1000) / 2);
	for (let tick = 0; tick < maxTicks && sentTotal < total; tick++) {
		const now = performance.now();
		for (let sender = 0; sender < senders.length; sender++) {
			const client = senders[sender]!;
			let chunk = '';
			while (sent[sender]! < perSender && startMs + (sent[sender]! + sender / senders.length) * intervalMs <= now) {
				chunk += client.dialect.message(messageText('P', sender, sent[sender]!, nowUs(), textBytes));
				sent[sender]!++;
				sentTotal++;
			}

			if (chunk !== '' && !client.closed) {
				client.socket.write(chunk);
			}
		}

		await new Promise((resolve) => setTimeout(resolve, 2));
	}

	return performance.now() - startMs;
}

/** A server made of several processes (a cluster): clients spread over their ports, CPU summed over their pids. */
export interface Spread {
	readonly ports: readonly number[];
	/** Every process but `server.pid` whose CPU counts (the other chat nodes, the NATS servers). */
	readonly pids: readonly number[];
}

async function runPhase(
	server: ServerHandle,
	clients: readonly BenchClient[],
	config: FanoutConfig,
	mode: FanoutMode,
	dialect: Dialect,
	spread: Spread | undefined,
): Promise<FanoutPhase> {
	const senders = clients.slice(0, config.senders);
	const perSender = mode === 'paced' ? Math.round(config.pacedRate * config.pacedSeconds) : config.burstMessages;
	const tag = {burst: 0x42, closed: 0x43, paced: 0x50, 'burst-again': 0x41}[mode];
	const tracker = new FanoutTracker(tag, clients.length, senders.length, perSender, dialect.acks);
	for (const client of clients) {
		client.sink = tracker;
	}

	const quiet = await waitForQuiet(server.pid, 0.3, 500, config.quietTimeoutMs);
	const meter = new PhaseMeter(server.pid, spread?.pids);
	const firstUs = nowUs();
	const sending =
		mode === 'burst' || mode === 'burst-again'
			? sendBurst(senders, perSender, config.textBytes, String.fromCharCode(tag)).then(() => performance.now())
			: mode === 'closed'
				? sendClosedLoop(senders, perSender, config.textBytes, config.window, tracker).then(() => performance.now())
				: sendPaced(senders, perSender, config.pacedRate, config.textBytes);

	// Wait for every delivery, a stall (no progress for stallMs) or the cap.
	const capAt = performance.now() + config.phaseCapMs;
	let timedOut = false;
	let lastProgress = -1;
	let lastProgressAt = performance.now();
	let finished = false;
	void tracker.finished.then(() => {
		finished = true;
	});
	while (!finished) {
		await Promise.race([tracker.finished, new Promise((resolve) => setTimeout(resolve, 100))]);
		const now = performance.now();
		const progress = tracker.unique + tracker.acks;
		if (progress !== lastProgress) {
			lastProgress = progress;
			lastProgressAt = now;
		}

		if (!finished && (now - lastProgressAt > config.stallMs || now > capAt)) {
			timedOut = true;
			break;
		}
	}

	// A sender blocked on a socket the server stopped reading must not hold the run: bounded wait.
	let sendTimer: NodeJS.Timeout | undefined;
	const sendMs = await Promise.race([
		sending,
		new Promise<number>((resolve) => {
			sendTimer = setTimeout(() => resolve(Number.NaN), timedOut ? 1000 : config.phaseCapMs);
		}),
	]);
	clearTimeout(sendTimer);
	const stats = meter.finish();
	for (const client of clients) {
		client.sink = undefined;
	}

	const durationMs = (tracker.lastUs - firstUs) / 1000;
	const messagesSent = perSender * senders.length;
	return {
		mode,
		senders: senders.length,
		messagesPerSender: perSender,
		messagesSent,
		expectedDeliveries: tracker.expected,
		deliveries: tracker.unique,
		lost: tracker.expected - tracker.unique,
		duplicates: tracker.duplicates,
		outOfOrder: tracker.outOfOrder,
		echoes: tracker.echoes,
		acks: tracker.acks,
		expectedAcks: tracker.expectedAcks,
		timedOut,
		durationMs,
		deliveriesPerSec: durationMs > 0 ? tracker.unique / (durationMs / 1000) : 0,
		offeredDeliveriesPerSec: mode === 'paced' ? config.pacedRate * senders.length * (clients.length - 1) : undefined,
		sendRate: messagesSent / (sendMs / 1000),
		latency: tracker.latency.summary(),
		stats,
		quiet,
	};
}

export async function runFanout(
	server: ServerHandle,
	config: FanoutConfig,
	log: (message: string) => void,
	spread?: Spread,
): Promise<FanoutRun> {
	const startMs = performance.now();
	const dialect = server.dialect ?? CHAT;
	const connected = await connectClients({
		port: server.port,
		dialect,
		concurrency: server.connectConcurrency,
		// Client i on node i mod k: the senders (the first S) are spread over the nodes too.
		portOf: spread && ((index) => spread.ports[index % spread.ports.length]!),
		from: 0,
		count: config.clients,
		prefix: 'u',
		deadline: startMs + config.phaseCapMs,
	});
	const clients = connected.clients;
	try {
		if (connected.error) {
			throw new Error(`registering ${config.clients} clients: ${connected.error.message}`);
		}

		const registerMs = performance.now() - startMs;
		const drain = await broadcast(clients, clients[0]!, config.phaseCapMs);
		log(
			`  registered ${config.clients} in ${registerMs.toFixed(0)} ms, presence drained after ${(performance.now() - startMs).toFixed(0)} ms`,
		);
		const phases: FanoutPhase[] = [];
		for (const mode of config.modes ?? FANOUT_MODES) {
			const phase = await runPhase(server, clients, config, mode, dialect, spread);
			phases.push(phase);
			log(
				`  ${mode}: ${phase.deliveries}/${phase.expectedDeliveries} deliveries in ${phase.durationMs.toFixed(0)} ms` +
					` = ${(phase.deliveriesPerSec / 1e6).toFixed(3)} M/s, p50 ${phase.latency.p50Ms.toFixed(2)} ms, p99 ${phase.latency.p99Ms.toFixed(2)} ms,` +
					` server CPU ${(phase.stats.serverCpuShare * 100).toFixed(0)}%, generator CPU ${(phase.stats.generatorCpuShare * 100).toFixed(0)}%` +
					` (server user/sys ${phase.stats.serverCpu.userMs.toFixed(0)}/${phase.stats.serverCpu.sysMs.toFixed(0)} ms, helper threads ${phase.stats.serverHelperThreadsMs.toFixed(0)} ms, generator ${phase.stats.generatorCpu.userMs.toFixed(0)}/${phase.stats.generatorCpu.sysMs.toFixed(0)} ms),` +
					` other processes ${phase.stats.othersCpuShare.toFixed(2)} cores` +
					(phase.timedOut ? ' (TIMED OUT)' : ''),
			);
			// Quiet line between phases: anything still in flight arrives before this.
			await broadcast(clients, clients[0]!, config.phaseCapMs);
		}

		return {config, registerMs, drain, phases, clientCounts: totalCounts(clients)};
	} finally {
		// Server first: clients closing one by one would make it announce each departure to all the rest.
		await server.stop();
		destroyClients(clients);
		destroyClients(connected.unregistered);
	}
}
