/**
 * Cluster fan-out suite: the fan-out load (bench/load/fanout.ts) with the group's
 * members spread over 1, 2 and 3 chat nodes (`chat serve --nats`) on one 3-member NATS
 * JetStream cluster, beside the single-node server with its SQLite store (`chat`).
 * Every node and NATS server is a process on this machine, so the figure that means
 * something here is CPU per delivery (all nodes and all NATS servers together): what
 * going through the bus costs. Deliveries/s on 2 cores shared by up to 6 processes says
 * little about separate machines (docs/CLUSTER.md says what it would give there).
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {startNatsCluster, type NatsCluster} from '../../server/cluster/nats-servers.js';
import {runFanout, type FanoutConfig, type FanoutRun} from '../load/fanout.js';
import type {Figure} from '../report.js';
import {spawnServer, type ServerHandle} from '../spawn-server.js';
import {CHAT_BENCH_FLAGS, CHAT_NODE_ARGS, ROOT, chat} from '../targets.js';
import {cleanest, METRIC, phaseFigures, phaseMetric, type PhaseMetric} from './fanout-figures.js';
import {FANOUT_LOAD} from './fanout.js';
import type {Suite, SuiteResult} from './types.js';

const CHAT_ENTRY = path.join(ROOT, 'dist', 'bin', 'chat.js');
const NODE_COUNTS = [1, 2, 3] as const;

const FULL: FanoutConfig = {...FANOUT_LOAD, clients: 100, burstMessages: 500};
const QUICK: FanoutConfig = {
	...FANOUT_LOAD,
	clients: 30,
	senders: 3,
	burstMessages: 100,
	pacedSeconds: 1,
	stallMs: 5000,
	phaseCapMs: 30_000,
	quietTimeoutMs: 2000,
};

/** `count` chat nodes on `nats`, each having heard from all the others (so each delivers to the others' users). */
async function startNodes(nats: NatsCluster, count: number): Promise<ServerHandle[]> {
	const nodes: ServerHandle[] = [];
	try {
		for (let index = 0; index < count; index++) {
			nodes.push(
				await spawnServer({
					label: `chat-node-${index + 1}`,
					argv: [
						'node',
						...CHAT_NODE_ARGS,
						CHAT_ENTRY,
						'serve',
						'--host',
						'127.0.0.1',
						'--port',
						'0',
						...CHAT_BENCH_FLAGS,
						'--nats',
						nats.urls,
					],
					cwd: ROOT,
				}),
			);
		}

		// Heartbeats every second: bounded by a few of them.
		const deadline = performance.now() + 15_000;
		while (!nodes.every((node) => (node.output().match(/event=cluster_node_up/g) ?? []).length >= count - 1)) {
			if (performance.now() > deadline) {
				throw new Error(
					`the chat nodes did not all hear from each other:\n${nodes.map((node) => node.output()).join('\n')}`,
				);
			}

			await new Promise((resolve) => setTimeout(resolve, 50));
		}

		return nodes;
	} catch (error) {
		await Promise.all(nodes.map((node) => node.stop()));
		throw error;
	}
}

type Variant = 'chat' | `cluster-${number}`;

async function runVariant(variant: Variant, config: FanoutConfig, log: (message: string) => void): Promise<FanoutRun> {
	if (variant === 'chat') {
		const server = await chat.start();
		try {
			return await runFanout(server, config, log);
		} finally {
			await server.stop();
		}
	}

	const count = Number(variant.slice('cluster-'.length));
	const dir = mkdtempSync(path.join(tmpdir(), 'chat-bench-nats-'));
	const nats = await startNatsCluster(dir);
	try {
		const nodes = await startNodes(nats, count);
		const [first, ...rest] = nodes;
		const whole: ServerHandle = {
			...first!,
			async stop(graceMs) {
				const [exit] = await Promise.all(nodes.map((node) => node.stop(graceMs)));
				return exit!;
			},
		};
		try {
			return await runFanout(whole, config, log, {
				ports: nodes.map((node) => node.port),
				pids: [...rest.map((node) => node.pid), ...nats.servers.map((server) => server.pid)],
			});
		} finally {
			await whole.stop();
		}
	} finally {
		await nats.stop();
		rmSync(dir, {recursive: true, force: true});
	}
}

/** The rows of each phase: what the cluster costs, and whether it delivered everything. */
const METRICS: readonly PhaseMetric[] = [
	METRIC.deliveriesPerSec,
	METRIC.latencyP50,
	METRIC.latencyP99,
	METRIC.lost,
	METRIC.duplicates,
	phaseMetric('missing acks', 'count', 'zero', (phase) => phase.expectedAcks - phase.acks),
	METRIC.serverCpu('CPU, all nodes and NATS (user+sys)'),
	METRIC.cpuPerDelivery('CPU per delivery'),
	METRIC.generatorCpu,
	METRIC.othersCpu,
];

export const clusterSuite: Suite = {
	name: 'cluster',
	section: 'server',
	description:
		'fan-out with the group split over 1, 2 and 3 chat nodes on a 3-member NATS JetStream cluster, beside the single SQLite server: CPU per delivery (nodes + NATS), deliveries/s, p99, losses',
	async run(context): Promise<SuiteResult> {
		const config = context.quick ? QUICK : FULL;
		const variants: Variant[] = ['chat', ...NODE_COUNTS.map((count): Variant => `cluster-${count}`)];
		const runs = new Map<Variant, FanoutRun[]>();
		const notes: string[] = [
			'cluster: every chat node and NATS server runs on this machine; CPU per delivery sums all of them (cluster-k) or the one server (chat). Peak RSS is not compared.',
		];
		const raw: Array<{variant: Variant; run?: FanoutRun; error?: string}> = [];
		for (const variant of variants) {
			context.log(`cluster fan-out N=${config.clients} on ${variant}`);
			try {
				const run = await runVariant(variant, config, context.log);
				runs.set(variant, [run]);
				raw.push({variant, run});
			} catch (error) {
				const message = (error as Error).message;
				raw.push({variant, error: message});
				notes.push(`cluster on ${variant} failed: ${message.split('\n')[0]}`);
				context.log(`  failed: ${message}`);
			}
		}

		const out: Figure[] = [];
		for (const mode of ['burst', 'paced'] as const) {
			// One run per variant: its phase.
			out.push(...phaseFigures('cluster', config, cleanest(runs, mode), METRICS));
		}

		return {figures: out, raw, notes};
	},
};
