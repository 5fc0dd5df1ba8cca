/**
 * Server fan-out suite: N clients in one group, S senders, burst, closed loop, paced,
 * then the burst again on the warmed server, against every target. Targets take turns (relay, chat, then chat, relay on the next repeat)
 * so drift on a shared machine hits both. A repeat runs only while some target has
 * no run of a phase undisturbed by other processes; per target and phase the repeat
 * with the least CPU taken by other processes is reported (all are in the JSON).
 */
import {
	FANOUT_MODES,
	runFanout,
	type FanoutConfig,
	type FanoutMode,
	type FanoutPhase,
	type FanoutRun,
} from '../load/fanout.js';
import type {Figure} from '../report.js';
import type {Target, TargetName} from '../targets.js';
import {cleanest, METRIC, phaseFigures, phaseMetric, type PhaseMetric} from './fanout-figures.js';
import type {Suite, SuiteResult} from './types.js';

/**
 * The load but for N and M (clients, burstMessages): what each sender sends and how long
 * each phase may take. The cluster suite runs it too, so that the two suites' figures
 * for one server at the same N are of the same load.
 */
export const FANOUT_LOAD = {
	senders: 10,
	window: 100,
	pacedRate: 50,
	pacedSeconds: 5,
	textBytes: 64,
	stallMs: 15_000,
	phaseCapMs: 120_000,
	quietTimeoutMs: 15_000,
};

/** M is scaled down at N=1,000 (2,000 -> 200) so both move the same ~2M deliveries and stay bounded. */
export const FULL: readonly FanoutConfig[] = [
	{...FANOUT_LOAD, clients: 100, burstMessages: 2000},
	{...FANOUT_LOAD, clients: 1000, burstMessages: 200},
];

export const QUICK: readonly FanoutConfig[] = [
	{
		...FANOUT_LOAD,
		clients: 50,
		senders: 5,
		burstMessages: 200,
		window: 50,
		pacedSeconds: 1,
		stallMs: 5000,
		phaseCapMs: 30_000,
		quietTimeoutMs: 2000,
	},
];

/** The suite's phases: the three, then the burst again on the server they warmed (fanout.ts, `burst-again`). */
const SUITE_MODES: readonly FanoutMode[] = [...FANOUT_MODES, 'burst-again'];

/** Other processes' CPU (cores) above which a phase counts as disturbed. */
const NOISY_CORES = 0.25;

/** Whether every target has, for each phase, a run that other processes hardly disturbed: then no more repeats are needed. */
function quietEnough(runs: ReadonlyMap<TargetName, readonly FanoutRun[]>, targets: readonly Target[]): boolean {
	return targets.every((target) =>
		SUITE_MODES.every((mode) =>
			(runs.get(target.name) ?? []).some((run) =>
				run.phases.some((phase) => phase.mode === mode && phase.stats.othersCpuShare <= NOISY_CORES),
			),
		),
	);
}

/** A phase's rows, in the table's order: the paced phase's also say what the senders offered. */
function metricsFor(mode: FanoutMode): PhaseMetric[] {
	return [
		METRIC.deliveriesPerSec,
		...(mode === 'paced'
			? [phaseMetric('offered deliveries/s', 'M/s', 'info', (phase) => (phase.offeredDeliveriesPerSec ?? 0) / 1e6)]
			: []),
		METRIC.latencyP50,
		METRIC.latencyP99,
		phaseMetric('latency max', 'ms', 'lower', (phase) => phase.latency.maxMs),
		METRIC.lost,
		METRIC.duplicates,
		phaseMetric(
			'out of order + echoes + missing acks',
			'count',
			'zero',
			(phase) => phase.outOfOrder + phase.echoes + (phase.expectedAcks - phase.acks),
		),
		METRIC.serverCpu('server CPU (user+sys)'),
		METRIC.cpuPerDelivery('server CPU per delivery'),
		phaseMetric('of which on helper threads (V8 compiler, collector)', 'us', 'info', (phase) =>
			phase.deliveries === 0 ? Number.NaN : (phase.stats.serverHelperThreadsMs * 1000) / phase.deliveries,
		),
		phaseMetric('server peak RSS', 'MiB', 'lower', (phase) => phase.stats.serverPeakRssKb / 1024),
		METRIC.generatorCpu,
		METRIC.othersCpu,
	];
}

