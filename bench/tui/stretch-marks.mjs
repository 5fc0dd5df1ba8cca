/**
 * Preloaded into a `chat tui` that runs as a user runs it (its own process, in tmux), to
 * split each incoming message's CPU into stretches, as split.ts does in the in-process
 * bench (docs/PERFORMANCE.md, eighth pass). It takes CPU marks at the socket's data, the
 * frame clock's flush, the writer's tree read, its reader, and the frame's write, and a
 * setImmediate after the write for the frame's tail; every 50 frames past the first
 * MARKS_SKIP (200) it writes the means to MARKS_OUT. Plain JavaScript, so no loader runs
 * in the measured process; it imports the client's classes from MARKS_ROOT (dist/).
 *
 *   MARKS_OUT=/tmp/marks.txt MARKS_ROOT=$PWD/dist tmux new -d -x 100 -y 30 \
 *     node --no-memory-reducer --import ./bench/tui/stretch-marks.mjs dist/bin/chat.js tui --port 8090 --name reader
 *   (echo SET_NAME sender; for i in $(seq 600); do echo "MESSAGE obs $i: bed 7 BP 128/84"; sleep 0.05; done) | nc 127.0.0.1 8090
 *   cat /tmp/marks.txt
 *
 * Stretches, microseconds per message: `tail` the frame's own tail (effects, microtasks);
 * `wake` to the socket's data (sleeping and the wake: the machine's floor); `intake` to the
 * frame clock's flush (lines, parse, reducer); `react` to the tree's read (React and Ink,
 * or the history's direct paint); `tree` the tree read; `reader` the frame reader; `plan`
 * the diff, the caret and the write.
 */
import {writeFileSync} from 'node:fs';
import net from 'node:net';
import process from 'node:process';
import {setImmediate} from 'node:timers';
import {fileURLToPath} from 'node:url';

const root = process.env['MARKS_ROOT'] ?? fileURLToPath(import.meta.resolve('../../dist'));
const out = process.env['MARKS_OUT'] ?? '/tmp/chat-stretch-marks.txt';
const skip = Number(process.env['MARKS_SKIP'] ?? 200);
const {FrameClock} = await import(`${root}/tui/terminal/frame-clock.js`);
const {DomFrames} = await import(`${root}/tui/terminal/dom-frame.js`);
const {FrameReader} = await import(`${root}/tui/terminal/frame-reader.js`);

const cpu = () => {
	const used = process.cpuUsage();
	return used.user + used.system;
};

/** CPU at each mark of the message in hand; 0 until reached. */
const marks = {data: 0, flush: 0, tree: 0, reader: 0, readerEnd: 0};
const sums = {tail: 0, wake: 0, intake: 0, react: 0, tree: 0, reader: 0, plan: 0, whole: 0};
let lastWrite = cpu();
let tail = 0;
let frames = 0;
let counted = 0;

/** Takes `mark` at the first call of `method` once `after` is taken. */
function markOnCall(prototype, method, mark, after) {
	const original = prototype[method];
	prototype[method] = function (...args) {
		if (marks[mark] === 0 && marks[after] !== 0) {
			marks[mark] = cpu();
		}
		const result = original.apply(this, args);
		if (mark === 'reader' && marks.readerEnd === 0) {
			marks.readerEnd = cpu();
		}
		return result;
	};
}

const emit = net.Socket.prototype.emit;
net.Socket.prototype.emit = function (event, ...args) {
	if (event === 'data' && marks.data === 0) {
		marks.data = cpu();
	}
	return emit.call(this, event, ...args);
};
markOnCall(FrameClock.prototype, 'flush', 'flush', 'data');
markOnCall(DomFrames.prototype, 'read', 'tree', 'flush');
markOnCall(FrameReader.prototype, 'read', 'reader', 'tree');

const write = process.stdout.write;
process.stdout.write = function (...args) {
	const result = write.apply(this, args);
	if (marks.readerEnd !== 0) {
		const now = cpu();
		frames++;
		if (frames > skip) {
			sums.tail += tail - lastWrite;
			sums.wake += marks.data - tail;
			sums.intake += marks.flush - marks.data;
			sums.react += marks.tree - marks.flush;
			sums.tree += marks.reader - marks.tree;
			sums.reader += marks.readerEnd - marks.reader;
			sums.plan += now - marks.readerEnd;
			sums.whole += now - lastWrite;
			counted++;
			if (counted % 50 === 0) {
				const lines = Object.entries(sums).map(([name, sum]) => `${name} ${(sum / counted).toFixed(0)}`);
				writeFileSync(out, `${lines.join('\n')}\nmessages ${counted}\n`);
			}
		}
		lastWrite = now;
		tail = 0;
		setImmediate(() => {
			tail = cpu();
		});
		marks.data = marks.flush = marks.tree = marks.reader = marks.readerEnd = 0;
	}
	return result;
};
