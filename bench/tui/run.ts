/**
 * The TUI benchmark on its own, with its own table:
 *
 *   node --import=tsx bench/tui/run.ts [--quick] [--repeat=n] [--tui-history=100,100000]
 *
 * The same suite `npm run bench` runs (bench/tui/suite.ts); nothing is written to
 * bench/results/ from here. Everything it starts lives in this process and is closed
 * when it ends; a watchdog ends a run that hangs.
 */
import {formatTable} from '../report.js';
import {tuiSuite} from './suite.js';

const argv = process.argv.slice(2);
const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
for (const arg of argv) {
	if (!/^--(quick|repeat=\d+|tui-history=[\d,]+)$/.test(arg)) {
		process.stderr.write(`Unknown option ${arg}. Options: --quick --repeat=<n> --tui-history=<n,...>\n`);
		process.exit(2);
	}
}

const watchdogMs = (argv.includes('--quick') ? 3 : 15) * 60_000;
setTimeout(() => {
	process.stderr.write(`bench/tui: still running after ${watchdogMs / 60_000} min, stopping\n`);
	process.exit(2);
}, watchdogMs).unref();

const started = performance.now();
const repeat = value('repeat');
const result = await tuiSuite.run({
	quick: argv.includes('--quick'),
	targets: [],
	repeats: repeat === undefined ? undefined : Math.max(1, Math.min(10, Number(repeat))),
	log: (message) => process.stderr.write(`${message}\n`),
	option: value,
});
console.log(
	`\n## TUI\n\n${formatTable(result.figures)}\n\nNotes:\n${result.notes.map((note) => `- ${note}`).join('\n')}`,
);
console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s in all.`);
// Ink and the sockets are closed; exit even if a stray handle would keep the loop alive.
process.exit(0);
