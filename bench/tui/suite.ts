/**
 * The TUI suite: what the client costs the SSH link and the CPU, at 100x30.
 *
 * - bytes written to the terminal per keystroke and per incoming message (targets:
 *   under 200 and under 1,000; the terminal is the SSH link, every byte crosses it);
 * - CPU time to take in incoming messages, each drawn before the next arrives, for the
 *   whole process and less a no-TUI baseline (server + sender + raw receiver);
 * - time to the first full frame: cold (`runTui` to the first frame) and for a fresh
 *   mount on a session holding the history;
 * - all of the above after a warm-up, the process's first client (scenario.ts,
 *   runWarmUp), whose own figures show what a client costs while V8 optimises it;
 * - all of it with 100 and with 10,000 messages of history (target: no more CPU per
 *   message with 10,000 than with 100);
 * - a burst of 1,000 messages sent at once against 50 single ones (target: the burst
 *   costs no more: renders are coalesced to one frame per display refresh);
 * - the RSS of one client, in a process of its own, idle and after 10,000 messages;
 * - N clients (1, 10, 50) in one process, one group, the same 200 messages: CPU per
 *   message per client and the process's RSS, as a server serving the TUI over SSH
 *   would hold them.
 */
import {FRAME_INTERVAL_MS} from '../../tui/terminal/frame-clock.js';
import type {Figure} from '../report.js';
import type {Suite, SuiteContext, SuiteResult} from '../suites/types.js';
import {letInkDraw} from './let-ink-draw.js';
import type {ScenarioConfig, ScenarioResult} from './scenario.js';

const COLUMNS = 100;
const ROWS = 30;

const FULL = {
	histories: [100, 10_000],
	keystrokes: 200,
	messagesForBytes: 200,
	messagesForCpu: 1000,
	burst: 1000,
	singles: 50,
	/**
	 * Bursts and single runs measured in turns, the least of each kept: a scenario's first
	 * bursts cost up to three times its later ones (60 to 130 ms against 30 to 55 here)
	 * while V8 and the heap settle to them, which a single run would measure instead.
	 */
	burstRounds: 3,
	rssHistory: 10_000,
	scalingClients: [1, 10, 50],
	scalingMessages: 200,
	/** The process's first client, before the scenarios (scenario.ts, runWarmUp): about 2,000 frames. */
	warmUp: {keystrokes: 200, firstMessages: 1000, moreMessages: 1000, stretch: 500, burst: 1000},
};
/** The quick run keeps the sizes that matter (history, burst) and shortens the repeats. */
const QUICK = {
	...FULL,
	keystrokes: 40,
	messagesForBytes: 40,
	messagesForCpu: 200,
	scalingMessages: 20,
	warmUp: {keystrokes: 40, firstMessages: 200, moreMessages: 200, stretch: 100, burst: 1000},
};

export const TARGETS = {bytesPerKeystroke: 200, bytesPerMessage: 1000, cpuRatio: 1} as const;

function historyLabel(history: number, entriesKept: number): string {
	const kept = entriesKept < history ? `; ${entriesKept.toLocaleString('en-US')} kept` : '';
	return `${COLUMNS}x${ROWS}, ${history.toLocaleString('en-US')} msgs of history (sent via server${kept})`;
}

function figure(scenario: string, metric: string, unit: string, better: Figure['better'], value: number): Figure {
	return {section: 'tui', suite: 'tui', scenario, metric, unit, better, values: {tui: value}};
}

