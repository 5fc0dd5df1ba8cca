/**
 * The TUI suite: what the client costs the SSH link and the CPU, at 100x30.
 *
 * - bytes written to the terminal per keystroke and per incoming message (targets:
 *   under 200 and under 1,000; the terminal is the SSH link, every byte crosses it);
 * - CPU time to take in incoming messages, each drawn before the next arrives, for the
 *   whole process and less a no-TUI baseline (server + sender + raw receiver);
 * - time to the first full frame: cold (`runTui` to the first frame) and for a fresh
 *   mount on a session holding the history;
 * - all of it with 100 and with 100,000 messages of history (target: no more CPU per
 *   message with 100,000 than with 100).
 */
import type {Figure} from '../report.js';
import type {Suite, SuiteContext, SuiteResult} from '../suites/types.js';
import type {ScenarioConfig, ScenarioResult} from './scenario.js';

const COLUMNS = 100;
const ROWS = 30;

const FULL = {histories: [100, 100_000], keystrokes: 200, messagesForBytes: 200, messagesForCpu: 1000};
const QUICK = {histories: [100, 10_000], keystrokes: 40, messagesForBytes: 40, messagesForCpu: 200};

export const TARGETS = {bytesPerKeystroke: 200, bytesPerMessage: 1000, cpuRatio: 1} as const;

/**
 * Ink reads CI once, when it is first loaded, and under CI draws nothing until it
 * unmounts: every wait for a frame would time out. The fake terminal here is a
 * terminal, so Ink is told it is not in CI before it is loaded (a dynamic import).
 */
function letInkDraw(): void {
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
		if (name in process.env) {
			process.env[name] = 'false';
		}
	}
}

function historyLabel(history: number, entriesKept: number): string {
	const kept = entriesKept < history ? `; ${entriesKept.toLocaleString('en-US')} kept` : '';
	return `${COLUMNS}x${ROWS}, ${history.toLocaleString('en-US')} msgs of history (sent via server${kept})`;
}

function figure(scenario: string, metric: string, unit: string, better: Figure['better'], value: number): Figure {
	return {section: 'tui', suite: 'tui', scenario, metric, unit, better, values: {tui: value}};
}

function scenarioFigures(result: ScenarioResult, baselineCpuMicros: number): Figure[] {
	const scenario = historyLabel(result.config.history, result.entriesKept);
	return [
		figure(scenario, 'bytes per keystroke', 'B', 'lower', result.keystroke.bytes),
		figure(scenario, 'CPU per keystroke, whole process', 'us', 'lower', result.keystroke.cpuMicros),
		figure(scenario, 'bytes per incoming message', 'B', 'lower', result.bytesPerMessage),
		figure(
			scenario,
			`CPU per incoming message, whole process (of ${result.config.messagesForCpu})`,
			'us',
			'lower',
			result.cpu.cpuMicros,
		),
		figure(
			scenario,
			'CPU per incoming message, TUI (less baseline)',
			'us',
			'lower',
			result.cpu.cpuMicros - baselineCpuMicros,
		),
		figure(scenario, 'wall time per incoming message', 'ms', 'info', result.cpu.wallMs),
		figure(scenario, 'first full frame, fresh mount on this session', 'ms', 'lower', result.freshMountFrameMs),
		figure(scenario, 'preload of the history (not measured)', 's', 'info', result.preloadSeconds),
	];
}

function targetNotes(results: readonly ScenarioResult[], baseline: number): string[] {
	const notes: string[] = [];
	for (const result of results) {
		const label = `${result.config.history} of history`;
		if (result.keystroke.bytes >= TARGETS.bytesPerKeystroke) {
			notes.push(
				`tui (${label}): ${result.keystroke.bytes.toFixed(0)} bytes per keystroke, over the ${TARGETS.bytesPerKeystroke} target.`,
			);
		}

		if (result.bytesPerMessage >= TARGETS.bytesPerMessage) {
			notes.push(
				`tui (${label}): ${result.bytesPerMessage.toFixed(0)} bytes per incoming message, over the ${TARGETS.bytesPerMessage} target.`,
			);
		}
	}

	const [small, large] = [results[0], results.at(-1)];
	if (small && large && large !== small) {
		const ratio = (large.cpu.cpuMicros - baseline) / (small.cpu.cpuMicros - baseline);
		notes.push(
			`tui: CPU per incoming message (TUI share) with ${large.config.history.toLocaleString('en-US')} vs ${small.config.history} of history: ` +
				`${ratio.toFixed(2)}x (target: at most ${TARGETS.cpuRatio}x, noise aside).`,
		);
	}

	return notes;
}

export const tuiSuite: Suite = {
	name: 'tui',
	section: 'tui',
	description: `the TUI at ${COLUMNS}x${ROWS} (runTui on a fake terminal, real server in-process): bytes per keystroke and per message, CPU per message, first frame; 100 vs 100,000 messages of history`,
	options: {
		'tui-history': 'comma-separated history sizes (default 100,100000; quick 100,10000)',
	},
	async run(context: SuiteContext): Promise<SuiteResult> {
		letInkDraw();
		const {runBaseline, runScenario} = await import('./scenario.js');
		const {histories: defaultHistories, ...base} = context.quick ? QUICK : FULL;
		const asked = context
			.option('tui-history')
			?.split(',')
			.map(Number)
			.filter((size) => Number.isInteger(size) && size >= 0);
		const histories = asked && asked.length > 0 ? asked : defaultHistories;
		const cpuRepeats = context.repeats ?? 1;

		context.log(`tui baseline: ${base.messagesForCpu} messages between two raw clients, no TUI`);
		const baseline = await runBaseline(base.messagesForCpu, cpuRepeats);
		const results: ScenarioResult[] = [];
		for (const history of histories) {
			context.log(`tui with ${history} messages of history`);
			const config: ScenarioConfig = {columns: COLUMNS, rows: ROWS, history, cpuRepeats, ...base};
			results.push(await runScenario(config, context.log));
		}

		const cold = results[0]!;
		const figures: Figure[] = [
			figure('startup (cold, no history)', 'runTui to first full frame', 'ms', 'lower', cold.firstFrameMs),
			figure(
				'startup (cold, no history)',
				'runTui to first frame online, sidebar filled',
				'ms',
				'info',
				cold.onlineFrameMs,
			),
			figure(
				'baseline: server + raw sender + raw receiver, no TUI',
				'CPU per message, whole process',
				'us',
				'info',
				baseline.cpuMicros,
			),
			...results.flatMap((result) => scenarioFigures(result, baseline.cpuMicros)),
		];
		const notes = [
			`tui: React ${process.env.NODE_ENV === 'production' ? 'production' : 'development'} build (NODE_ENV=${process.env.NODE_ENV ?? 'unset'}); \`chat tui\` runs the production build (bin/chat.ts sets NODE_ENV), and so does \`npm run bench\`.`,
			'tui: one process holds the server, the raw sender and the TUI, so "whole process" CPU includes them; "less baseline" subtracts the same messages between two raw clients.',
			'tui: history is preloaded by sending the messages through the server before the measured phases; the client keeps at most a bounded number of entries per conversation.',
			...targetNotes(results, baseline.cpuMicros),
		];
		return {figures, raw: {baseline, results}, notes};
	},
};
