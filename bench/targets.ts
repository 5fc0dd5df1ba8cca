/**
 * The servers a run compares: `chat` (ours, from dist/), `relay` (the floor in
 * bench/relay.ts), `ngircd` (a C IRC daemon, the bar) when it is installed, and on
 * request variants of chat and the relay (`chat-limits`, `relay-batched`,
 * `relay-nodelay`). All are started the same way: their own process, loopback, the
 * port read from their 'started' line (`--port 0` for ours; ngircd is given a free one).
 */
import {accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {NODE_FLAGS} from '../bin/node-flags.js';
import {IRC} from './load/dialect.js';
import {spawnServer, type ServerHandle} from './spawn-server.js';

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export type TargetName =
	'chat' | 'chat-memory' | 'chat-limits' | 'relay' | 'relay-batched' | 'relay-nodelay' | 'ngircd' | 'chat-base';

export interface StartOptions {
	/** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
	readonly nodeArgs?: readonly string[];
	readonly stopGraceMs?: number;
}

export interface Target {
	readonly name: TargetName;
	readonly description: string;
	/** Why the target cannot run, or undefined when it can. */
	unavailable(): string | undefined;
	start(options?: StartOptions): Promise<ServerHandle>;
}

/**
 * dist/bin/chat.js, or the entry named by BENCH_CHAT_ENTRY: a build of another commit
 * (`git worktree add /tmp/old <rev> && (cd /tmp/old && npm ci && npm run build)`, then
 * `BENCH_CHAT_ENTRY=/tmp/old/dist/bin/chat.js npm run bench`) to measure a change side by side.
 */
const CHAT_ENTRY = process.env['BENCH_CHAT_ENTRY']
	? path.resolve(process.env['BENCH_CHAT_ENTRY'])
	: path.join(ROOT, 'dist', 'bin', 'chat.js');

/**
 * The limits that would turn the load into something else are off: the rate limit
 * (20 commands/s per client by default, where a burst sender sends thousands), the idle
 * timeout (idle bench clients never speak, and would be PINGed and dropped), and the
 * per-address cap (every bench client comes from 127.0.0.1). Everything else (line
 * length, queue cap per client, registration timeout, connection cap) stays at its default.
 */
export const CHAT_BENCH_FLAGS: readonly string[] = [
	'--rate',
	'0',
	'--idle-timeout',
	'0',
	'--max-connections-per-ip',
	'20000',
];

/**
 * The rate limit on (at a rate this load never reaches, so nothing is refused but every
 * line goes through the token bucket) and the keepalive on (its default 120 s: a timer
 * per connection): what the limits themselves cost. Idle bench clients would be PINGed
 * after 60 s, longer than the idle suite takes.
 */
export const CHAT_LIMITS_FLAGS: readonly string[] = [
	'--rate',
	'1000000',
	'--burst',
	'1000000',
	'--max-connections-per-ip',
	'20000',
];

/**
 * Where a chat target keeps its data: 'disk' is a fresh data directory per start (the
 * store on, as users run it), removed when the server stops; 'memory' is `--data-dir
 * :memory:` (SQLite in memory: the same store, no file, no fsync).
 */
type Storage = 'disk' | 'memory';

/**
 * BENCH_BASE_ENTRY: another build's chat.js for the opt-in `chat-base` target, run in the
 * same run as `chat`, interleaved: a change measured before and after back to back. The
 * build must sit where it finds node_modules (e.g. `<worktree>/.base/dist/bin/chat.js`).
 */
/**
 * What node runs every chat server of the bench with: the flags `chat` itself starts node
 * with (bin/node-flags.ts), then BENCH_CHAT_NODE_ARGS (space-separated, e.g.
 * `--max-semi-space-size=4`), to measure what a V8 flag buys before it goes in the bin, or
 * what one of ours costs (`--memory-reducer` undoes `--no-memory-reducer`: the last wins).
 */
export const CHAT_NODE_ARGS: readonly string[] = [
	...NODE_FLAGS,
	...(process.env['BENCH_CHAT_NODE_ARGS'] ?? '').split(' ').filter(Boolean),
];

const BASE_ENTRY = process.env['BENCH_BASE_ENTRY'] ? path.resolve(process.env['BENCH_BASE_ENTRY']) : undefined;

/**
 * The command line of a chat server in the bench: node with the flags chat ships and
 * BENCH_CHAT_NODE_ARGS, then `nodeArgs` (a later flag wins), on loopback, port 0.
 */
export function chatServerArgv(
	entry: string,
	dataDir: string,
	flags: readonly string[],
	nodeArgs: readonly string[] = [],
): string[] {
	return [
		'node',
		...CHAT_NODE_ARGS,
		...nodeArgs,
		entry,
		'serve',
		'--host',
		'127.0.0.1',
		'--port',
		'0',
		'--data-dir',
		dataDir,
		...flags,
	];
}

function chatTarget(
	name: TargetName,
	flags: readonly string[],
	what: string,
	storage: Storage = 'disk',
	entry: string = CHAT_ENTRY,
): Target {
	return {
		name,
		description: `node ${path.relative(ROOT, entry)} serve ${flags.join(' ')} --data-dir ${storage === 'disk' ? '<fresh temporary directory>' : ':memory:'}: ${what}`,
		unavailable: () => (existsSync(entry) ? undefined : `${path.relative(ROOT, entry)} not built (npm run build)`),
		async start(options = {}) {
			const dataDir = storage === 'disk' ? mkdtempSync(path.join(tmpdir(), 'chat-bench-data-')) : ':memory:';
			const server = await spawnServer({
				label: name,
				argv: chatServerArgv(entry, dataDir, flags, options.nodeArgs),
				cwd: ROOT,
				stopGraceMs: options.stopGraceMs,
			}).catch((error: unknown) => {
				removeDataDir(storage, dataDir);
				throw error;
			});
			return {
				...server,
				output: () => server.output(),
				async stop(graceMs) {
					const exit = await server.stop(graceMs);
					removeDataDir(storage, dataDir);
					return exit;
				},
			};
		},
	};
}

function removeDataDir(storage: Storage, dataDir: string): void {
	if (storage === 'disk') {
		rmSync(dataDir, {recursive: true, force: true});
	}
}

export const chat: Target = chatTarget(
	'chat',
	CHAT_BENCH_FLAGS,
	'our server with its store on a file (the default), rate limit and idle timeout off',
);

/** chat with its store in memory: beside `chat`, what persistence costs. */
export const chatMemory: Target = chatTarget(
	'chat-memory',
	CHAT_BENCH_FLAGS,
	'our server with its store in memory (nothing kept), rate limit and idle timeout off',
	'memory',
);

/** Not in the default run: `chat` as another build (BENCH_BASE_ENTRY), for before and after in one run. */
export const chatBase: Target = {
	...chatTarget('chat-base', CHAT_BENCH_FLAGS, 'the build in BENCH_BASE_ENTRY, as `chat`', 'disk', BASE_ENTRY ?? ''),
	unavailable: () =>
		BASE_ENTRY === undefined
			? 'BENCH_BASE_ENTRY is not set (the chat.js of the build to compare with)'
			: existsSync(BASE_ENTRY)
				? undefined
				: `${BASE_ENTRY} does not exist`,
};

/** Not in the default run (--targets=relay,chat,chat-limits). */
export const chatLimits: Target = chatTarget(
	'chat-limits',
	CHAT_LIMITS_FLAGS,
	'our server with the rate limit and keepalive on',
);

let relayDir: string | undefined;

/** The relay as plain JS in a temporary folder: no loader in its process, so its RSS and CPU are its own. */
async function relayScript(): Promise<string> {
	if (relayDir === undefined) {
		const {default: ts} = await import('typescript');
		const source = readFileSync(path.join(ROOT, 'bench', 'relay.ts'), 'utf8');
		const output = ts.transpileModule(source, {
			compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022},
		});
		relayDir = mkdtempSync(path.join(tmpdir(), 'chat-bench-relay-'));
		writeFileSync(path.join(relayDir, 'relay.mjs'), output.outputText);
	}

	return path.join(relayDir, 'relay.mjs');
}

