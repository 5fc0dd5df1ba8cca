import test from 'ava';
import {LinkWatch} from '../../../tui/connection/link-watch.js';
import {ManualScheduler} from '../../helpers/manual-scheduler.js';

function watch(timing = {idleMs: 5000, answerMs: 5000}) {
	const scheduler = new ManualScheduler();
	const heard: string[] = [];
	const link = new LinkWatch(scheduler, timing, {
		probe: (token) => heard.push(`probe ${token}`),
		dead: () => heard.push('dead'),
	});
	return {scheduler, heard, link};
}

test('a quiet link is probed after the idle time, and again each time it goes quiet', (t) => {
	const {scheduler, heard, link} = watch();
	t.deepEqual(scheduler.pendingDelays, [5000]);
	scheduler.fireNext();
	t.deepEqual(heard, ['probe ka1']);
	link.heard();
	scheduler.fireNext();
	t.deepEqual(heard, ['probe ka1', 'probe ka2'], 'answered, then quiet for the idle time again');
	t.deepEqual(scheduler.pendingDelays, [5000]);
});

test('no answer within the answer time: the link is dead, once, and nothing more is scheduled', (t) => {
	const {scheduler, heard} = watch();
	scheduler.fireNext();
	scheduler.fireNext();
	t.deepEqual(heard, ['probe ka1', 'dead']);
	t.deepEqual(scheduler.pendingDelays, []);
});

test('anything heard counts as an answer; the next probe waits for the rest of the idle time', (t) => {
	const {scheduler, heard, link} = watch({idleMs: 5000, answerMs: 2000});
	scheduler.fireNext();
	link.heard();
	scheduler.fireNext();
	t.deepEqual(heard, ['probe ka1'], 'two seconds after the answer: not quiet long enough');
	t.deepEqual(scheduler.pendingDelays, [3000]);
	scheduler.fireNext();
	t.deepEqual(heard, ['probe ka1', 'probe ka2']);
});

test('stop cancels the timer', (t) => {
	const {scheduler, heard, link} = watch();
	link.stop();
	t.deepEqual(scheduler.pendingDelays, []);
	t.deepEqual(heard, []);
});
