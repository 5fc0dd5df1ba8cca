/**
 * CPU time and memory of another process, read from /proc/<pid> (Linux).
 *
 * CPU: utime + stime from /proc/<pid>/stat, in clock ticks (CLK_TCK, 100 on Linux).
 * Memory: VmRSS (now) and VmHWM (peak) from /proc/<pid>/status, in KiB. The peak can
 * be reset by writing 5 to /proc/<pid>/clear_refs, so each phase gets its own peak;
 * a sampler of VmRSS backs it up where that is not allowed.
 */
import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
	if (ticksPerSecond === undefined) {
		try {
			ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
		} catch {
			ticksPerSecond = 100;
		}
	}

	return ticksPerSecond;
}

export interface CpuTime {
	readonly userMs: number;
	readonly sysMs: number;
}

export function readCpu(pid: number): CpuTime {
	return cpuOfStat(`/proc/${pid}/stat`);
}

/** CPU time of a process's threads: its main thread and all of them. */
export interface ThreadCpu {
	/** The main thread: in Node, the event loop and the JavaScript on it. */
	readonly mainMs: number;
	/** Every thread alive now: the main one, V8's compiler and garbage collector workers, libuv's pool. */
	readonly allMs: number;
}

/**
 * Per-thread CPU from /proc/<pid>/task/<tid>/schedstat (its first field: nanoseconds on
 * a CPU), where /proc/<pid>/stat counts 10 ms ticks: one session's 50 messages are
 * about ten of those. Threads that ended are missing from `allMs`; Node's helper
 * threads last as long as the process. Ticks where the kernel keeps no schedstat.
 */
export function readThreadCpu(pid: number): ThreadCpu {
	let mainMs = 0;
	let allMs = 0;
	for (const tid of readdirSync(`/proc/${pid}/task`)) {
		let ms: number;
		try {
			ms = onCpuMs(`/proc/${pid}/task/${tid}`);
		} catch {
			// The thread ended between the listing and the read.
			continue;
		}

		allMs += ms;
		if (tid === String(pid)) {
			mainMs = ms;
		}
	}

	return {mainMs, allMs};
}