function scenarioFigures(
	result: ScenarioResult,
	baselineCpuMicros: number,
	pacedBaselineCpuMicros: number,
	burstBaselineMicros: number,
): Figure[] {
	const scenario = historyLabel(result.config.history, result.entriesKept);
	return [
		figure(scenario, 'bytes per keystroke', 'B', 'lower', result.keystroke.bytes),
		figure(scenario, 'CPU per keystroke (TUI share: nothing else runs)', 'us', 'lower', result.keystroke.cpuMicros),
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
			"CPU per incoming message, whole process: from the send to the TUI's state (server, sender, TUI's intake)",
			'us',
			'info',
			result.cpu.intakeMicros,
		),
		figure(
			scenario,
			"CPU per incoming message, whole process: from the TUI's state to the frame (clock's wait, wake, render)",
			'us',
			'info',
			result.cpu.frameMicros,
		),
		figure(
			scenario,
			'CPU per incoming message, TUI (less baseline)',
			'us',
			'lower',
			result.cpu.cpuMicros - baselineCpuMicros,
		),
		figure(
			scenario,
			'CPU per incoming message, TUI (less the paced baseline)',
			'us',
			'info',
			result.cpu.cpuMicros - pacedBaselineCpuMicros,
		),
		figure(scenario, 'wall time per incoming message', 'ms', 'info', result.cpu.wallMs),
		figure(
			scenario,
			`burst of ${result.burst.messages} at once: CPU in all, whole process`,
			'ms',
			'lower',
			result.burst.cpuMicros / 1000,
		),
		figure(
			scenario,
			`burst of ${result.burst.messages} at once: CPU in all, TUI (less baseline)`,
			'ms',
			'info',
			(result.burst.cpuMicros - burstBaselineMicros) / 1000,
		),
		figure(scenario, `burst of ${result.burst.messages} at once: frames painted`, 'count', 'info', result.burst.frames),
		figure(
			scenario,
			`burst of ${result.firstBurst.messages} at once, the scenario's first: CPU in all, whole process`,
			'ms',
			'info',
			result.firstBurst.cpuMicros / 1000,
		),
		figure(
			scenario,
			`${result.singles.messages} single messages: CPU in all, whole process`,
			'ms',
			'lower',
			result.singles.cpuMicros / 1000,
		),
		figure(
			scenario,
			`${result.singles.messages} single messages: CPU in all, TUI (less baseline)`,
			'ms',
			'info',
			(result.singles.cpuMicros - baselineCpuMicros * result.singles.messages) / 1000,
		),
		figure(
			scenario,
			`${result.singles.messages} single messages: frames painted`,
			'count',
			'info',
			result.singles.frames,
		),
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
		const {runBaseline, runBurstBaseline, runHistoryRss, runScaling, runScenario, runWarmUp} =
			await import('./scenario.js');
		const {
			histories: defaultHistories,
			rssHistory,
			scalingClients,
			scalingMessages,
			warmUp: warmUpSizes,
			...base
		} = context.quick ? QUICK : FULL;
		const asked = context
			.option('tui-history')
			?.split(',')
			.map(Number)
			.filter((size) => Number.isInteger(size) && size >= 0);
		const histories = asked && asked.length > 0 ? asked : defaultHistories;
		const cpuRepeats = context.repeats ?? 1;

		context.log(
			`tui: the process's first client, ${warmUpSizes.keystrokes} keys and ${warmUpSizes.firstMessages + warmUpSizes.moreMessages} messages (warm-up)`,
		);
		const warmUp = await runWarmUp({columns: COLUMNS, rows: ROWS, ...warmUpSizes}, context.log);
		context.log(`tui baseline: ${base.messagesForCpu} messages between two raw clients, no TUI`);
		const baseline = await runBaseline(base.messagesForCpu, cpuRepeats);
		context.log(`tui paced baseline: the same, one message per ${FRAME_INTERVAL_MS} ms`);
		const pacedBaseline = await runBaseline(base.messagesForCpu, cpuRepeats, FRAME_INTERVAL_MS);
		const burstBaseline = await runBurstBaseline(base.burst, Math.max(base.burstRounds, cpuRepeats));
		const {emptyWakeMicros} = await import('./measure.js');
		const emptyWake = await emptyWakeMicros(context.quick ? 60 : 300, FRAME_INTERVAL_MS);
		const results: ScenarioResult[] = [];
		for (const history of histories) {
			context.log(`tui with ${history} messages of history`);
			const config: ScenarioConfig = {columns: COLUMNS, rows: ROWS, history, cpuRepeats, ...base};
			results.push(await runScenario(config, context.log));
		}

		context.log(`tui: one client in its own process, RSS idle and after ${rssHistory} messages`);
		const size = {columns: COLUMNS, rows: ROWS};
		const {removeClientsScript} = await import('./clients.js');
		let rss: Awaited<ReturnType<typeof runHistoryRss>>;
		let scaled: Awaited<ReturnType<typeof runScaling>>;
		try {
			rss = await runHistoryRss(rssHistory, size);
			context.log(`tui: N clients in one process, one group, ${scalingMessages} messages`);
			scaled = await runScaling(scalingClients, scalingMessages, size, context.log);
		} finally {
			removeClientsScript();
		}

		const mib = (bytes: number) => bytes / 2 ** 20;
		const first = "the process's first client (warm-up: V8 optimising as it goes)";
		const figures: Figure[] = [
			figure('startup (cold, no history)', 'runTui to first full frame', 'ms', 'lower', warmUp.firstFrameMs),
			figure(
				'startup (cold, no history)',
				'runTui to first frame online, sidebar filled',
				'ms',
				'info',
				warmUp.onlineFrameMs,
			),
			figure(first, `CPU per keystroke, its first ${warmUpSizes.keystrokes}`, 'us', 'info', warmUp.keystroke.cpuMicros),
			figure(
				first,
				`CPU per incoming message, whole process, its first ${warmUpSizes.firstMessages}`,
				'us',
				'info',
				warmUp.first.cpuMicros,
			),
			...warmUp.stretches.map((cpuMicros, index) => {
				const from = warmUpSizes.firstMessages + index * warmUpSizes.stretch + 1;
				const to = Math.min(from + warmUpSizes.stretch - 1, warmUpSizes.firstMessages + warmUpSizes.moreMessages);
				return figure(
					first,
					`CPU per incoming message, whole process, messages ${from}-${to}`,
					'us',
					'info',
					cpuMicros,
				);
			}),
			figure(
				first,
				`then a burst of ${warmUp.firstBurst.messages} at once: CPU in all, whole process`,
				'ms',
				'info',
				warmUp.firstBurst.cpuMicros / 1000,
			),
			figure(
				'baseline: server + raw sender + raw receiver, no TUI',
				'CPU per message, whole process',
				'us',
				'info',
				baseline.cpuMicros,
			),
			figure(
				'baseline: server + raw sender + raw receiver, no TUI',
				`CPU per message, whole process, one per ${FRAME_INTERVAL_MS} ms (paced as the TUI's frames)`,
				'us',
				'info',
				pacedBaseline.cpuMicros,
			),
			figure(
				'machine: a process that only sleeps and wakes',
				`CPU per wake after ${FRAME_INTERVAL_MS} ms asleep`,
				'us',
				'info',
				emptyWake,
			),
			figure(
				'baseline: server + raw sender + raw receiver, no TUI',
				`CPU for a burst of ${base.burst}`,
				'ms',
				'info',
				burstBaseline / 1000,
			),
			...results.flatMap((result) =>
				scenarioFigures(result, baseline.cpuMicros, pacedBaseline.cpuMicros, burstBaseline),
			),
			figure(
				'one client, own process',
				'RSS idle (online, empty conversation, after GC)',
				'MiB',
				'info',
				mib(rss.idleRssBytes),
			),
			figure(
				'one client, own process',
				`RSS after ${rss.history.toLocaleString('en-US')} messages (after GC)`,
				'MiB',
				'lower',
				mib(rss.rssBytes),
			),
			figure('one client, own process', 'RSS after / idle', 'x', 'lower', rss.rssBytes / rss.idleRssBytes),
			figure(
				'one client, own process',
				'JS heap used after the messages (after GC)',
				'MiB',
				'info',
				mib(rss.heapUsedBytes),
			),
			...scaled.flatMap((run) => {
				const scenario = `${run.clients} client(s) in one process, one group, ${run.messages} msgs`;
				return [
					figure(scenario, 'CPU per message per client', 'us', 'lower', run.cpuMicrosPerMessagePerClient),
					figure(scenario, 'RSS of the process (after GC)', 'MiB', 'info', mib(run.rssBytes)),
					figure(scenario, 'RSS of the process idle, before the messages', 'MiB', 'info', mib(run.idleRssBytes)),
					figure(
						scenario,
						'frames painted per client per message',
						'count',
						'info',
						run.frames / run.clients / run.messages,
					),
				];
			}),
		];
		const notes = [
			`tui: React ${process.env.NODE_ENV === 'production' ? 'production' : 'development'} build (NODE_ENV=${process.env.NODE_ENV ?? 'unset'}); \`chat tui\` runs the production build (bin/chat.ts sets NODE_ENV), and so does \`npm run bench\`.`,
			'tui: one process holds the server, the raw sender and the TUI, so "whole process" CPU includes them; "less baseline" subtracts the same messages between two raw clients.',
			`tui: the TUI's messages come one per frame, ${FRAME_INTERVAL_MS} ms apart, and the process sleeps between them; the baseline's come back to back. The same work costs more after a wake from idle, the server's too, so "less the paced baseline" subtracts the raw clients' messages sent one per ${FRAME_INTERVAL_MS} ms: the TUI's own share at the same pace (docs/PERFORMANCE.md, third pass).`,
			'tui: history is preloaded by sending the messages through the server before the measured phases; the client keeps at most a bounded number of entries per conversation.',
			`tui: the scenarios run after the process's first client has typed ${warmUpSizes.keystrokes} keys, drawn ${warmUpSizes.firstMessages + warmUpSizes.moreMessages} messages one by one and a burst of ${warmUpSizes.burst}, so every scenario measures code V8 has optimised, as in a client that has been up a while (the SSH suite's steady phase likewise); that first client's own figures, the JIT's warm-up in them, are printed as they fell.`,
			...targetNotes(results, baseline.cpuMicros),
		];
		notes.push(
			`tui: one client's RSS after ${rss.history.toLocaleString('en-US')} messages is ${(rss.rssBytes / rss.idleRssBytes).toFixed(2)}x its idle RSS (target: at most 2x); JS heap ${mib(rss.idleHeapUsedBytes).toFixed(1)} -> ${mib(rss.heapUsedBytes).toFixed(1)} MiB.`,
		);
		for (const result of results) {
			// Whole process: the burst's server work counts against it, so the comparison is on the safe side.
			notes.push(
				`tui (${result.config.history} of history): a burst of ${result.burst.messages} cost ${(result.burst.cpuMicros / result.singles.cpuMicros).toFixed(2)}x the CPU of ${result.singles.messages} single messages, whole process (target: at most 1x), in ${result.burst.frames} frames against ${result.singles.frames}; the least of ${Math.max(result.config.burstRounds, result.config.cpuRepeats)} rounds each, the scenario's first burst ${(result.firstBurst.cpuMicros / 1000).toFixed(1)} ms.`,
			);
		}

		return {figures, raw: {warmUp, emptyWake, baseline, pacedBaseline, burstBaseline, results, rss, scaled}, notes};
	},
};
