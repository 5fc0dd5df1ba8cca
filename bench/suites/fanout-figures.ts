/**
 * The table rows of fan-out phases (bench/load/fanout.ts), for the two suites that run
 * that load: fanout (a column per server) and cluster (a column per deployment). A phase
 * gives one row per metric under its scenario, a value per column. Each suite picks its
 * metrics; a metric both report is read from a phase one way, here.
 */
import type {FanoutConfig, FanoutMode, FanoutPhase, FanoutRun} from '../load/fanout.js';
import type {Figure} from '../report.js';

/** One row: its label and unit, which way is good, and a phase's value. */
export interface PhaseMetric {
	readonly metric: string;
	readonly unit: string;
	readonly better: Figure['better'];
	readonly pick: (phase: FanoutPhase) => number;
}

/** A row; METRIC has those both suites show, and each suite makes its own rows with this. */
export function phaseMetric(
	metric: string,
	unit: string,
	better: Figure['better'],
	pick: (phase: FanoutPhase) => number,
): PhaseMetric {
	return {metric, unit, better, pick};
}

/** The rows both suites show; the server side's CPU is labelled by what that side is (one server, or nodes and NATS). */
export const METRIC = {
	deliveriesPerSec: phaseMetric('deliveries/s', 'M/s', 'higher', (phase) => phase.deliveriesPerSec / 1e6),
	latencyP50: phaseMetric('latency p50', 'ms', 'lower', (phase) => phase.latency.p50Ms),
	latencyP99: phaseMetric('latency p99', 'ms', 'lower', (phase) => phase.latency.p99Ms),
	lost: phaseMetric('lost', 'count', 'zero', (phase) => phase.lost),
	duplicates: phaseMetric('duplicates', 'count', 'zero', (phase) => phase.duplicates),
	serverCpu: (label: string) => phaseMetric(label, 's', 'lower', (phase) => phase.stats.serverCpu.totalMs / 1000),
	/** In µs. */
	cpuPerDelivery: (label: string) =>
		phaseMetric(label, 'us', 'lower', (phase) =>
			phase.deliveries === 0 ? Number.NaN : (phase.stats.serverCpu.totalMs * 1000) / phase.deliveries,
		),
	generatorCpu: phaseMetric('generator CPU (of 1 core)', '%', 'info', (phase) => phase.stats.generatorCpuShare * 100),
	othersCpu: phaseMetric('other processes CPU (noise)', 'cores', 'info', (phase) => phase.stats.othersCpuShare),
};

/** The scenario a phase's rows stand under: N, the mode, the senders and what each sends. */
function scenarioOf(config: FanoutConfig, phase: FanoutPhase): string {
	switch (phase.mode) {
		case 'burst':
			return `N=${config.clients} burst ${phase.senders}x${phase.messagesPerSender}`;
		case 'burst-again':
			return `N=${config.clients} burst ${phase.senders}x${phase.messagesPerSender} again, warm (last)`;
		case 'closed':
			return `N=${config.clients} closed loop ${phase.senders}x${phase.messagesPerSender} W=${config.window}`;
		case 'paced':
			return `N=${config.clients} paced ${phase.senders}x${config.pacedRate}/s x${config.pacedSeconds}s`;
	}
}

/** Per column, the phase `mode` of the column's run least disturbed by other processes. */
export function cleanest<Column extends string>(
	runs: ReadonlyMap<Column, readonly FanoutRun[]>,
	mode: FanoutMode,
): Map<Column, FanoutPhase> {
	const chosen = new Map<Column, FanoutPhase>();
	for (const [column, list] of runs) {
		const phases = list.flatMap((run) => run.phases.filter((phase) => phase.mode === mode));
		const best = phases.sort((a, b) => a.stats.othersCpuShare - b.stats.othersCpuShare)[0];
		if (best) {
			chosen.set(column, best);
		}
	}

	return chosen;
}

/** The rows of one mode's phases, one per metric, a value per column; none when no column ran the phase. */
export function phaseFigures<Column extends string>(
	suite: string,
	config: FanoutConfig,
	phases: ReadonlyMap<Column, FanoutPhase>,
	metrics: readonly PhaseMetric[],
): Figure[] {
	const any = [...phases.values()][0];
	if (!any) {
		return [];
	}

	const scenario = scenarioOf(config, any);
	return metrics.map(({metric, unit, better, pick}) => ({
		section: 'server',
		suite,
		scenario,
		metric,
		unit,
		better,
		values: Object.fromEntries([...phases].map(([column, phase]) => [column, pick(phase)])),
	}));
}
