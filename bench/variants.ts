/**
 * Variants of chat in one run, interleaved: builds and node flags side by side, server
 * CPU per delivery in the fan-out's burst and closed loop, with the median of many
 * rounds. `npm run bench` gives every chat target the same BENCH_CHAT_NODE_ARGS, so a
 * flag could only be compared across runs, and on this shared machine one run's CPU per
 * delivery moves by 15-20% from the next: a change of a few percent needs rounds in
 * turns, variant after variant, read as medians.
 *
 *   node --import=tsx bench/variants.ts [--rounds=6] [--clients=100,1000] [--modes=burst,closed] \
 *     'main=/tmp/base/dist/bin/chat.js' 'head=dist/bin/chat.js' 'head-stgc=dist/bin/chat.js|--single-threaded-gc'
 *
 * A variant is `name=<chat.js>` and, after a `|`, its node flags (space-separated), given
 * after the ones `chat` starts node with (bin/node-flags.ts; `--memory-reducer` undoes
 * `--no-memory-reducer`). Each server runs with the `chat` target's command line
 * (`chatServerArgv`: the store on a fresh data directory, rate limit and idle timeout
 * off), and is stopped by its PID.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {runFanout, type FanoutMode} from './load/fanout.js';
import {killAllServers, spawnServer} from './spawn-server.js';
import {FULL} from './suites/fanout.js';
import {CHAT_BENCH_FLAGS, chatServerArgv, ROOT} from './targets.js';

interface Variant {
	readonly name: string;
	readonly entry: string;
	readonly nodeArgs: readonly string[];
}

function option(name: string, fallback: string): string {
	return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
}

function parseVariant(arg: string): Variant {
	const equals = arg.indexOf('=');
	const [entry = '', flags = ''] = arg.slice(equals + 1).split('|');
	if (equals < 1 || entry === '') {
		throw new Error(`a variant is name=<chat.js>[|node flags], not ${arg}`);
	}

	return {name: arg.slice(0, equals), entry: path.resolve(entry), nodeArgs: flags.split(' ').filter(Boolean)};
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One server of `variant` under one fan-out: CPU per delivery (µs) per phase. */
async function runOnce(
	variant: Variant,
	clients: number,
	modes: readonly FanoutMode[],
): Promise<Map<FanoutMode, number>> {
	const config = FULL.find((candidate) => candidate.clients === clients);
	if (!config) {
		throw new Error(`--clients takes ${FULL.map((candidate) => candidate.clients).join(' or ')}`);
	}

	const dataDir = mkdtempSync(path.join(tmpdir(), 'chat-bench-data-'));
	try {
		const server = await spawnServer({
			label: variant.name,
			argv: chatServerArgv(variant.entry, dataDir, CHAT_BENCH_FLAGS, variant.nodeArgs),
			cwd: ROOT,
		});
		// runFanout stops the server when it is done (killAllServers, below, if it failed before).
		const run = await runFanout(server, {...config, modes}, () => {});
		const figures = new Map<FanoutMode, number>();
		for (const phase of run.phases) {
			if (phase.lost + phase.duplicates + phase.outOfOrder > 0) {
				throw new Error(`${variant.name}: ${phase.mode} lost, duplicated or reordered messages`);
			}

			figures.set(phase.mode, (phase.stats.serverCpu.totalMs * 1000) / phase.deliveries);
		}

		return figures;
	} finally {
		rmSync(dataDir, {recursive: true, force: true});
	}
}

async function main(): Promise<void> {
	const variants = process.argv
		.slice(2)
		.filter((arg) => !arg.startsWith('--'))
		.map(parseVariant);
	if (variants.length === 0) {
		throw new Error("name one variant or more: 'name=<chat.js>[|node flags]'");
	}

	const rounds = Number(option('rounds', '6'));
	const clientCounts = option('clients', '100').split(',').map(Number);
	const modes = option('modes', 'burst,closed').split(',') as FanoutMode[];
	const figures = new Map<string, number[]>();
	for (let round = 0; round < rounds; round++) {
		// Every other round in the reverse order, so no variant always follows the same one.
		const order = round % 2 === 0 ? variants : [...variants].reverse();
		for (const clients of clientCounts) {
			for (const variant of order) {
				for (const [mode, perDelivery] of await runOnce(variant, clients, modes)) {
					const key = `N=${clients} ${mode} ${variant.name}`;
					figures.set(key, [...(figures.get(key) ?? []), perDelivery]);
					process.stderr.write(`round ${round + 1}/${rounds} ${key}: ${perDelivery.toFixed(3)} µs per delivery\n`);
				}
			}
		}
	}

	console.log('server CPU per delivery (µs): median, min, every round');
	for (const [key, values] of figures) {
		console.log(
			`${key.padEnd(36)} ${median(values).toFixed(3)}  ${Math.min(...values).toFixed(3)}  ${values.map((value) => value.toFixed(3)).join(' ')}`,
		);
	}
}

try {
	await main();
} catch (error) {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
} finally {
	killAllServers();
}
