/**
 * The flusher's timers, on a mock clock: a lone lazy line (a presence event) waits
 * LAZY_FLUSH_MS for company on a quiet server, not less and not more; a line queued
 * for the end of the turn goes at the next setImmediate. Mock timers, because the wait
 * is the point: measured on the wall clock, a loaded machine made it look long.
 */
import {mock} from 'node:test';
import test from 'ava';
import {Flusher, LAZY_FLUSH_MS} from '../../server/net/flusher.js';

test.serial(
	'a lone lazy flush comes LAZY_FLUSH_MS after it was asked for, an end-of-turn flush at the next immediate',
	(t) => {
		mock.timers.enable({apis: ['setTimeout', 'setImmediate']});
		t.teardown(() => mock.timers.reset());
		const flushed: string[] = [];
		const flusher = new Flusher();
		flusher.scheduleLazy({flushQueued: (soon) => flushed.push(`lazy soon=${soon}`)});
		flusher.schedule({flushQueued: (soon) => flushed.push(`turn soon=${soon}`)});
		mock.timers.tick(0);
		t.deepEqual(flushed, ['turn soon=true'], 'the end of the turn does not take the lazy line along');
		mock.timers.tick(LAZY_FLUSH_MS - 1);
		t.deepEqual(flushed, ['turn soon=true'], 'the lazy line still waits for company');
		mock.timers.tick(1);
		t.deepEqual(flushed, ['turn soon=true', 'lazy soon=false']);
	},
);
