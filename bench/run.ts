/**
 * `npm run bench`: runs the suites of the registry against our server (`chat`, from
 * dist/), the minimal relay (`relay`) and ngircd when it is installed, prints a table
 * with chat/relay and chat/ngircd ratios and
 * writes the raw figures to bench/results/<timestamp>.json and latest.json.
 *
 *   node --import=tsx bench/run.ts [--quick] [--only=fanout,idle] [--targets=relay,chat] [--repeat=n] [--list]
 *
 * Loopback only. Every server it starts is stopped by PID: after each scenario, and on
 * failure, Ctrl-C or a watchdog that ends an overlong run.
 */
import {execFileSync} from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import {formatTable, writeReport, type BenchReport, type Figure, type Section, type SuiteReport} from './report.js';
import {killAllServers} from './spawn-server.js';
import {allSuites} from './suites/index.js';
import type {Suite} from './suites/types.js';
import {removeRelayScript, ROOT, TARGETS, type Target} from './targets.js';

interface Options {
	readonly quick: boolean;
	readonly only: readonly string[] | undefined;
	readonly targets: readonly string[];
	readonly list: boolean;
	readonly repeats: number | undefined;
	value(name: string): string | undefined;
}

const RUNNER_OPTIONS = /^--(quick|list|only=.*|targets=.*|repeat=\d+)$/;

function parseOptions(argv: readonly string[], suites: readonly Suite[]): Options {
	const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
	const list = (name: string) => value(name)?.split(',').filter(Boolean);
	const suiteOptions = suites.flatMap((suite) => Object.keys(suite.options ?? {}));
	for (const arg of argv) {
		const name = /^--([\w-]+)=/.exec(arg)?.[1];
		if (!RUNNER_OPTIONS.test(arg) && !(name !== undefined && suiteOptions.includes(name))) {
			const known = [
				'--quick',
				'--list',
				'--only=<suite,...>',
				'--targets=<relay,chat,chat-memory,ngircd,relay-batched,relay-nodelay,chat-limits,chat-base>',
				'--repeat=<n>',
				...suiteOptions.map((option) => `--${option}=<value>`),
			];
			throw new Error(`Unknown option ${arg}. Options: ${known.join(' ')}`);
		}
	}

	return {
		quick: argv.includes('--quick'),
		only: list('only'),
		targets: list('targets') ?? ['relay', 'chat', 'chat-memory', 'ngircd'],
		list: argv.includes('--list'),
		repeats: value('repeat') === undefined ? undefined : Math.max(1, Math.min(10, Number(value('repeat')))),
		value,
	};
}

function cleanUp(): void {
	killAllServers();
	removeRelayScript();
}

function machine(): Record<string, unknown> {
	let commit: string | undefined;
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim();
	} catch {
		commit = undefined;
	}

	return {
		node: process.version,
		platform: `${os.platform()} ${os.release()}`,
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model,
		memoryMiB: Math.round(os.totalmem() / 2 ** 20),
		loadAverageAtStart: os.loadavg(),
		commit,
	};
}

async function main(): Promise<number> {
	const suites = await allSuites();
	const options = parseOptions(process.argv.slice(2), suites);
	if (options.list) {
		for (const suite of suites) {
			console.log(`${suite.name.padEnd(12)} ${suite.section.padEnd(7)} ${suite.description}`);
			for (const [name, description] of Object.entries(suite.options ?? {})) {
				console.log(`${''.padEnd(21)}--${name}=<value>  ${description}`);
			}
		}

		return 0;
	}

	const selected = suites.filter((suite) => options.only === undefined || options.only.includes(suite.name));
	const unknown = (options.only ?? []).filter((name) => !suites.some((suite) => suite.name === name));
	if (unknown.length > 0) {
		throw new Error(`Unknown suite(s): ${unknown.join(', ')}. --list shows them.`);
	}

	const log = (message: string) => process.stderr.write(`${message}\n`);
	const targets: Target[] = [];
	const notes: string[] = [];
	for (const name of options.targets) {
		const target = TARGETS.find((candidate) => candidate.name === name);
		if (!target) {
			throw new Error(`Unknown target ${name}; targets: ${TARGETS.map((candidate) => candidate.name).join(', ')}`);
		}

		const reason = target.unavailable();
		if (reason) {
			notes.push(`target ${name} skipped: ${reason}`);
			log(`target ${name} skipped: ${reason}`);
		} else {
			targets.push(target);
		}
	}

	const startedAt = new Date();
	const began = performance.now();
	const reports: Record<Section, SuiteReport[]> = {server: [], tui: []};
	const figures: Figure[] = [];
	for (const suite of selected) {
		const suiteStart = performance.now();
		log(`== ${suite.name} (${suite.section})`);
		let error: string | undefined;
		let raw: unknown;
		let suiteNotes: string[] = [];
		try {
			const result = await suite.run({
				quick: options.quick,
				targets,
				repeats: options.repeats,
				log,
				option: options.value,
			});
			figures.push(...result.figures);
			raw = result.raw;
			suiteNotes = result.notes;
		} catch (caught) {
			error = (caught as Error).stack ?? String(caught);
			suiteNotes = [`suite ${suite.name} failed: ${(caught as Error).message}`];
			log(error);
		} finally {
			// Whatever a suite left running stops here.
			killAllServers();
		}

		notes.push(...suiteNotes);
		reports[suite.section].push({
			name: suite.name,
			section: suite.section,
			description: suite.description,
			durationMs: performance.now() - suiteStart,
			error,
			notes: suiteNotes,
			raw,
		});
	}

	const report: BenchReport = {
		schema: 1,
		startedAt: startedAt.toISOString(),
		durationMs: performance.now() - began,
		options: {
			quick: options.quick,
			only: options.only,
			repeats: options.repeats,
			targets: targets.map((target) => target.name),
			argv: process.argv.slice(2),
		},
		machine: machine(),
		sections: reports,
		figures,
	};
	for (const section of ['server', 'tui'] as const) {
		const table = formatTable(figures.filter((figure) => figure.section === section));
		console.log(
			`\n## ${section === 'server' ? 'Server (chat vs the relay, the floor, and ngircd, the bar; chat/x < 1 is better for times/CPU/RSS, > 1 for rates)' : 'TUI'}\n`,
		);
		console.log(table === '' ? (section === 'tui' ? '(no TUI figures in this run)' : '(no figures)') : table);
	}

	if (notes.length > 0) {
		console.log('\nNotes:');
		for (const note of notes) {
			console.log(`- ${note}`);
		}
	}

	const file = writeReport(path.join(ROOT, 'bench', 'results'), report);
	console.log(
		`\nRaw figures: ${path.relative(ROOT, file)} (and bench/results/latest.json); ${(report.durationMs / 1000).toFixed(1)} s in all.`,
	);
	const failed = [...reports.server, ...reports.tui].some((suite) => suite.error !== undefined);
	return failed ? 1 : 0;
}

process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		process.stderr.write(`\n${signal}: stopping every server started\n`);
		cleanUp();
		process.exit(130);
	});
}

// Bounded in time whatever happens: a run that hangs is ended, its servers killed.
const watchdogMs = (process.argv.includes('--quick') ? 3 : 20) * 60_000;
setTimeout(() => {
	process.stderr.write(`bench: watchdog: still running after ${watchdogMs / 60_000} min, stopping\n`);
	cleanUp();
	process.exit(2);
}, watchdogMs).unref();

main().then(
	(code) => {
		cleanUp();
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		cleanUp();
		process.exitCode = 1;
	},
);
