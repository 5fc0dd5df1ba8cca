import {setImmediate as nextTurn} from 'node:timers/promises';
import test from 'ava';
import {eventLoopBusy} from '../../server/net/event-loop-busy.js';
import {
	IDLE_BUSY,
	IDLE_LOOK_MS,
	IDLE_LOOKS,
	IdleMemory,
	SLACK_BYTES,
	type HeapReading,
} from '../../server/net/idle-memory.js';
import {collectV8Garbage, readV8Heap} from '../../server/net/v8-heap.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';

const MiB = 1024 * 1024;

/** An IdleMemory over an event loop and a heap the test sets, counting the collections asked for. */
function harness(start: HeapReading = {used: 40 * MiB, committed: 80 * MiB}) {
	const scheduler = new ManualScheduler();
	const state = {heap: start, busy: 0};
	const collected: HeapReading[] = [];
	const memory = new IdleMemory({
		scheduler,
		readBusy: () => state.busy,
		readHeap: () => state.heap,
		async collect() {
			collected.push(state.heap);
			// What a full collection does: the garbage and the slack go.
			state.heap = {used: state.heap.used / 2, committed: state.heap.used / 2 + MiB};
		},
	});
	memory.start();
	return {
		scheduler,
		memory,
		collected,
		state,
		/** One look, `busy` the share of it the loop was busy, and the collection it may have started settled. */
		async look(busy = 0) {
			state.busy = busy;
			scheduler.advance(IDLE_LOOK_MS);
			await nextTurn();
			state.busy = 0;
		},
		/** IDLE_LOOKS - 1 idle looks: one short of a collection. */
		async almostIdle() {
			for (let look = 1; look < IDLE_LOOKS; look++) {
				await this.look();
			}
		},
	};
}

test('a server that goes idle after work is collected once, and not again while it stays idle', async (t) => {
	const server = harness();
	await server.almostIdle();
	t.is(server.collected.length, 0, 'not idle for long enough yet');
	await server.look();
	t.is(server.collected.length, 1, 'idle since it started (start-up was work), with slack: collected');
	for (let look = 0; look < 5; look++) {
		await server.look();
	}

	t.is(server.collected.length, 1, 'nothing happened since: no collection');
	t.is(server.scheduler.pending, 1, 'still looking');
});

test('while the event loop is busy nothing is collected, whatever the heap reads; idle for IDLE_LOOKS looks after it collects', async (t) => {
	const server = harness();
	await server.almostIdle();
	await server.look();
	t.is(server.collected.length, 1);
	server.state.heap = {used: 30 * MiB, committed: 60 * MiB};
	for (let look = 0; look < 4; look++) {
		// The heap reads the same at every look (a scavenge before each), but the loop is busy.
		await server.look(0.5);
	}

	await server.look(IDLE_BUSY);
	t.is(server.collected.length, 1, `busy ${IDLE_BUSY} of the time is not idle`);
	await server.almostIdle();
	t.is(server.collected.length, 1);
	await server.look(IDLE_BUSY / 2);
	t.is(server.collected.length, 2, 'idle for long enough after work: collected');
});

test('a pause between bursts shorter than IDLE_LOOKS looks is not idleness', async (t) => {
	const server = harness();
	for (let burst = 0; burst < 5; burst++) {
		await server.look(0.5);
		await server.almostIdle();
	}

	t.is(server.collected.length, 0);
});

test('a heap that grew is work; with no slack to give back, an idle server is left alone', async (t) => {
	const server = harness({used: 40 * MiB, committed: 40 * MiB + SLACK_BYTES - 1});
	await server.almostIdle();
	await server.look();
	t.is(server.collected.length, 0, 'committed hardly above used: nothing worth a full collection');
	server.state.heap = {used: server.state.heap.used, committed: server.state.heap.committed + 8 * MiB};
	await server.look();
	t.is(server.collected.length, 0, 'the heap grew: busy');
	await server.almostIdle();
	t.is(server.collected.length, 0);
	await server.look();
	t.is(server.collected.length, 1, 'then idle, with slack: collected');
});

test('stop() ends the looks', async (t) => {
	const server = harness();
	server.memory.stop();
	t.is(server.scheduler.pending, 0);
	await server.look();
	t.is(server.collected.length, 0);
});

test('the event loop reads busy while it runs code', async (t) => {
	const readBusy = eventLoopBusy();
	const until = performance.now() + 50;
	while (performance.now() < until) {
		// Busy: the loop runs this and nothing else.
	}

	await nextTurn();
	const busy = readBusy();
	t.true(busy > 0.5 && busy <= 1, `busy ${busy}`);
});

test("V8's heap is read and collected in process: garbage goes, and the heap shrinks", async (t) => {
	let garbage: unknown[] | undefined = Array.from({length: 200_000}, (_, index) => ({index, text: `x${index}`}));
	t.is(garbage.length, 200_000);
	garbage = undefined;
	const before = readV8Heap();
	await collectV8Garbage();
	const after = readV8Heap();
	t.true(after.used < before.used, `used ${before.used} -> ${after.used}`);
	t.true(after.committed <= before.committed, `committed ${before.committed} -> ${after.committed}`);
});
