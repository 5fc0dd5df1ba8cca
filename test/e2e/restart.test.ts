/**
 * The server dies (SIGKILL: no goodbye) and comes back on the same port with nothing
 * remembered. The TUIs notice, count down to their next try, keep what is typed
 * meanwhile as pending, and come back by themselves: same name, same group (recreated
 * by the first one back, joined by the next), and the pending message delivered once.
 *
 * Who comes back first is the test's choice, not a race: alice is stopped (SIGSTOP)
 * while the new server starts, so bob is first back and finds the group gone, and
 * carol is in it again before alice resumes and sends what she typed.
 */
import test from 'ava';
import {
	nextGroupMessage,
	rawClient,
	rows,
	startServe,
	startStoppableTui,
	startTui,
	statusRow,
	typeLine,
	waitForScreen,
	waitOnline,
} from '../helpers/e2e.js';

/** The seconds of "offline, retrying in 2s" on the status line, or NaN. */
const secondsToRetry = (screen: string) => Number(/^ offline, retrying in (\d+)s /.exec(statusRow(screen))?.[1]);

test('killed and restarted on the same port: offline countdown, pending message, rejoin, delivered once', async (t) => {
	t.timeout(120_000);
	const first = await startServe(t);
	const {port} = first;
	const {tui: alice, pid: alicePid} = await startStoppableTui(t, {port, name: 'alice'});
	await waitOnline(alice, 'alice');
	const bob = await startTui(t, {port, name: 'bob'});
	await waitOnline(bob, 'bob');
	await typeLine(alice, '/new ward');
	await waitOnline(alice, 'alice', 'ward');
	await typeLine(bob, '/join ward');
	await waitOnline(bob, 'bob', 'ward');

	t.like(await first.stop('SIGKILL'), {signal: 'SIGKILL'});

	// Offline, and counting down to the next try: a number, then one less.
	const counting = await waitForScreen(alice, (screen) => secondsToRetry(screen) >= 2);
	t.regex(counting, /Disconnected: The server closed the connection\. Reconnecting;/);
	await waitForScreen(alice, (screen) => secondsToRetry(screen) === secondsToRetry(counting) - 1);

	// Typed while offline: shown at once, marked pending, kept.
	await typeLine(alice, 'typed while offline');
	const pending = await waitForScreen(alice, /… {3}<alice> typed while offline \(pending\)/);
	t.true(rows(pending).at(-1)!.startsWith(' offline'));

	process.kill(alicePid, 'SIGSTOP');

	const second = await startServe(t, port);
	t.is(second.port, port);
	// bob is first back: his group is gone, so he creates it again.
	await waitForScreen(bob, 'Reconnected. The server no longer had group ward, so it was created');
	await waitOnline(bob, 'bob', 'ward');
	const carol = await rawClient(t, port, 'carol');
	t.regex((await carol.command('JOIN_GROUP ward')).outcome, /^OK JOIN_GROUP ward /);

	process.kill(alicePid, 'SIGCONT');
	// alice comes back under her name, into ward, and sends what she typed.
	const back = await waitForScreen(
		alice,
		(screen) =>
			/\d\d:\d\d <alice> typed while offline/.test(screen) && screen.includes('Reconnected and back in group ward.'),
	);
	t.false(back.includes('(pending)'));
	await waitOnline(alice, 'alice', 'ward');
	t.regex(second.process.stderr, /event=register .*user=alice/);
	t.is((await nextGroupMessage(carol, 'alice', 'typed while offline')).group, 'ward');
	await waitForScreen(bob, /\d\d:\d\d <alice> typed while offline/);

	// Exactly once: bob's next message reaches carol after anything alice could have resent.
	await typeLine(bob, 'got it');
	await nextGroupMessage(carol, 'bob', 'got it');
	t.is(carol.received.filter((line) => line.endsWith(' alice typed while offline')).length, 1);
	// And once on each screen, alice's own after her catch-up (HISTORY), which the
	// server answered before it handled bob's message.
	for (const tui of [bob, alice]) {
		const screen = await waitForScreen(tui, /\d\d:\d\d <bob> got it/);
		t.is(screen.split('typed while offline').length - 1, 1);
	}
});