function onCpuMs(task: string): number {
	try {
		return Number(readFileSync(`${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
			throw error;
		}

		const {userMs, sysMs} = cpuOfStat(`${task}/stat`);
		return userMs + sysMs;
	}
}

function cpuOfStat(file: string): CpuTime {
	const stat = readFileSync(file, 'utf8');
	// The command name (field 2) may contain spaces: count fields after its closing paren.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// Fields 14 and 15 of the whole line are utime and stime; fields[0] here is field 3.
	const msPerTick = 1000 / clockTicks();
	return {userMs: Number(fields[11]) * msPerTick, sysMs: Number(fields[12]) * msPerTick};
}

export function cpuDelta(before: CpuTime, after: CpuTime): {userMs: number; sysMs: number; totalMs: number} {
	const userMs = after.userMs - before.userMs;
	const sysMs = after.sysMs - before.sysMs;
	return {userMs, sysMs, totalMs: userMs + sysMs};
}

/**
 * CPU time the whole machine spent busy (all cores, every process and the kernel),
 * from the first line of /proc/stat. Over a phase, this minus the server's and the
 * generator's CPU is what other processes took: the noise of a shared machine.
 */
export function machineBusyMs(): {busyMs: number; stealMs: number} {
	try {
		const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
		const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
		const msPerTick = 1000 / clockTicks();
		return {busyMs: (user! + nice! + system! + irq! + softirq! + steal!) * msPerTick, stealMs: steal! * msPerTick};
	} catch {
		return {busyMs: Number.NaN, stealMs: Number.NaN};
	}
}

export interface Memory {
	readonly rssKb: number;
	readonly hwmKb: number;
}

export function readMemory(pid: number): Memory {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
	return {rssKb: field('VmRSS'), hwmKb: field('VmHWM')};
}

/** Resets the peak RSS (VmHWM) to the current RSS. Returns false where that is not allowed. */
export function resetPeak(pid: number): boolean {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** Samples VmRSS every `intervalMs` and keeps the largest value. */
export class RssSampler {
	private maxKb = 0;
	private readonly timer: NodeJS.Timeout;

	constructor(
		private readonly pid: number,
		intervalMs = 100,
	) {
		this.sample();
		this.timer = setInterval(() => this.sample(), intervalMs);
		this.timer.unref();
	}

	private sample(): void {
		try {
			this.maxKb = Math.max(this.maxKb, readMemory(this.pid).rssKb);
		} catch {
			// The process is gone; keep what was seen.
		}
	}

	/** Stops sampling; returns the largest RSS seen, in KiB. */
	stop(): number {
		clearInterval(this.timer);
		this.sample();
		return this.maxKb;
	}
}

/**
 * Everything measured about a server over one phase: CPU time used and peak RSS.
 * Also measures this (the load generator's) process, to tell whether it was the bottleneck.
 */
export class PhaseMeter {
	private readonly cpuBefore: CpuTime;
	private readonly threadsBefore: ThreadCpu;
	private readonly ownBefore = process.cpuUsage();
	private readonly machineBefore = machineBusyMs();
	private readonly startedAt = performance.now();
	private readonly sampler: RssSampler;
	private readonly peakReset: boolean;

	/** Further processes of the server whose CPU counts as the server's (a cluster's nodes and NATS servers). */
	private readonly others: ReadonlyArray<{readonly pid: number; readonly before: CpuTime}>;

	constructor(
		private readonly pid: number,
		otherPids: readonly number[] = [],
	) {
		this.peakReset = resetPeak(pid);
		this.cpuBefore = readCpu(pid);
		this.threadsBefore = readThreadCpu(pid);
		this.others = otherPids.map((other) => ({pid: other, before: readCpu(other)}));
		this.sampler = new RssSampler(pid);
	}

	finish(): PhaseStats {
		const wallMs = performance.now() - this.startedAt;
		const cpu = cpuDelta(this.cpuBefore, readCpu(this.pid));
		const threads = readThreadCpu(this.pid);
		for (const other of this.others) {
			const delta = cpuDelta(other.before, readCpu(other.pid));
			cpu.userMs += delta.userMs;
			cpu.sysMs += delta.sysMs;
			cpu.totalMs += delta.totalMs;
		}

		const sampledPeakKb = this.sampler.stop();
		const memory = readMemory(this.pid);
		const own = process.cpuUsage(this.ownBefore);
		const generatorCpu = {userMs: own.user / 1000, sysMs: own.system / 1000, totalMs: (own.user + own.system) / 1000};
		const machine = machineBusyMs();
		const othersMs = Math.max(0, machine.busyMs - this.machineBefore.busyMs - cpu.totalMs - generatorCpu.totalMs);
		return {
			wallMs,
			serverCpu: cpu,
			serverCpuShare: cpu.totalMs / wallMs,
			serverHelperThreadsMs: threads.allMs - threads.mainMs - (this.threadsBefore.allMs - this.threadsBefore.mainMs),
			// With the peak reset at the start, VmHWM is this phase's peak; otherwise the sampled one.
			serverPeakRssKb: this.peakReset ? Math.max(memory.hwmKb, sampledPeakKb) : sampledPeakKb,
			serverRssEndKb: memory.rssKb,
			peakFrom: this.peakReset ? 'VmHWM' : 'sampled VmRSS',
			generatorCpu,
			generatorCpuShare: generatorCpu.totalMs / wallMs,
			othersCpuMs: othersMs,
			othersCpuShare: othersMs / wallMs,
			stealMs: machine.stealMs - this.machineBefore.stealMs,
		};
	}
}

export interface PhaseStats {
	readonly wallMs: number;
	readonly serverCpu: {userMs: number; sysMs: number; totalMs: number};
	/** Server CPU time over wall time: 1.0 is one core saturated (the server is single-threaded). */
	readonly serverCpuShare: number;
	/**
	 * Of serverCpu, the part on threads other than the main one of the server's own
	 * process (schedstat, ns): for chat, V8's compiler and collector workers and libuv's
	 * pool. A first phase's extra is mostly here: V8 optimising the path as it gets hot.
	 */
	readonly serverHelperThreadsMs: number;
	readonly serverPeakRssKb: number;
	readonly serverRssEndKb: number;
	readonly peakFrom: string;
	readonly generatorCpu: {userMs: number; sysMs: number; totalMs: number};
	/** The bench process's CPU over wall time: near 1.0 means the generator itself was saturated. */
	readonly generatorCpuShare: number;
	/** CPU other processes used meanwhile (ms, all cores): noise from a shared machine. */
	readonly othersCpuMs: number;
	/** The same in cores (1.0 = one core busy with other work all along). */
	readonly othersCpuShare: number;
	/** CPU time the hypervisor took from this machine (ms). */
	readonly stealMs: number;
}

export interface QuietResult {
	/** How long it waited. */
	readonly waitedMs: number;
	/** Cores other processes used in the last window looked at. */
	readonly othersCores: number;
	/** False when the machine did not get quiet before the timeout (the phase ran anyway). */
	readonly quiet: boolean;
}

/**
 * Waits (bounded) until other processes use at most `maxCores` over a `windowMs`
 * window, so a phase does not start in the middle of someone else's build. CPU of this
 * process and of `pid` (an idle server) is not counted.
 */
export async function waitForQuiet(
	pid: number | undefined,
	maxCores = 0.3,
	windowMs = 500,
	timeoutMs = 20_000,
): Promise<QuietResult> {
	const start = performance.now();
	let othersCores = Number.NaN;
	while (true) {
		const machineBefore = machineBusyMs().busyMs;
		const ownBefore = process.cpuUsage();
		const serverBefore = pid === undefined ? undefined : readCpu(pid);
		const windowStart = performance.now();
		await new Promise((resolve) => setTimeout(resolve, windowMs));
		const elapsed = performance.now() - windowStart;
		const own = process.cpuUsage(ownBefore);
		const server = pid === undefined || serverBefore === undefined ? 0 : cpuDelta(serverBefore, readCpu(pid)).totalMs;
		const others = machineBusyMs().busyMs - machineBefore - (own.user + own.system) / 1000 - server;
		othersCores = Math.max(0, others / elapsed);
		const waitedMs = performance.now() - start;
		if (!(othersCores > maxCores)) {
			return {waitedMs, othersCores, quiet: true};
		}

		if (waitedMs > timeoutMs) {
			return {waitedMs, othersCores, quiet: false};
		}
	}
}

/** bench/measure/gc-hook.cjs: preload it into a server (`--require`) to make collectGarbage() work. */
export const GC_HOOK = fileURLToPath(new URL('gc-hook.cjs', import.meta.url));

/**
 * Has a server started with GC_HOOK collect all its garbage (SIGUSR2) and waits until it
 * says it has. `output` is the server's recent stderr; false if it did not answer in time.
 */
export async function collectGarbage(pid: number, output: () => string, timeoutMs = 10_000): Promise<boolean> {
	const before = (output().match(/bench-gc done \d+/g) ?? []).at(-1);
	process.kill(pid, 'SIGUSR2');
	const start = performance.now();
	while (performance.now() - start < timeoutMs) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		const last = (output().match(/bench-gc done \d+/g) ?? []).at(-1);
		if (last !== undefined && last !== before) {
			// Pages given back are unmapped as the collection ends; give the kernel a moment.
			await new Promise((resolve) => setTimeout(resolve, 200));
			return true;
		}
	}

	return false;
}
