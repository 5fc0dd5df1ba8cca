/**
 * CPU profile of a server under the 100-client fan-out load (10 senders x 2,000
 * messages in a burst, the same in a closed loop, then the paced phase): the server runs with `node --cpu-prof`, is stopped
 * with SIGTERM so it writes the profile on its way out, and the profile's self time
 * per function is summarised (bench/profile-summary.ts).
 *
 *   node --import=tsx bench/profile.ts [--target=chat|relay] [--dir=/tmp/prof] [--top=25] [--quick] [--phase=burst|closed|paced|all] [--clients=N]
 */
import {mkdirSync, readdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {runFanout, type FanoutMode} from './load/fanout.js';
import {formatSummary, summarise} from './profile-summary.js';
import {killAllServers} from './spawn-server.js';
import {FULL, QUICK} from './suites/fanout.js';
import {removeRelayScript, TARGETS} from './targets.js';

function option(name: string, fallback: string): string {
	return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
}

async function main(): Promise<void> {
	const target = TARGETS.find((candidate) => candidate.name === option('target', 'chat'));
	if (!target) {
		throw new Error(`--target is one of ${TARGETS.map((candidate) => candidate.name).join(', ')}`);
	}

	const reason = target.unavailable();
	if (reason) {
		throw new Error(`${target.name}: ${reason}`);
	}

	const directory = path.resolve(option('dir', '/tmp/prof'));
	mkdirSync(directory, {recursive: true});
	for (const file of readdirSync(directory).filter((name) => name.endsWith('.cpuprofile'))) {
		rmSync(path.join(directory, file));
	}

	const base = process.argv.includes('--quick')
		? QUICK[0]!
		: (FULL.find((candidate) => candidate.clients === Number(option('clients', '100'))) ?? FULL[0]!);
	const phase = option('phase', 'all');
	const config = {...base, modes: phase === 'all' ? undefined : (phase.split(',') as FanoutMode[])};
	const log = (message: string) => process.stderr.write(`${message}\n`);
	log(
		`profiling ${target.name} under fan-out N=${config.clients}, ${config.senders}x${config.burstMessages} burst + paced (${phase}); profiles in ${directory}`,
	);
	const server = await target.start({nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${directory}`], stopGraceMs: 30_000});
	// runFanout stops the server (SIGTERM): the profile is written as it exits.
	await runFanout(server, config, log);
	const exit = await server.stop();
	const files = readdirSync(directory).filter((name) => name.endsWith('.cpuprofile'));
	if (files.length === 0) {
		throw new Error(`no .cpuprofile in ${directory}: the server did not exit cleanly (${JSON.stringify(exit)})`);
	}

	for (const file of files) {
		console.log(formatSummary(summarise(path.join(directory, file)), Number(option('top', '25'))));
	}
}

try {
	await main();
} catch (error) {
	process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
} finally {
	killAllServers();
	removeRelayScript();
}
