/**
 * Idle scale: registered connections that only listen. At each step (1k, 5k, 10k...)
 * the server's RSS over its idle baseline, per 1,000 connections, and the time for one
 * message to reach all of them. Steps add connections to the ones already open.
 *
 * Registering N users costs the server N^2/2 presence lines (ONLINE to everyone on
 * each registration), so the whole run has a time budget: the step that is still
 * registering when it runs out is reported as partial, with the presence rate it
 * reached, and the run stops there.
 */
import {readFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {collectGarbage, readCpu, readMemory, waitForQuiet} from '../measure/process-stats.js';
import type {ServerHandle} from '../spawn-server.js';
import {broadcast} from './broadcast.js';
import {connectClients, destroyClients, totalCounts, type BenchClient} from './clients.js';

export interface IdleConfig {
	readonly steps: readonly number[];
	/** Timed broadcasts per step (the median is reported). */
	readonly broadcasts: number;
	/** Longest the whole run (all steps) may take. */
	readonly budgetMs: number;
	readonly settleMs: number;
	/**
	 * How long the server is left idle before the *settled* RSS is read: whatever the
	 * server or V8 does by itself in that time (V8's memory reducer may collect about 8 s
	 * after allocation stops; `chat serve` collects after 10 to 15 s idle), so this is
	 * what a user's idle server shows, with no forced GC. 0: not read.
	 */
	readonly settledMs: number;
}

export interface IdleStep {
	readonly connections: number;
	/** False when the budget ran out while registering: then only registration figures are set. */
	readonly complete: boolean;
	/** Connections registered when the step ended (= connections when complete). */
	readonly registered: number;
	/** Opening and registering this step's new connections. */
	readonly registerMs: number;
	/** Registration to presence traffic drained (barrier broadcast received by all). */
	readonly drainMs: number;
	/** Presence lines (ONLINE...) the clients received during the step, and per second. */
	readonly presenceLines: number;
	readonly presencePerSec: number;
	/** Server CPU (user+sys) for registering this step and draining its presence traffic. */
	readonly serverCpuMs: number;
	/** The bench process's CPU over the same time: near drainMs means the generator was the bottleneck. */
	readonly generatorCpuMs: number;
	/** Server RSS settleMs after the step's traffic drained (garbage and all), over the collected baseline. */
	readonly rssKb: number;
	readonly rssOverBaselineKb: number;
	readonly rssPerThousandKb: number;
	/**
	 * Server RSS once its garbage was collected (see measure/gc-hook.cjs), over the
	 * baseline read the same way: what idle connections hold. NaN without the hook.
	 */
	readonly liveRssKb: number;
	readonly liveRssPerThousandKb: number;
	/** Server RSS settledMs after the step's traffic drained, nothing forced, over the baseline read the same way. NaN when not read. */
	readonly settledRssKb: number;
	readonly settledRssPerThousandKb: number;
	/** Resident kB of malloc's main arena ([heap]) at the settled reading and after GC: printed, not a target figure. */
	readonly settledArenaKb: number;
	readonly liveArenaKb: number;
	readonly broadcastMs: readonly number[];
	readonly broadcastMedianMs: number;
	readonly reached: number;
	readonly expected: number;
}

export interface IdleRun {
	readonly config: IdleConfig;
	/** Server RSS before any connection, garbage collected (at once when the hook is missing). */
	readonly baselineRssKb: number;
	/** The same without collecting garbage first. */
	readonly baselineAtOnceRssKb: number;
	/** The same after settledMs idle, nothing forced (NaN when not read). */
	readonly baselineSettledRssKb: number;
	/** Resident kB of malloc's main arena ([heap]) at the baseline, after GC. */
	readonly baselineArenaKb: number;
	readonly serverFdLimit: number | undefined;
	readonly steps: IdleStep[];
	/** Why the run stopped before its last step, if it did. */
	readonly stoppedEarly: string | undefined;
	readonly clientCounts: ReturnType<typeof totalCounts>;
}

/** Soft limit on open files of a process (self by default). */
export function openFileLimit(pid: number | 'self' = 'self'): number | undefined {
	try {
		const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
		const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
		return match?.[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match?.[1]);
	} catch {
		return undefined;
	}
}

/**
 * Resident kB of the server's malloc main arena: the [heap] mapping of /proc/<pid>/smaps
 * (NaN when unreadable). Outside V8's heap: sockets' native state, Buffers' memory, what
 * glibc keeps of freed blocks. Printed beside RSS, to tell which of the two a step grew.
 */
function mainArenaKb(pid: number): number {
	try {
		const smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
		const at = smaps.search(/ \[heap\]\n/);
		if (at < 0) {
			return 0;
		}

		return Number(/^Rss:\s+(\d+) kB/m.exec(smaps.slice(at))?.[1] ?? Number.NaN);
	} catch {
		return Number.NaN;
	}
}

function arenaText(kb: number): string {
	return Number.isNaN(kb) ? '?' : `${(kb / 1024).toFixed(1)} MiB`;
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
}

/** RSS once the server has been left alone until `settledMs` after `sinceMs` (NaN when settledMs is 0). */
async function settledRss(pid: number, sinceMs: number, settledMs: number): Promise<number> {
	if (settledMs <= 0) {
		return Number.NaN;
	}

	await sleep(Math.max(0, sinceMs + settledMs - performance.now()));
	return readMemory(pid).rssKb;
}

function settledText(rssKb: number, config: IdleConfig): string {
	return Number.isNaN(rssKb) ? '' : `settled (${config.settledMs / 1000} s idle) ${(rssKb / 1024).toFixed(1)} MiB, `;
}

function presenceSeen(clients: readonly BenchClient[]): number {
	let total = 0;
	for (const client of clients) {
		total += client.counts.presence;
	}

	return total;
}

export async function runIdle(
	server: ServerHandle,
	config: IdleConfig,
	log: (message: string) => void,
): Promise<IdleRun> {
	const startedMs = performance.now();
	await sleep(config.settleMs);
	const baselineAtOnceRssKb = readMemory(server.pid).rssKb;
	// Before the forced GC below, which would hide what the server does by itself.
	const baselineSettledRssKb = await settledRss(server.pid, startedMs, config.settledMs);
	// Collected too: a server's start leaves garbage (modules loaded, code compiled)
	// that V8 gives back at some later point, which would otherwise count against the
	// connections, or for them. A C server has no garbage collector: what it holds at
	// once is what it holds, read a second time for the "after GC" figures.
	const collect = async () => server.native === true || (await collectGarbage(server.pid, server.output));
	const collected = await collect();
	const baselineRssKb = collected ? readMemory(server.pid).rssKb : baselineAtOnceRssKb;
	const baselineArenaKb = mainArenaKb(server.pid);
	log(
		`  baseline RSS ${(baselineAtOnceRssKb / 1024).toFixed(1)} MiB, ${settledText(baselineSettledRssKb, config)}${server.native === true ? 'no garbage collector' : collected ? `${(baselineRssKb / 1024).toFixed(1)} MiB garbage collected` : 'no GC hook'}; malloc's main arena ([heap]) ${arenaText(baselineArenaKb)}`,
	);
	const deadline = performance.now() + config.budgetMs;
	const serverFdLimit = openFileLimit(server.pid);
	const ownFdLimit = openFileLimit() ?? Number.POSITIVE_INFINITY;
	const clients: BenchClient[] = [];
	const leftovers: BenchClient[] = [];
	const steps: IdleStep[] = [];
	let stoppedEarly: string | undefined;
	try {
		for (const target of config.steps) {
			const margin = 100;
			if (target + margin > ownFdLimit || target + margin > (serverFdLimit ?? Number.POSITIVE_INFINITY)) {
				stoppedEarly = `step ${target}: open-file limit too low (bench ${ownFdLimit}, server ${serverFdLimit}); raise ulimit -n`;
				break;
			}

			const startMs = performance.now();
			const cpuBefore = readCpu(server.pid);
			const ownBefore = process.cpuUsage();
			const presenceBefore = presenceSeen(clients);
			const connected = await connectClients({
				port: server.port,
				dialect: server.dialect,
				from: clients.length,
				count: target - clients.length,
				prefix: 'i',
				concurrency: server.connectConcurrency ?? 200,
				timeoutMs: 60_000,
				deadline,
			});
			clients.push(...connected.clients);
			leftovers.push(...connected.unregistered);
			const registerMs = performance.now() - startMs;
			const drain = connected.error
				? undefined
				: await broadcast(clients, clients[0]!, Math.max(1000, deadline - performance.now()));
			const drainMs = performance.now() - startMs;
			const cpuAfter = readCpu(server.pid);
			const own = process.cpuUsage(ownBefore);
			const presenceLines = presenceSeen(clients) - presenceBefore;
			const common = {
				connections: target,
				registered: clients.length,
				registerMs,
				drainMs,
				presenceLines,
				presencePerSec: presenceLines / (drainMs / 1000),
				serverCpuMs: cpuAfter.userMs + cpuAfter.sysMs - cpuBefore.userMs - cpuBefore.sysMs,
				generatorCpuMs: (own.user + own.system) / 1000,
			};
			if (connected.error || !drain || drain.timedOut) {
				const why = connected.error
					? `${clients.length} of ${target} registered: ${connected.error.message}`
					: `presence not drained (${drain?.reached}/${drain?.expected} had the barrier)`;
				stoppedEarly = `step ${target}: budget of ${(config.budgetMs / 1000).toFixed(0)} s ran out (${why})`;
				steps.push({
					...common,
					complete: false,
					rssKb: Number.NaN,
					rssOverBaselineKb: Number.NaN,
					rssPerThousandKb: Number.NaN,
					liveRssKb: Number.NaN,
					liveRssPerThousandKb: Number.NaN,
					settledRssKb: Number.NaN,
					settledRssPerThousandKb: Number.NaN,
					settledArenaKb: Number.NaN,
					liveArenaKb: Number.NaN,
					broadcastMs: [],
					broadcastMedianMs: Number.NaN,
					reached: 0,
					expected: 0,
				});
				log(
					`  ${target} idle: INCOMPLETE, ${clients.length} registered after ${registerMs.toFixed(0)} ms;` +
						` ${presenceLines} presence lines at ${(common.presencePerSec / 1000).toFixed(0)}k/s (CPU server ${common.serverCpuMs.toFixed(0)} ms, generator ${common.generatorCpuMs.toFixed(0)} ms)`,
				);
				break;
			}

			const drainedMs = performance.now();
			await sleep(config.settleMs);
			const rssKb = readMemory(server.pid).rssKb;
			const settledRssKb = await settledRss(server.pid, drainedMs, config.settledMs);
			const settledArenaKb = mainArenaKb(server.pid);
			const liveRssKb = collected && (await collect()) ? readMemory(server.pid).rssKb : Number.NaN;
			const liveArenaKb = mainArenaKb(server.pid);
			await waitForQuiet(server.pid, 0.3, 500, 10_000);
			const timings: number[] = [];
			let reached = 0;
			let expected = 0;
			for (let k = 0; k < config.broadcasts; k++) {
				const result = await broadcast(clients, clients[0]!, 30_000);
				timings.push(result.ms);
				reached = result.reached;
				expected = result.expected;
			}

			const step: IdleStep = {
				...common,
				complete: true,
				rssKb,
				// Over the collected baseline too: the start's garbage is often collected during the step.
				rssOverBaselineKb: rssKb - baselineRssKb,
				rssPerThousandKb: ((rssKb - baselineRssKb) * 1000) / target,
				liveRssKb,
				liveRssPerThousandKb: ((liveRssKb - baselineRssKb) * 1000) / target,
				settledRssKb,
				settledRssPerThousandKb: ((settledRssKb - baselineSettledRssKb) * 1000) / target,
				settledArenaKb,
				liveArenaKb,
				broadcastMs: timings,
				broadcastMedianMs: median(timings),
				reached,
				expected,
			};
			steps.push(step);
			log(
				`  ${target} idle: registered in ${registerMs.toFixed(0)} ms (drained ${drainMs.toFixed(0)} ms, ${presenceLines} presence lines;` +
					` CPU server ${step.serverCpuMs.toFixed(0)} ms, generator ${step.generatorCpuMs.toFixed(0)} ms), RSS +${(step.rssOverBaselineKb / 1024).toFixed(1)} MiB` +
					` (${(step.rssPerThousandKb / 1024).toFixed(2)} MiB/1k; ${settledText(step.settledRssKb, config)}${(step.settledRssPerThousandKb / 1024).toFixed(2)} MiB/1k; garbage collected: ${(step.liveRssPerThousandKb / 1024).toFixed(2)} MiB/1k; [heap] ${arenaText(settledArenaKb)} settled, ${arenaText(liveArenaKb)} after GC), one message to all: ${step.broadcastMedianMs.toFixed(1)} ms (${reached}/${expected})`,
			);
		}

		return {
			config,
			baselineRssKb,
			baselineAtOnceRssKb,
			baselineSettledRssKb,
			baselineArenaKb,
			serverFdLimit,
			steps,
			stoppedEarly,
			clientCounts: totalCounts(clients),
		};
	} finally {
		// Server first: clients closing one by one would make it announce each departure to all the rest.
		await server.stop();
		destroyClients(clients);
		destroyClients(leftovers);
	}
}