export function removeRelayScript(): void {
	if (relayDir !== undefined) {
		rmSync(relayDir, {recursive: true, force: true});
		relayDir = undefined;
	}
}

function relayTarget(name: TargetName, flags: readonly string[], description: string): Target {
	return {
		name,
		description,
		unavailable: () => undefined,
		start: async (options = {}) =>
			spawnServer({
				label: name,
				argv: [
					'node',
					...(options.nodeArgs ?? []),
					await relayScript(),
					...flags,
					'--host',
					'127.0.0.1',
					'--port',
					'0',
				],
				cwd: ROOT,
				stopGraceMs: options.stopGraceMs,
			}),
	};
}

export const relay: Target = relayTarget('relay', [], 'bench/relay.ts: one write per recipient, no backpressure');

/** Not in the default run: the relay with writes coalesced per incoming chunk (--targets=relay,chat,relay-batched). */
export const relayBatched: Target = relayTarget(
	'relay-batched',
	['--batch'],
	'bench/relay.ts --batch: one write per socket per incoming chunk',
);

/**
 * Not in the default run: the relay with TCP_NODELAY, as chat has it. With one write per
 * recipient either way when messages come one at a time (the paced phase), it is the
 * floor for paced latency on this machine and generator.
 */
export const relayNoDelay: Target = relayTarget(
	'relay-nodelay',
	['--nodelay'],
	'bench/relay.ts --nodelay: one write per recipient, TCP_NODELAY',
);

