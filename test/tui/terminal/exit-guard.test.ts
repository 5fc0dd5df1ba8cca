import test, {type ExecutionContext} from 'ava';
import {EventEmitter} from 'node:events';
import {fileURLToPath} from 'node:url';
import {guardExit, type ExitSignal} from '../../../tui/terminal/exit-guard.js';
import {spawnProcess} from '../../helpers/test-process.js';

/**
 * Stands in for `process`: `exit` records the code and, like the real one, emits 'exit'
 * (but returns, so the test goes on). Everything observable lands in one ordered log.
 */
class FakeProcess extends EventEmitter {
	readonly log: string[] = [];
	readonly stderr = {write: (chunk: string | Uint8Array) => this.log.push(`stderr: ${String(chunk)}`)};
	exit(code: number): void {
		this.log.push(`exit ${code}`);
		this.emit('exit', code);
	}
}

function guarded(options: {onSignal?: (signal: ExitSignal) => void; restore?: () => void} = {}) {
	const fake = new FakeProcess();
	const restore = options.restore ?? (() => fake.log.push('restore'));
	const dispose = guardExit(restore, {process: fake, ...(options.onSignal ? {onSignal: options.onSignal} : {})});
	return {fake, dispose};
}

test('a normal exit restores the terminal once and leaves the exit code alone', (t) => {
	const {fake} = guarded();
	fake.emit('exit', 0);
	fake.emit('exit', 0);
	t.deepEqual(fake.log, ['restore']);
});

for (const [signal, code] of [
	['SIGINT', 130],
	['SIGTERM', 143],
	['SIGHUP', 129],
] as const) {
	test(`${signal} restores, tells onSignal, then exits with ${code}`, (t) => {
		const fake = new FakeProcess();
		guardExit(() => fake.log.push('restore'), {
			process: fake,
			onSignal: (received) => fake.log.push(`onSignal ${received}`),
		});
		fake.emit(signal);
		// The 'exit' that exit() emits does not restore a second time.
		t.deepEqual(fake.log, ['restore', `onSignal ${signal}`, `exit ${code}`]);
	});
}

test('an uncaught exception restores first, then prints the error, then exits with 1', (t) => {
	const {fake} = guarded();
	fake.emit('uncaughtException', new Error('boom'));
	t.is(fake.log.length, 3, fake.log.join('\n'));
	t.is(fake.log[0], 'restore');
	t.regex(fake.log[1] ?? '', /^stderr: Error: boom\n\s+at /);
	t.is(fake.log[2], 'exit 1');
});

test('an unhandled rejection is a crash too, whatever the rejection value', (t) => {
	const {fake} = guarded();
	fake.emit('unhandledRejection', {reason: 'not an Error'}, Promise.resolve());
	t.deepEqual(fake.log, ['restore', "stderr: { reason: 'not an Error' }\n", 'exit 1']);
});

test('a second way out while leaving does nothing more', (t) => {
	const {fake} = guarded();
	fake.emit('SIGTERM');
	fake.emit('SIGINT');
	fake.emit('uncaughtException', new Error('late'));
	t.deepEqual(fake.log, ['restore', 'exit 143']);
});

test('if restore throws, the process still exits with the right code and the restore error is printed', (t) => {
	const fake = new FakeProcess();
	guardExit(
		() => {
			throw new Error('stdout is gone');
		},
		{process: fake},
	);
	fake.emit('SIGHUP');
	t.is(fake.log.length, 2, fake.log.join('\n'));
	t.regex(fake.log[0] ?? '', /stdout is gone/);
	t.is(fake.log[1], 'exit 129');
});

test('dispose removes every listener', (t) => {
	const {fake, dispose} = guarded();
	const events = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'uncaughtException', 'unhandledRejection'];
	t.true(events.every((event) => fake.listenerCount(event) === 1));
	dispose();
	t.true(events.every((event) => fake.listenerCount(event) === 0));
	fake.emit('SIGINT');
	fake.emit('exit', 0);
	t.deepEqual(fake.log, []);
});

// The same guard on the real `process`: real signals, real exit codes, real stderr.

const fixture = fileURLToPath(new URL('fixtures/guarded-process.ts', import.meta.url));

interface Ended {
	code: number | null;
	signal: NodeJS.Signals | null;
	stderr: string;
}

/** Runs the fixture; once it prints READY, sends `signal` if one is given. */
async function runGuarded(t: ExecutionContext, ending: string, signal?: NodeJS.Signals): Promise<Ended> {
	const guarded = spawnProcess(t, process.execPath, ['--import=tsx', fixture, ending]);
	if (signal) {
		await guarded.waitForStdout(/READY/);
		guarded.child.kill(signal);
	}

	const exit = await guarded.exited;
	return {...exit, stderr: guarded.stderr};
}

test('a real process killed with SIGTERM restores and exits 143', async (t) => {
	const ended = await runGuarded(t, 'wait-for-signal', 'SIGTERM');
	t.deepEqual(ended, {code: 143, signal: null, stderr: 'RESTORED\nSIGNAL SIGTERM\n'});
});

test('a real process killed with SIGINT restores and exits 130', async (t) => {
	const ended = await runGuarded(t, 'wait-for-signal', 'SIGINT');
	t.deepEqual(ended, {code: 130, signal: null, stderr: 'RESTORED\nSIGNAL SIGINT\n'});
});

test('a real crash restores, then prints the stack, then exits 1', async (t) => {
	const ended = await runGuarded(t, 'throw');
	t.is(ended.code, 1);
	t.regex(ended.stderr, /^RESTORED\nError: boom from a callback\n\s+at /);
});

test('a real unhandled rejection restores, then prints, then exits 1', async (t) => {
	const ended = await runGuarded(t, 'reject');
	t.is(ended.code, 1);
	t.regex(ended.stderr, /^RESTORED\nError: boom from a promise\n\s+at /);
});

test('a real process that ends normally restores and keeps its exit code', async (t) => {
	const ended = await runGuarded(t, 'exit');
	t.deepEqual(ended, {code: 7, signal: null, stderr: 'RESTORED\n'});
});