function notesFor(config: FanoutConfig, phases: ReadonlyMap<TargetName, FanoutPhase>): string[] {
	const notes: string[] = [];
	for (const [target, phase] of phases) {
		const where = `fanout N=${config.clients} ${phase.mode} on ${target}`;
		if (phase.timedOut) {
			notes.push(`${where}: timed out (${phase.deliveries}/${phase.expectedDeliveries} delivered).`);
		}

		if (phase.mode !== 'paced' && phase.stats.generatorCpuShare > 0.9) {
			notes.push(
				`${where}: the generator used ${(phase.stats.generatorCpuShare * 100).toFixed(0)}% of a core (server ${(phase.stats.serverCpuShare * 100).toFixed(0)}%): ` +
					"both cores busy, so deliveries/s is partly the generator's limit; server CPU per delivery is not.",
			);
		}

		if (phase.stats.othersCpuShare > NOISY_CORES) {
			notes.push(
				`${where}: other processes took ${phase.stats.othersCpuShare.toFixed(2)} cores meanwhile (shared machine): rates and latencies are disturbed, CPU per delivery much less.`,
			);
		}
	}

	const paced = phases.get('relay') ?? [...phases.values()][0];
	if (
		paced?.mode === 'paced' &&
		paced.offeredDeliveriesPerSec !== undefined &&
		paced.deliveriesPerSec < paced.offeredDeliveriesPerSec * 0.95
	) {
		notes.push(
			`fanout N=${config.clients} paced: the offered ${(paced.offeredDeliveriesPerSec / 1e6).toFixed(2)} M deliveries/s is more than the relay sustained here: its latency is queueing.`,
		);
	}

	return notes;
}

export const fanoutSuite: Suite = {
	name: 'fanout',
	section: 'server',
	description:
		'N clients in lobby, S senders: burst (as fast as sockets take), closed loop (at most W in flight per sender), paced, the burst again on the warmed server; deliveries/s, latency, losses, server CPU and RSS',
	async run(context): Promise<SuiteResult> {
		const configs = context.quick ? QUICK : FULL;
		const repeats = context.repeats ?? (context.quick ? 1 : 2);
		const figures: Figure[] = [];
		const notes: string[] = [];
		const raw: Array<{target: TargetName; repeat: number; config: FanoutConfig; run?: FanoutRun; error?: string}> = [];
		if (!context.quick) {
			notes.push(
				'fanout: M is 2,000 messages per sender at N=100 and 200 at N=1,000 (the same ~2M deliveries, bounded time).',
			);
		}

		for (const config of configs) {
			const runs = new Map<TargetName, FanoutRun[]>();
			let repeatsRun = 0;
			for (let repeat = 0; repeat < repeats && !(repeat > 0 && quietEnough(runs, context.targets)); repeat++) {
				repeatsRun++;
				const order: readonly Target[] = repeat % 2 === 0 ? context.targets : [...context.targets].reverse();
				for (const target of order) {
					context.log(
						`fanout N=${config.clients} on ${target.name}${repeats > 1 ? ` (repeat ${repeat + 1}/${repeats})` : ''}`,
					);
					try {
						const server = await target.start();
						try {
							const run = await runFanout(server, {...config, modes: SUITE_MODES}, context.log);
							runs.set(target.name, [...(runs.get(target.name) ?? []), run]);
							raw.push({target: target.name, repeat, config, run});
							if (run.clientCounts.byes.length > 0 || run.clientCounts.errors.length > 0) {
								notes.push(
									`fanout N=${config.clients} on ${target.name}: ${[...run.clientCounts.byes, ...run.clientCounts.errors].join('; ')}`,
								);
							}
						} finally {
							await server.stop();
						}
					} catch (error) {
						const message = (error as Error).message;
						raw.push({target: target.name, repeat, config, error: message});
						notes.push(`fanout N=${config.clients} on ${target.name} failed: ${message.split('\n')[0]}`);
						context.log(`  failed: ${message}`);
					}
				}
			}

			if (repeatsRun < repeats) {
				notes.push(
					`fanout N=${config.clients}: ${repeatsRun} of up to ${repeats} repeats run (each target had a phase run with other processes under ${NOISY_CORES} cores).`,
				);
			}

			for (const mode of SUITE_MODES) {
				const phases = cleanest(runs, mode);
				figures.push(...phaseFigures('fanout', config, phases, metricsFor(mode)));
				notes.push(...notesFor(config, phases));
			}
		}

		return {figures, raw, notes};
	},
};
