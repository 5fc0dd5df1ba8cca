/**
 * The servers a run compares: `chat` (ours, from dist/) and `relay` (the floor in
 * bench/relay.ts). Both are started the same way: their own process, loopback,
 * `--port 0`, the port read from their 'started' line.
 */
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {spawnServer, type ServerHandle} from './spawn-server.js';

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export type TargetName = 'chat' | 'relay' | 'relay-batched';

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

const CHAT_ENTRY = path.join(ROOT, 'dist', 'bin', 'chat.js');

export const chat: Target = {
	name: 'chat',
	description: 'node dist/bin/chat.js serve',
	unavailable: () => (existsSync(CHAT_ENTRY) ? undefined : `${path.relative(ROOT, CHAT_ENTRY)} not built (npm run build)`),
	start: (options = {}) =>
		spawnServer({
			label: 'chat',
			argv: ['node', ...(options.nodeArgs ?? []), CHAT_ENTRY, 'serve', '--host', '127.0.0.1', '--port', '0'],
			cwd: ROOT,
			stopGraceMs: options.stopGraceMs,
		}),
};

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

export const relay: Target = {
	name: 'relay',
	description: 'bench/relay.ts: one write per recipient, no backpressure',
	unavailable: () => undefined,
	start: async (options = {}) =>
		spawnServer({
			label: 'relay',
			argv: ['node', ...(options.nodeArgs ?? []), await relayScript(), '--host', '127.0.0.1', '--port', '0'],
			cwd: ROOT,
			stopGraceMs: options.stopGraceMs,
		}),
};

/** Not in the default run: the relay with writes coalesced per incoming chunk (--targets=relay,chat,relay-batched). */
export const relayBatched: Target = {
	name: 'relay-batched',
	description: 'bench/relay.ts --batch: one write per socket per incoming chunk',
	unavailable: () => undefined,
	start: async (options = {}) =>
		spawnServer({
			label: 'relay-batched',
			argv: ['node', ...(options.nodeArgs ?? []), await relayScript(), '--batch', '--host', '127.0.0.1', '--port', '0'],
			cwd: ROOT,
			stopGraceMs: options.stopGraceMs,
		}),
};

export const TARGETS: readonly Target[] = [relay, chat, relayBatched];
