/** Idle scale suite: 1k, 5k, 10k registered idle connections; RSS per 1k and one message to all. */
import {runIdle, type IdleConfig, type IdleRun} from '../load/idle.js';
import {GC_HOOK} from '../measure/process-stats.js';
import type {Figure} from '../report.js';
import type {TargetName} from '../targets.js';
import type {Suite, SuiteResult} from './types.js';

export const FULL: IdleConfig = {
	steps: [1000, 5000, 10_000],
	broadcasts: 3,
	budgetMs: 120_000,
	settleMs: 500,
	settledMs: 20_000,
};
export const QUICK: IdleConfig = {steps: [200, 500], broadcasts: 3, budgetMs: 30_000, settleMs: 300, settledMs: 0};

/** Seconds to register n users from none at `perSec` presence lines/s (n(n-1)/2 lines). */
function projectedSeconds(n: number, perSec: number): number {
	return (n * (n - 1)) / 2 / perSec;
}

export const idleSuite: Suite = {
	name: 'idle',
	section: 'server',
	description: 'registered idle connections: server RSS over its baseline per 1,000, time for one message to reach all',
	options: {
		'idle-budget':
			'seconds one target may take for all steps (default 120, quick 30): registering N users costs N^2/2 presence lines',
		'idle-steps': 'comma-separated connection counts (default 1000,5000,10000)',
		'idle-settle':
			'seconds a server is left idle before its settled RSS is read, at the start and after each step (default 20, quick 0: not read)',
	},
	async run(context): Promise<SuiteResult> {
		const base = context.quick ? QUICK : FULL;
		const budget = Number(context.option('idle-budget'));
		const settle = context.option('idle-settle');
		const steps = context
			.option('idle-steps')
			?.split(',')
			.map(Number)
			.filter((count) => Number.isInteger(count) && count > 0);
		const config: IdleConfig = {
			...base,
			budgetMs: budget > 0 ? budget * 1000 : base.budgetMs,
			settledMs: settle !== undefined && Number(settle) >= 0 ? Number(settle) * 1000 : base.settledMs,
			steps: steps && steps.length > 0 ? steps.sort((a, b) => a - b) : base.steps,
		};
		const runs = new Map<TargetName, IdleRun>();
		const raw: Array<{target: TargetName; run?: IdleRun; error?: string}> = [];
		const notes: string[] = [];
		for (const target of context.targets) {
			context.log(`idle ${config.steps.join('/')} on ${target.name} (budget ${config.budgetMs / 1000} s)`);
			try {
				// The GC hook lets the suite read RSS with the garbage collected (measure/gc-hook.cjs).
				const server = await target.start({nodeArgs: ['--require', GC_HOOK]});
				try {
					const run = await runIdle(server, config, context.log);
					runs.set(target.name, run);
					raw.push({target: target.name, run});
					if (run.stoppedEarly) {
						const partial = run.steps.find((step) => !step.complete);
						const last = config.steps[config.steps.length - 1]!;
						const projection =
							partial && partial.presencePerSec > 0
								? ` At the ${(partial.presencePerSec / 1000).toFixed(0)}k presence lines/s it reached, registering ${last} from none would take ~${projectedSeconds(last, partial.presencePerSec).toFixed(0)} s.`
								: '';
						notes.push(`idle on ${target.name} stopped early: ${run.stoppedEarly}.${projection}`);
					}
				} finally {
					await server.stop();
				}
			} catch (error) {
				const message = (error as Error).message;
				raw.push({target: target.name, error: message});
				notes.push(`idle on ${target.name} failed: ${message.split('\n')[0]}`);
				context.log(`  failed: ${message}`);
			}
		}

		const figures: Figure[] = [];
		const figure = (
			scenario: string,
			metric: string,
			unit: string,
			better: Figure['better'],
			pick: (run: IdleRun) => number | undefined,
		): Figure => ({
			section: 'server',
			suite: 'idle',
			scenario,
			metric,
			unit,
			better,
			values: Object.fromEntries([...runs].map(([target, run]) => [target, pick(run)])),
		});
		figures.push(
			figure('baseline', 'server RSS, no connections', 'MiB', 'lower', (run) => run.baselineAtOnceRssKb / 1024),
			figure(
				'baseline',
				'server RSS, no connections, settled',
				'MiB',
				'lower',
				(run) => run.baselineSettledRssKb / 1024,
			),
			figure('baseline', 'server RSS, no connections, after GC', 'MiB', 'lower', (run) => run.baselineRssKb / 1024),
		);
		for (const connections of config.steps) {
			const at = (run: IdleRun) => run.steps.find((step) => step.connections === connections);
			const done = (run: IdleRun) => (at(run)?.complete ? at(run) : undefined);
			const scenario = `${connections} idle`;
			figures.push(
				figure(scenario, 'registered (of ' + connections + ')', 'count', 'info', (run) => at(run)?.registered),
				figure(scenario, 'server RSS over baseline per 1k, after GC', 'MiB', 'lower', (run) =>
					of(done(run), (step) => step.liveRssPerThousandKb / 1024),
				),
				figure(scenario, 'server RSS over baseline per 1k, settled', 'MiB', 'lower', (run) =>
					of(done(run), (step) => step.settledRssPerThousandKb / 1024),
				),
				figure(scenario, 'server RSS over baseline per 1k, at once', 'MiB', 'lower', (run) =>
					of(done(run), (step) => step.rssPerThousandKb / 1024),
				),
				figure(scenario, 'server RSS, after GC', 'MiB', 'lower', (run) =>
					of(done(run), (step) => step.liveRssKb / 1024),
				),
				figure(scenario, 'one message to all (median)', 'ms', 'lower', (run) => done(run)?.broadcastMedianMs),
				figure(scenario, 'register step + drain presence', 's', 'lower', (run) =>
					of(at(run), (step) => step.drainMs / 1000),
				),
				figure(scenario, 'presence lines/s received', 'k/s', 'info', (run) =>
					of(at(run), (step) => step.presencePerSec / 1000),
				),
				figure(scenario, 'server CPU for that step', 's', 'lower', (run) =>
					of(at(run), (step) => step.serverCpuMs / 1000),
				),
			);
		}

		notes.push(
			'idle: the relay sends no presence events; chat sends ONLINE to every registered user on each registration (N^2/2 lines in all), so registration figures compare different work.',
		);
		return {figures, raw, notes};
	},
};

/** A figure read from a step, or nothing when the step did not happen (or did not complete). */
function of<Step>(step: Step | undefined, read: (step: Step) => number): number | undefined {
	return step === undefined ? undefined : read(step);
}
