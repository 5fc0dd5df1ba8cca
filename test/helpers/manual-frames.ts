/**
 * The client as alice on a headless terminal, drawing on a frame clock the test advances
 * by hand, with bob registered and listed: "an interval passes" is the test's call.
 * `frames()` counts the frames drawn so far.
 */
import type {ExecutionContext} from 'ava';
import {FrameClock} from '../../tui/terminal/frame-clock.js';
import {BEGIN_SYNCHRONIZED_UPDATE} from '../../tui/terminal/frame-writer.js';
import {isOnline, startChatServer, until} from '../tui/session/helpers.js';
import {ManualScheduler} from './manual-scheduler.js';
import {createRecordedTerminal, runHeadlessTui} from './run-headless.js';
import {register} from './server.js';

export async function startWithManualFrameClock(t: ExecutionContext) {
	const server = await startChatServer(t, 0, {rate: 0});
	const {term, written} = createRecordedTerminal(t, {cols: 100, rows: 30});
	const frames = () => written.filter((chunk) => chunk.startsWith(BEGIN_SYNCHRONIZED_UPDATE)).length;
	const timer = new ManualScheduler();
	const {session, exit} = await runHeadlessTui(t, term, server.port, new FrameClock(timer, 16));
	const bob = await register(t, server, 'bob');
	await until(
		session,
		'online, bob listed',
		(s) => isOnline(s) && s.inFlight.length === 0 && s.directory.users.size === 2,
	);
	// Whatever the start-up left waiting is drawn; then an interval passes with nothing drawn.
	timer.advance(16);
	await term.waitForScreen((rows) => rows[29]!.startsWith(' online │'));
	timer.advance(16);
	return {term, session, exit, timer, bob, frames};
}
