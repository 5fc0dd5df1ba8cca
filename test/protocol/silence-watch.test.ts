/** SilenceWatch, as the client's link watch and as the server's keepalive run it. */
import test from 'ava';
import {SilenceWatch} from '../../protocol/silence-watch.js';
import {LINK_WATCH_TOKEN_PREFIX} from '../../tui/connection/link-watch.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';

function watch(timing = {idleMs: 5000, answerMs: 5000}) {
	const scheduler = new ManualScheduler();
	const heard: string[] = [];
	const link = new SilenceWatch(
		scheduler,
		timing,
		{
			probe: (token) => heard.push(`probe ${token}`),
			dead: () => heard.push('dead'),
		},
		LINK_WATCH_TOKEN_PREFIX,
	);
	return {scheduler, heard, link};
}

test('the client link watch: a quiet link is probed after the idle time, and again each time it goes quiet', (t) => {
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

test('the server keepalive (half the idle timeout each way): ping once per silence, idle at the timeout, nothing after stop()', (t) => {
	const clock = new ManualScheduler();
	const events: string[] = [];
	const keepalive = new SilenceWatch(
		clock,
		{idleMs: 500, answerMs: 500},
		{
			probe: (token) => events.push(`ping ${token}`),
			dead: () => events.push('idle'),
		},
	);
	clock.advance(499);
	t.deepEqual(events, []);
	clock.advance(1);
	t.deepEqual(events, ['ping 1']);
	clock.advance(200);
	keepalive.heard();
	clock.advance(499);
	t.deepEqual(events, ['ping 1'], 'heard 499 ms ago: not yet');
	clock.advance(1);
	t.deepEqual(events, ['ping 1', 'ping 2']);
	clock.advance(499);
	t.deepEqual(events, ['ping 1', 'ping 2']);
	clock.advance(1);
	t.deepEqual(events, ['ping 1', 'ping 2', 'idle']);
	t.is(clock.pending, 0, 'nothing is left scheduled after idle');

	const stopped = new SilenceWatch(clock, {idleMs: 500, answerMs: 500}, {probe: () => t.fail(), dead: () => t.fail()});
	stopped.stop();
	t.is(clock.pending, 0);
	clock.advance(5000);
});
