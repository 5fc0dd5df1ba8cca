import {spawn, type ChildProcessByStdio} from 'node:child_process';
import type {Readable, Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import type {ExecutionContext} from 'ava';

const HOLD_STORE = fileURLToPath(new URL('fixtures/hold-store.ts', import.meta.url));

export interface StoreHolder {
	/** Ending its stdin closes the store and lets it exit 0; SIGKILL shows the lock dies with it. */
	readonly process: ChildProcessByStdio<Writable, Readable, null>;
	/** Resolves once the process has gone. */
	readonly exited: Promise<unknown>;
}

/**
 * Another process holding `dir` the way `chat serve` does (fixtures/hold-store.ts), resolved once
 * it says it holds it; rejected if it exits first. Killed with SIGKILL when the test ends, if still there.
 */
export async function holdStore(t: ExecutionContext, dir: string): Promise<StoreHolder> {
	const holder = spawn(process.execPath, ['--import=tsx', HOLD_STORE, dir], {stdio: ['pipe', 'pipe', 'inherit']});
	const exited = new Promise((resolve) => holder.once('exit', resolve));
	t.teardown(() => {
		if (holder.exitCode === null && holder.signalCode === null) {
			holder.kill('SIGKILL');
		}
	});
	await new Promise<void>((resolve, reject) => {
		let out = '';
		holder.stdout.setEncoding('utf8').on('data', (text: string) => {
			out += text;
			if (out.includes('held\n')) {
				resolve();
			}
		});
		holder.once('exit', () => reject(new Error(`the holder exited before holding the directory: ${out}`)));
	});
	return {process: holder, exited};
}