/** Debian's `ngircd` by default; BENCH_NGIRCD=<path> for another build. */
const NGIRCD = process.env['BENCH_NGIRCD'] ?? ['/usr/sbin/ngircd', '/usr/local/sbin/ngircd'].find(isExecutable);

function isExecutable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** A port nobody listens on now (ngircd takes no port 0: its config names one). */
async function freePort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve, reject) => {
		probe.once('error', reject);
		probe.listen({host: '127.0.0.1', port: 0}, resolve);
	});
	const {port} = probe.address() as net.AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

/**
 * ngircd in the foreground with bench/ngircd/ngircd.conf (its port filled in, in a
 * temporary folder removed when it stops). It logs `Now listening on [127.0.0.1]:<port>`.
 * Its clients speak IRC (bench/load/dialect.ts): NICK, USER, JOIN #lobby, PRIVMSG.
 */
export const ngircd: Target = {
	name: 'ngircd',
	description: `${NGIRCD ?? 'ngircd'} --nodaemon with bench/ngircd/ngircd.conf: the C IRC daemon, penalties off, no PAM/IDENT/DNS`,
	unavailable: () =>
		NGIRCD === undefined || !isExecutable(NGIRCD)
			? 'ngircd is not installed (apt-get install ngircd, or BENCH_NGIRCD=<path>)'
			: undefined,
	async start(options = {}) {
		const directory = mkdtempSync(path.join(tmpdir(), 'chat-bench-ngircd-'));
		const config = path.join(directory, 'ngircd.conf');
		const template = readFileSync(path.join(ROOT, 'bench', 'ngircd', 'ngircd.conf'), 'utf8');
		writeFileSync(config, template.replace('@PORT@', String(await freePort())));
		const server = await spawnServer({
			label: 'ngircd',
			argv: [NGIRCD!, '--nodaemon', '--config', config],
			cwd: directory,
			stopGraceMs: options.stopGraceMs,
			// Not the generic reading: its log lines start with `[pid:level time]`, whose `:5` is no port.
			startedPort: (line) => Number(/Now listening on \[[^\]]*\]:(\d+)/.exec(line)?.[1] ?? Number.NaN) || undefined,
		}).catch((error: unknown) => {
			rmSync(directory, {recursive: true, force: true});
			throw error;
		});
		return {
			...server,
			dialect: IRC,
			native: true,
			// It listens with a backlog of 10 (`ss -ltn`).
			connectConcurrency: 8,
			async stop(graceMs) {
				const exit = await server.stop(graceMs);
				rmSync(directory, {recursive: true, force: true});
				return exit;
			},
		};
	},
};

export const TARGETS: readonly Target[] = [
	relay,
	chat,
	chatMemory,
	ngircd,
	relayBatched,
	relayNoDelay,
	chatLimits,
	chatBase,
];
