import test from 'ava';
import {fileURLToPath} from 'node:url';
import {isProcessRunning, lookAgain, startTmux, type StartTmuxOptions, type TmuxSession} from './tmux.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const nodeRunning = (name: string) => [process.execPath, '--import=tsx', fixture(name)];

async function open(t: {teardown(fn: () => Promise<void>): void}, options: StartTmuxOptions): Promise<TmuxSession> {
	const session = await startTmux(options);
	t.teardown(() => session.kill());
	return session;
}

/** Rows 3 and below of echo-keys' report, rejoined: the received text. */
const receivedText = (screen: string) => screen.split('\n').slice(3).join('');

test('keys sent literally arrive whole, even a 500-character burst', async (t) => {
	const tmux = await open(t, {command: nodeRunning('echo-keys.ts'), cols: 80, rows: 24});
	await tmux.waitForScreen('size 80x24');
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-_.,:!? ';
	const burst = Array.from({length: 500}, (_, index) => alphabet[index % alphabet.length]).join('');
	await tmux.sendKeys(burst);
	const screen = await tmux.waitForScreen('received 500');
	// capture-pane trims each row's trailing spaces; the burst's spaces inside rows survive.
	t.is(receivedText(screen), burst.replace(/ +$/, ''));
});

test('named keys arrive as the bytes a terminal sends', async (t) => {
	const tmux = await open(t, {command: nodeRunning('echo-keys.ts'), cols: 60, rows: 10});
	await tmux.waitForScreen('size 60x10');
	await tmux.sendKey('Enter');
	await tmux.waitForScreen('last "\\r"');
	await tmux.sendKey('C-c');
	await tmux.waitForScreen('last "\\u0003"');
	await tmux.sendKey('PageUp');
	await tmux.waitForScreen('last "\\u001b[5~"');
	t.false(await tmux.paneDead(), 'raw mode: C-c is a key, not SIGINT');
});

test('a resize reaches the program as its new size', async (t) => {
	const tmux = await open(t, {command: nodeRunning('echo-keys.ts'), cols: 80, rows: 24});
	await tmux.waitForScreen('size 80x24');
	await tmux.resize(100, 30);
	await tmux.waitForScreen('size 100x30');
	t.like(await tmux.state(), {cols: 100, rows: 30});
	await tmux.resize(40, 12);
	await tmux.waitForScreen('size 40x12');
});

test('waitForScreen gives up after its attempts and shows the last screen', async (t) => {
	const tmux = await open(t, {command: nodeRunning('echo-keys.ts'), cols: 40, rows: 5});
	await tmux.waitForScreen('size 40x5');
	const error = await t.throwsAsync(tmux.waitForScreen('never there', {attempts: 3, pauseMs: 1}));
	t.regex(error?.message ?? '', /after 3 captures/);
	t.regex(error?.message ?? '', /\|size 40x5/);
});

for (const ending of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
	const code = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143}[ending];
	test(`a full-screen program killed with ${ending} leaves the normal screen restored and exits ${code}`, async (t) => {
		const tmux = await open(t, {command: nodeRunning('full-screen-app.ts'), cols: 60, rows: 10});
		await tmux.waitForScreen('ALT SCREEN APP');
		t.like(await tmux.state(), {alternateScreen: true, cursorVisible: false});

		process.kill(tmux.panePid(), ending);
		const state = await tmux.waitForExit();
		t.like(state, {dead: true, exitStatus: code, exitSignal: undefined, alternateScreen: false});
		const screen = await tmux.capture();
		t.is(screen.split('\n')[0], 'left on the normal screen');
		t.false(screen.includes('ALT SCREEN APP'), screen);
	});
}

test('a full-screen program that quits restores the screen and exits 0', async (t) => {
	const tmux = await open(t, {command: nodeRunning('full-screen-app.ts'), cols: 60, rows: 10});
	await tmux.waitForScreen('ALT SCREEN APP');
	await tmux.sendKeys('q');
	t.like(await tmux.waitForExit(), {exitStatus: 0, alternateScreen: false});
	t.is((await tmux.capture()).split('\n')[0], 'left on the normal screen');
});

test('a full-screen program that crashes restores the screen, then shows the error on it', async (t) => {
	// Tall enough for the stack trace not to scroll the first line away.
	const tmux = await open(t, {command: nodeRunning('full-screen-app.ts'), cols: 100, rows: 40});
	await tmux.waitForScreen('ALT SCREEN APP');
	await tmux.sendKeys('x');
	t.like(await tmux.waitForExit(), {exitStatus: 1, alternateScreen: false});
	const screen = await tmux.capture();
	t.is(screen.split('\n')[0], 'left on the normal screen');
	t.regex(screen, /Error: crashed on purpose/);
});

test('the cursor is visible again once a full-screen program has quit', async (t) => {
	// A shell stays in the pane after the program, because tmux reports a dead pane's cursor as hidden.
	const script = `"$0" --import=tsx "$1"; echo "exited with $?"; exec sleep 60`;
	const tmux = await open(t, {
		command: ['sh', '-c', script, process.execPath, fixture('full-screen-app.ts')],
		cols: 60,
		rows: 10,
	});
	await tmux.waitForScreen('ALT SCREEN APP');
	t.like(await tmux.state(), {alternateScreen: true, cursorVisible: false});
	await tmux.sendKeys('q');
	await tmux.waitForScreen('exited with 0');
	t.like(await tmux.state(), {dead: false, alternateScreen: false, cursorVisible: true});
});

test('kill stops the server and the program', async (t) => {
	const tmux = await startTmux({command: nodeRunning('echo-keys.ts'), cols: 40, rows: 5});
	await tmux.waitForScreen('size 40x5');
	t.true(isProcessRunning(tmux.serverPid) && isProcessRunning(tmux.panePid()));
	await tmux.kill();
	await tmux.kill();
	// The signals are sent by the time kill() returns, but exiting takes the processes a moment: look again (hang.ts bounds it).
	const more = lookAgain(undefined);
	for (let looks = 1; (isProcessRunning(tmux.serverPid) || isProcessRunning(tmux.panePid())) && more(looks); looks++) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	t.false(isProcessRunning(tmux.serverPid), 'tmux server');
	t.false(isProcessRunning(tmux.panePid()), 'program');
});
