/**
 * Where an incoming message's CPU goes, stretch by stretch, in the TUI suite's scenario
 * (server, raw sender and TUI in this process; each message sent once the last is drawn):
 *
 *   NODE_ENV=production node --import=tsx bench/tui/split.ts [--history=100] [--count=1000] [--rounds=4]
 *
 * Marks the process's CPU at the send, at the session's first change of state after it
 * (the message taken in), at the frame clock's flush (its wait over), when the writer
 * starts reading Ink's tree (React's render and commit and Ink's commit hook done), when
 * its reader starts, and at the frame's write; and prints the average of each stretch,
 * round by round, so the rounds show where V8's optimising stops. A diagnostic, not a
 * figure the targets are judged by: the marks patch three prototypes (the frame clock's
 * flush, `DomFrames.read`, `FrameReader.read`) in this process only.
 */
import {letInkDraw} from './let-ink-draw.js';

const argv = process.argv.slice(2);
const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const history = Number(value('history') ?? 100);
const count = Number(value('count') ?? 1000);
const rounds = Number(value('rounds') ?? 4);

letInkDraw();

// Loaded after that, as profile.ts does: a static import would load Ink first.
const {FrameClock} = await import('../../tui/terminal/frame-clock.js');
const {DomFrames} = await import('../../tui/terminal/dom-frame.js');
const {FrameReader} = await import('../../tui/terminal/frame-reader.js');
const {receiveOne, wardMessage} = await import('./measure.js');
const {RawPeer} = await import('./raw-peer.js');
const {benchServer} = await import('./scenario.js');
const {startTuiUnderTest} = await import('./tui-under-test.js');

const cpuMicros = () => {
	const used = process.cpuUsage();
	return used.user + used.system;
};

/** CPU at each mark of the message being measured; 0 until reached. */
const marks = {flush: 0, tree: 0, reader: 0};
let measuring = false;

type Mark = keyof typeof marks;

/** Wraps `method` of `prototype` to take `mark` at its first call once `after` is taken. */
function markOnCall(prototype: object, method: string, mark: Mark, after?: Mark): void {
	const target = prototype as Record<string, (...args: unknown[]) => unknown>;
	const original = target[method]!;
	target[method] = function (this: unknown, ...args: unknown[]) {
		if (measuring && marks[mark] === 0 && (after === undefined || marks[after] !== 0)) {
			marks[mark] = cpuMicros();
		}
		return original.apply(this, args);
	};
}

markOnCall(FrameClock.prototype, 'flush', 'flush');
markOnCall(DomFrames.prototype, 'read', 'tree', 'flush');
markOnCall(FrameReader.prototype, 'read', 'reader', 'tree');

const server = await benchServer();
const tui = await startTuiUnderTest({port: server.port, name: 'reader', columns: 100, rows: 30});
const peer = await RawPeer.connect(server.port, 'sender');
try {
	for (let index = 1; index < history; index++) {
		peer.send(wardMessage('history', index));
	}
	await receiveOne(tui, peer, wardMessage('history', history));

	const stretches = [
		['the send -> the message in the TUI state (sender, server, TUI intake)', 'intake'],
		["-> the frame clock's flush (its wait: the process sleeps and wakes)", 'wait'],
		["-> the writer reads Ink's tree (React render and commit, Ink's commit hook, Yoga)", 'react'],
		["-> the writer's reader (reading Ink's tree, dom-frame)", 'tree'],
		["-> the frame's write (the reader, the diff, the update)", 'diff'],
		['after the write, until the next send (the bench waiting)', 'after'],
	] as const;
	for (let round = 1; round <= rounds; round++) {
		const sums = {intake: 0, wait: 0, react: 0, tree: 0, diff: 0, after: 0};
		const started = cpuMicros();
		for (let index = 1; index <= count; index++) {
			marks.flush = 0;
			marks.tree = 0;
			marks.reader = 0;
			tui.markNextChange();
			measuring = true;
			const sent = cpuMicros();
			await receiveOne(tui, peer, wardMessage(`split${round}`, index));
			const done = cpuMicros();
			measuring = false;
			const changed = tui.firstChangeCpuMicros;
			const written = tui.lastFrameCpuMicros;
			sums.intake += changed - sent;
			sums.wait += marks.flush - changed;
			sums.react += marks.tree - marks.flush;
			sums.tree += marks.reader - marks.tree;
			sums.diff += written - marks.reader;
			sums.after += done - written;
		}

		const whole = (cpuMicros() - started) / count;
		console.log(
			`round ${round} of ${count} messages at ${history} of history: ${whole.toFixed(0)} us each, whole process`,
		);
		for (const [label, key] of stretches) {
			console.log(`  ${(sums[key] / count).toFixed(0).padStart(6)} us  ${label}`);
		}
	}
} finally {
	peer.close();
	await tui.stop();
	await server.close();
}

process.exit(0);
