import type {ChildProcessByStdio} from 'node:child_process';
import type {Readable, Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import type {ExecutionContext} from 'ava';
import {spawnProcess, type Exit} from './test-process.js';

const HOLD_STORE = fileURLToPath(new URL('fixtures/hold-store.ts', import.meta.url));

export interface StoreHolder {
	/** Ending its stdin closes the store and lets it exit 0; SIGKILL shows the lock dies with it. */
	readonly process: ChildProcessByStdio<Writable, Readable, Readable>;
	/** Resolves once the process has gone. */
	readonly exited: Promise<Exit>;
}

/**
 * Another process holding `dir` the way `chat serve` does (fixtures/hold-store.ts), resolved once
 * it says it holds it; rejected if it exits first. Killed with SIGKILL when the test ends, if still there.
 */
export async function holdStore(t: ExecutionContext, dir: string): Promise<StoreHolder> {
	const holder = spawnProcess(t, process.execPath, ['--import=tsx', HOLD_STORE, dir], {stdin: 'pipe'});
	await holder.waitForStdout(/^held\n/m);
	// Its stdin is a pipe (asked for above), its output pipes: the helper's own.
	return {process: holder.child as ChildProcessByStdio<Writable, Readable, Readable>, exited: holder.exited};
}
