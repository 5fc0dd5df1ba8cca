/**
 * Quitting with a message not sent yet: the client asks on its status line instead of
 * exiting, Escape stays, and the same key again leaves (issue 12: `<erin> hello?
 * (pending)` was thrown away by one Ctrl-D).
 */
import test from 'ava';
import {startServe, startTui, statusRow, typeLine, waitForScreen, waitOnline} from '../helpers/e2e.js';

test('Ctrl-D with a pending message asks first; Escape stays; Ctrl-D again quits', async (t) => {
	t.timeout(60_000);
	const server = await startServe(t);
	const erin = await startTui(t, {port: server.port, name: 'erin', cols: 80, rows: 24});
	await waitOnline(erin, 'erin');
	await server.stop();
	await waitForScreen(erin, (screen) => statusRow(screen).startsWith(' offline'));
	await typeLine(erin, 'hello?');
	await waitForScreen(erin, '<erin> hello? (pending)');

	await erin.sendKey('C-d');
	const asked = await waitForScreen(erin, (screen) => statusRow(screen).includes('Quit anyway?'));
	t.regex(statusRow(asked), /1 message is not sent yet/);
	t.false((await erin.state()).dead, 'still running');

	await erin.sendKey('Escape');
	await waitForScreen(erin, (screen) => statusRow(screen).startsWith(' offline'));
	await erin.sendKey('C-d');
	await waitForScreen(erin, (screen) => statusRow(screen).includes('Quit anyway?'));
	await erin.sendKey('C-d');
	t.like(await erin.waitForExit(), {dead: true, exitStatus: 0});
});
