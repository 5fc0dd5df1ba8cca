/**
 * Plain line mode rings for a page the way the full screen does: every few seconds
 * while it waits, even with --no-bell, until /ack. In process, against a real server,
 * with the ring's clock held by the test.
 */
import {PassThrough, Writable} from 'node:stream';
import test from 'ava';
import {runPlain} from '../../../tui/plain/run-plain.js';
import {PAGE_RING_MS, type RingTimers} from '../../../tui/session/page-ring.js';
import {register} from '../../helpers/server.js';
import {startChatServer} from '../session/helpers.js';

/** What was written, and a promise for the first time it matches. */
function terminal() {
	let output = '';
	const waiting: Array<{readonly match: RegExp; readonly resolve: () => void}> = [];
	const stdout = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			output += chunk.toString('utf8');
			for (const waiter of waiting.filter((candidate) => candidate.match.test(output))) {
				waiting.splice(waiting.indexOf(waiter), 1);
				waiter.resolve();
			}

			callback();
		},
	});
	return {
		stdout,
		output: () => output,
		waitFor: (match: RegExp) =>
			match.test(output) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({match, resolve})),
	};
}

/** Interval timers the test fires by hand. */
function heldTimers() {
	const intervals = new Map<number, {readonly callback: () => void; readonly ms: number}>();
	let next = 1;
	const timers: RingTimers = {
		setInterval(callback, ms) {
			intervals.set(next, {callback, ms});
			return next++;
		},
		clearInterval(handle) {
			intervals.delete(handle as number);
		},
	};
	return {timers, intervals};
}

test('a page rings every few seconds while it waits, even with --no-bell, and stops once /ack is answered', async (t) => {
	const server = await startChatServer(t);
	const bob = await register(t, server, 'bob');
	const stdin = new PassThrough();
	const screen = terminal();
	const {timers, intervals} = heldTimers();
	const exited = runPlain({
		host: '127.0.0.1',
		port: server.port,
		name: 'alice',
		bell: false,
		stdin,
		stdout: screen.stdout,
		ringTimers: timers,
	});
	t.teardown(() => stdin.end());
	await screen.waitFor(/^online │/m);
	t.is(intervals.size, 0, 'nothing waits, nothing rings');

	bob.send('PAGE alice Bed 4 BP 70/40, come now');
	await screen.waitFor(/^@bob ⚑ PAGE from bob: Bed 4 BP 70\/40, come now\. Type \/ack to acknowledge\.$/m);
	t.false(screen.output().includes('\x07'), '--no-bell: the arrival itself does not ring');
	const [ring] = [...intervals.values()];
	t.is(intervals.size, 1);
	t.is(ring!.ms, PAGE_RING_MS);
	ring!.callback();
	ring!.callback();
	t.is(screen.output().split('\x07').length - 1, 2, 'each interval rings once');

	stdin.write('/ack\n');
	await bob.until((line) => line.startsWith('ACKED'));
	await screen.waitFor(/⚑ page, acknowledged \d\d:\d\d$/m);
	t.is(intervals.size, 0, 'acknowledged: the ringing stops');

	stdin.end();
	t.is(await exited, 0);
});

test('quitting with messages unsent asks first, as a line; any other line stays, /quit again quits', async (t) => {
	const server = await startChatServer(t);
	await register(t, server, 'bob');
	const stdin = new PassThrough();
	const screen = terminal();
	const exited = runPlain({host: '127.0.0.1', port: server.port, name: 'alice', stdin, stdout: screen.stdout});
	t.teardown(() => stdin.end());
	await screen.waitFor(/^online │/m);
	await server.close();
	await screen.waitFor(/^offline │/m);

	stdin.write('Bed 4 obs are stable.\n/quit\n');
	await screen.waitFor(
		/^1 message is not sent yet and would be lost\. Quit anyway\? \/quit again \(or Ctrl-C\) quits; any other line stays\.$/m,
	);
	stdin.write('Back in 5.\n/quit\n');
	await screen.waitFor(/^2 messages are not sent yet and would be lost\./m);
	stdin.write('/quit\n');
	t.is(await exited, 0);
});
