/**
 * V8's heap as IdleMemory (idle-memory.ts) reads and shrinks it. The collection is the
 * one the inspector protocol offers (HeapProfiler.collectGarbage: V8's low-memory
 * notification, full collections that also shrink the young generation), asked of an
 * in-process session: no port is opened, nothing outside the process can connect.
 */
import {getHeapStatistics} from 'node:v8';
import type {HeapReading} from './idle-memory.js';

export function readV8Heap(): HeapReading {
	const statistics = getHeapStatistics();
	return {used: statistics.used_heap_size, committed: statistics.total_heap_size};
}

export async function collectV8Garbage(): Promise<void> {
	// Loaded on first use: a node built without the inspector throws here, and a server that never goes quiet never needs it.
	const {Session} = await import('node:inspector/promises');
	const session = new Session();
	session.connect();
	try {
		await session.post('HeapProfiler.enable');
		await session.post('HeapProfiler.collectGarbage');
		await session.post('HeapProfiler.disable');
	} finally {
		session.disconnect();
	}
}
