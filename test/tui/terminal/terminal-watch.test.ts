/**
 * A terminal that is gone is noticed: input that ends or fails, output that is not read
 * for a bounded time. On a manual clock: nothing waits for real time.
 */
import {EventEmitter} from 'node:events';
import test from 'ava';
import {OUTPUT_STALL_MS, watchTerminal} from '../../../tui/terminal/terminal-watch.js';
import {ManualScheduler} from '../../helpers/manual-scheduler.js';

function watched() {
	const stdin = new EventEmitter();
	const stdout = {writableLength: 0};
	const scheduler = new ManualScheduler();
	const gone: string[] = [];
	const stop = watchTerminal({stdin, stdout, scheduler, onGone: (why) => gone.push(why)});
	return {stdin, stdout, scheduler, gone, stop};
}

test('input that ends: the terminal is gone, said once', (t) => {
	const {stdin, gone, scheduler} = watched();
	stdin.emit('end');
	stdin.emit('end');
	t.deepEqual(gone, ['the terminal closed (end of input)']);
	t.is(scheduler.pending, 0, 'nothing left to check');
});

test('input that fails with EIO (the pseudo-terminal closed): the terminal is gone', (t) => {
	const {stdin, gone} = watched();
	stdin.emit('error', Object.assign(new Error('read EIO'), {code: 'EIO'}));
	t.deepEqual(gone, ['the terminal failed (EIO); it is gone']);
});

test('output queued and not read for the bound: the terminal is gone', (t) => {
	const {stdout, scheduler, gone} = watched();
	stdout.writableLength = 4096;
	scheduler.advance(OUTPUT_STALL_MS - 1);
	t.deepEqual(gone, []);
	scheduler.advance(10_000);
	t.deepEqual(gone, ['nothing written to the terminal was read for 30 s']);
});

test('output that drains, however often it is queued, is a terminal still there', (t) => {
	const {stdout, scheduler, gone, stop} = watched();
	for (let round = 0; round < 20; round++) {
		stdout.writableLength = 100;
		scheduler.advance(OUTPUT_STALL_MS / 2);
		stdout.writableLength = 0;
		scheduler.advance(5000);
	}

	t.deepEqual(gone, []);
	stop();
	t.is(scheduler.pending, 0);
});
