import test from 'ava';
import {FrameClock} from '../../../tui/terminal/frame-clock.js';
import {ManualScheduler} from '../../helpers/manual-scheduler.js';

function setup(interval = 16) {
	const scheduler = new ManualScheduler();
	const clock = new FrameClock(scheduler, interval);
	let frames = 0;
	const frame = () => {
		frames++;
	};

	return {scheduler, clock, frame, frames: () => frames};
}

test('a change after a quiet interval passes at once', (t) => {
	const {clock, frame, frames, scheduler} = setup();
	clock.request(frame);
	t.is(frames(), 1);
	t.is(scheduler.pending, 0, 'no timer');
});

test('changes within one interval of a frame merge into one frame at its end', (t) => {
	const {clock, frame, frames, scheduler} = setup();
	clock.request(frame);
	scheduler.advance(5);
	for (let change = 0; change < 1000; change++) {
		clock.request(frame);
	}

	t.is(frames(), 1, 'only the first so far');
	t.deepEqual(scheduler.pendingDelays, [11], 'one timer, to the end of the interval');
	scheduler.advance(10);
	t.is(frames(), 1);
	scheduler.advance(1);
	t.is(frames(), 2, 'the 1,000 changes in one frame');
	scheduler.advance(100);
	t.is(frames(), 2, 'nothing more without a change');
});

test('a steady stream gets one frame per interval', (t) => {
	const {clock, frame, frames, scheduler} = setup();
	// 1,000 changes a second for one second: 1 ms apart.
	for (let ms = 0; ms < 1000; ms++) {
		clock.request(frame);
		scheduler.advance(1);
	}

	t.true(frames() <= Math.ceil(1000 / 16) + 1, `${frames()} frames`);
	t.true(frames() >= Math.floor(1000 / 17), `${frames()} frames`);
});

test('a cancelled callback is not run, and its timer is stopped', (t) => {
	const {clock, frame, frames, scheduler} = setup();
	clock.request(frame);
	clock.request(frame);
	t.is(scheduler.pending, 1);
	clock.cancel(frame);
	t.is(scheduler.pending, 0);
	scheduler.advance(100);
	t.is(frames(), 1);
});

test('interval 0 passes every change on at once', (t) => {
	const {clock, frame, frames, scheduler} = setup(0);
	for (let change = 0; change < 5; change++) {
		clock.request(frame);
	}

	t.is(frames(), 5);
	t.is(scheduler.pending, 0);
});
