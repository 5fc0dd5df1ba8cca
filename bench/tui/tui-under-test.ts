/**
 * `runTui`, exactly as `chat tui` runs it (frame writer, full height, bell on), on a
 * fake terminal: a keyboard the benchmark types into, and a screen that counts the
 * bytes written to it, which is what would cross the SSH link. The screen is not
 * emulated: interpreting the escape sequences would add its own CPU to the figures.
 */
import type {ChatSession} from '../../tui/session/index.js';
import type {ChatState} from '../../tui/state/index.js';
import {BEGIN_SYNCHRONIZED_UPDATE} from '../../tui/terminal/frame-writer.js';
import {FakeTtyStdin} from '../../test/helpers/fake-tty-stdin.js';
import {FakeTtyStdout} from '../../test/helpers/fake-tty-stdout.js';
import {runOnFakeTty} from './run-on-fake-tty.js';
import {nextTurn, Signal} from './signal.js';

export interface TuiUnderTest {
	readonly session: ChatSession;
	readonly stdout: FakeTtyStdout;
	/** Frames painted so far (each a synchronized update). */
	readonly frames: number;
	/** The session's state when the last frame was painted: what the screen shows. */
	readonly drawnState: ChatState | undefined;
	/** Notified on every write to the screen and every change of the session's state. */
	readonly progress: Signal;
	/** From `runTui` to the first frame on the screen (the connection not yet made). */
	readonly firstFrameMs: number;
	/** From `runTui` to the first frame drawn after the session was online. */
	readonly onlineFrameMs: number;
	/**
	 * Process CPU (user + system, microseconds since it started) when the last frame's
	 * write began, and at the session's first change of state after that frame: the
	 * marks that split an incoming message's CPU (measure.ts, cpuPerMessageSplit).
	 */
	readonly lastFrameCpuMicros: number;
	readonly firstChangeCpuMicros: number;
	/** Takes the next change of state, rather than the first since the last frame, as `firstChangeCpuMicros`. */
	markNextChange(): void;
	/** Types `keys` and resolves after the frame they caused (and anything trailing it) is written. */
	type(keys: string): Promise<void>;
	/** Ends the session; resolves once the terminal is restored. */
	stop(): Promise<void>;
}

export async function startTuiUnderTest(options: {
	port: number;
	name: string;
	columns: number;
	rows: number;
}): Promise<TuiUnderTest> {
	const progress = new Signal();
	let firstFrameAt: number | undefined;
	let onlineFrameAt: number | undefined;
	let session: ChatSession | undefined;
	let frames = 0;
	let drawnState: ChatState | undefined;
	let lastFrameCpuMicros = 0;
	let firstChangeCpuMicros = 0;
	let changedSinceFrame = false;
	const cpuMicros = () => {
		const used = process.cpuUsage();
		return used.user + used.system;
	};
	const stdin = new FakeTtyStdin();
	const stdout = new FakeTtyStdout({columns: options.columns, rows: options.rows}, (chunk) => {
		// Every frame the writer paints is one synchronized update; the writes before the
		// first one switch to the alternate screen.
		if (String(chunk).startsWith(BEGIN_SYNCHRONIZED_UPDATE)) {
			lastFrameCpuMicros = cpuMicros();
			changedSinceFrame = false;
			frames++;
			drawnState = session?.getState();
			const now = performance.now();
			firstFrameAt ??= now;
			if (onlineFrameAt === undefined && session?.getState().connection.status === 'online') {
				onlineFrameAt = now;
			}
		}

		progress.notify();
	});
	const started = performance.now();
	const exit = runOnFakeTty({
		port: options.port,
		name: options.name,
		stdin,
		stdout,
		columns: options.columns,
		rows: options.rows,
		onSession: (created) => {
			session = created;
			created.subscribe(() => {
				if (!changedSinceFrame) {
					changedSinceFrame = true;
					firstChangeCpuMicros = cpuMicros();
				}

				progress.notify();
			});
		},
	});
	await progress.until(
		() => onlineFrameAt !== undefined && session!.getState().inFlight.length === 0,
		'the TUI to be online with its sidebar filled',
	);
	// The sidebar's LIST and LIST_GROUP replies are drawn too before anything is measured.
	await nextTurn();

	return {
		session: session!,
		stdout,
		get frames() {
			return frames;
		},
		get drawnState() {
			return drawnState;
		},
		get lastFrameCpuMicros() {
			return lastFrameCpuMicros;
		},
		get firstChangeCpuMicros() {
			return firstChangeCpuMicros;
		},
		markNextChange() {
			changedSinceFrame = false;
		},
		progress,
		firstFrameMs: firstFrameAt! - started,
		onlineFrameMs: onlineFrameAt! - started,
		async type(keys) {
			const mark = stdout.writeCount;
			stdin.write(keys);
			await progress.until(() => stdout.writeCount > mark, `a frame after typing ${JSON.stringify(keys)}`);
			await nextTurn();
		},
		async stop() {
			session!.stop();
			await exit;
			stdin.destroy();
		},
	};
}
