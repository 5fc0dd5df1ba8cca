/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function, summed
 * over every node of the call tree with the same function name and location, largest
 * first; plus self time per file (where the time goes, by module).
 *
 *   node --import=tsx bench/profile-summary.ts <file.cpuprofile | dir> [--top=25]
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

interface CallFrame {
	readonly functionName: string;
	readonly url: string;
	readonly lineNumber: number;
	readonly columnNumber: number;
}

interface ProfileNode {
	readonly id: number;
	readonly callFrame: CallFrame;
	readonly children?: readonly number[];
}

interface CpuProfile {
	readonly nodes: readonly ProfileNode[];
	readonly startTime: number;
	readonly endTime: number;
	readonly samples: readonly number[];
	readonly timeDeltas: readonly number[];
}

export interface SelfTimeRow {
	readonly name: string;
	readonly location: string;
	readonly selfMs: number;
	readonly share: number;
}

export interface ProfileSummary {
	readonly file: string;
	readonly totalMs: number;
	/** Everything but (idle), (program) and (garbage collector) entries: time spent running JS and natives. */
	readonly busyMs: number;
	readonly functions: readonly SelfTimeRow[];
	readonly files: readonly SelfTimeRow[];
}

function shortUrl(url: string): string {
	if (url === '') {
		return '(native)';
	}

	const file = url.startsWith('file://') ? fileURLToPath(url) : url;
	const marker = file.lastIndexOf('/node_modules/');
	if (marker !== -1) {
		return file.slice(marker + 1);
	}

	return file.startsWith('/') ? path.relative(process.cwd(), file) : file;
}

export function summarise(file: string): ProfileSummary {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfUs = new Map<number, number>();
	// Each sample's time is the delta to the next sample (V8's convention: timeDeltas[i] precedes samples[i]).
	for (let index = 0; index < profile.samples.length; index++) {
		const delta = profile.timeDeltas[index + 1] ?? 0;
		const id = profile.samples[index]!;
		selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, delta));
	}

	const functions = new Map<string, {name: string; location: string; us: number}>();
	const files = new Map<string, number>();
	let totalUs = 0;
	let busyUs = 0;
	for (const [id, us] of selfUs) {
		const frame = byId.get(id)!.callFrame;
		const name = frame.functionName || '(anonymous)';
		const location = frame.url === '' ? '(native)' : `${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
		const key = `${name}\u0000${location}`;
		const entry = functions.get(key) ?? {name, location, us: 0};
		entry.us += us;
		functions.set(key, entry);
		const module = frame.url === '' ? (name.startsWith('(') ? name : '(native)') : shortUrl(frame.url);
		files.set(module, (files.get(module) ?? 0) + us);
		totalUs += us;
		if (!['(idle)', '(program)', '(garbage collector)'].includes(name)) {
			busyUs += us;
		}
	}

	const rows = (entries: Iterable<{name: string; location: string; us: number}>) =>
		[...entries]
			.sort((a, b) => b.us - a.us)
			.map((entry) => ({
				name: entry.name,
				location: entry.location,
				selfMs: entry.us / 1000,
				share: totalUs === 0 ? 0 : entry.us / totalUs,
			}));
	return {
		file,
		totalMs: totalUs / 1000,
		busyMs: busyUs / 1000,
		functions: rows(functions.values()),
		files: rows([...files].map(([name, us]) => ({name, location: '', us}))),
	};
}

export function formatSummary(summary: ProfileSummary, top: number): string {
	const line = (row: SelfTimeRow) =>
		`${row.selfMs.toFixed(1).padStart(9)} ms ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.name}${row.location ? `  ${row.location}` : ''}`;
	return [
		`${summary.file}: ${summary.totalMs.toFixed(0)} ms sampled, ${summary.busyMs.toFixed(0)} ms busy (not idle/program/GC)`,
		'',
		`Top ${top} functions by self time:`,
		...summary.functions.slice(0, top).map(line),
		'',
		'Self time by file:',
		...summary.files.slice(0, 15).map(line),
	].join('\n');
}

/** The .cpuprofile files a path names: the file itself, or every one in a folder. */
export function profileFiles(target: string): string[] {
	if (statSync(target).isDirectory()) {
		return readdirSync(target)
			.filter((file) => file.endsWith('.cpuprofile'))
			.sort()
			.map((file) => path.join(target, file));
	}

	return [target];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const target = process.argv[2];
	const top = Number(process.argv.find((arg) => arg.startsWith('--top='))?.slice(6) ?? 25);
	if (!target) {
		console.error('usage: node --import=tsx bench/profile-summary.ts <file.cpuprofile | dir> [--top=25]');
		process.exit(64);
	}

	for (const file of profileFiles(target)) {
		console.log(formatSummary(summarise(file), top));
		console.log('');
	}
}
