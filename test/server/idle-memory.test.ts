import {setImmediate as nextTurn} from 'node:timers/promises';
import test from 'ava';
import {IDLE_LOOK_MS, IdleMemory, QUIET_BYTES, SLACK_BYTES, type HeapReading} from '../../server/net/idle-memory.js';
import {collectV8Garbage, readV8Heap} from '../../server/net/v8-heap.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';

const MiB = 1024 * 1024;

/** An IdleMemory over a heap the test sets, counting the collections asked for. */
function harness(start: HeapReading = {used: 40 * MiB, committed: 80 * MiB}) {
	const scheduler = new ManualScheduler();
	let heap = start;
	const collected: HeapReading[] = [];
	const memory = new IdleMemory({
		scheduler,
		readHeap: () => heap,
		async collect() {
			collected.push(heap);
			// What a full collection does: the garbage and the slack go.
			heap = {used: heap.used / 2, committed: heap.used / 2 + MiB};
		},
	});
	memory.start();
	return {
		scheduler,
		memory,
		collected,
		get heap() {
			return heap;
		},
		set heap(reading: HeapReading) {
			heap = reading;
		},
		/** One look, and the collection it may have started settled. */
		async look() {
			scheduler.advance(IDLE_LOOK_MS);
			await nextTurn();
		},
	};
}

test('a server that goes quiet after work is collected once, and not again while it stays quiet', async (t) => {
	const server = harness();
	await server.look();
	t.is(server.collected.length, 1, 'quiet since it started (after start-up work): collected');
	for (let look = 0; look < 5; look++) {
		await server.look();
	}

	t.is(server.collected.length, 1, 'nothing happened since: no collection');
	t.is(server.scheduler.pending, 1, 'still looking');
});

test('while the heap keeps moving nothing is collected; the first quiet look after it collects', async (t) => {
	const server = harness();
	await server.look();
	t.is(server.collected.length, 1);
	for (let look = 0; look < 4; look++) {
		server.heap = {used: server.heap.used + 8 * MiB, committed: server.heap.committed + 16 * MiB};
		await server.look();
	}

	server.heap = {used: server.heap.used - 6 * MiB, committed: server.heap.committed};
	await server.look();
	t.is(server.collected.length, 1, 'a collection (the heap shrank by a scavenge) is work too');
	await server.look();
	t.is(server.collected.length, 2, 'quiet for a whole look after work: collected');
});

test('a heap that moved by less than QUIET_BYTES was quiet; with no slack to give back it is left alone', async (t) => {
	const server = harness({used: 40 * MiB, committed: 40 * MiB + SLACK_BYTES - 1});
	server.heap = {used: server.heap.used + QUIET_BYTES - 1, committed: server.heap.committed};
	await server.look();
	t.is(server.collected.length, 0, 'committed hardly above used: nothing worth a full collection');
	server.heap = {used: server.heap.used, committed: server.heap.committed + 8 * MiB};
	await server.look();
	t.is(server.collected.length, 0, 'the heap grew: busy');
	await server.look();
	t.is(server.collected.length, 1, 'then quiet, with slack: collected');
});

test('stop() ends the looks', async (t) => {
	const server = harness();
	server.memory.stop();
	t.is(server.scheduler.pending, 0);
	await server.look();
	t.is(server.collected.length, 0);
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
