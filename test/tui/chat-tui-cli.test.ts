/**
 * The real `chat tui` from dist/ (npm test builds it first): one-line refusals of bad
 * arguments and of a non-terminal, and, in tmux, a session as a person has it: typing,
 * quitting, and being killed, each leaving the terminal as it was.
 */
import test, {type ExecutionContext} from 'ava';
import {CHAT_BIN, spawnChat} from '../helpers/chat-process.js';
import {startTmux, type TmuxSession} from '../helpers/tmux.js';
import {register} from '../helpers/server.js';
import {startChatServer} from './session/helpers.js';

test('chat --help lists tui; chat tui --help shows its options', async (t) => {
	const help = spawnChat(t, ['--help']);
	t.like(await help.exited, {code: 0});
	t.regex(help.stdout, /chat tui +Open the full-screen chat client/);
	const tui = spawnChat(t, ['tui', '--help']);
	t.like(await tui.exited, {code: 0});
	for (const option of ['--host', '--port', '--name', '--bell']) {
		t.true(tui.stdout.includes(option), option);
	}

	t.regex(tui.stdout, /--no-bell/);
});

for (const [args, message] of [
	[['--name', 'dr who'], 'chat: --name: Names cannot contain spaces: "dr who".\n'],
	[['--name', 'a'.repeat(33)], `chat: --name: Names can be at most 32 characters; "${'a'.repeat(33)}" has 33.\n`],
	[['--port', '70000'], 'chat: --port must be a whole number from 1 to 65535.\n'],
	[['--port', 'x'], 'chat: --port must be a whole number from 1 to 65535.\n'],
] as const) {
	test(`chat tui ${args.join(' ')}: one line, exit 1, the screen untouched`, async (t) => {
		const chat = spawnChat(t, ['tui', ...args]);
		t.like(await chat.exited, {code: 1});
		t.is(chat.stderr, message);
		t.is(chat.stdout, '');
	});
}

test('chat tui without a terminal says so in one line and exits 1', async (t) => {
	// A terminal type that can draw the full screen: with TERM=dumb the client would run in plain line mode.
	const chat = spawnChat(t, ['tui', '--name', 'alice'], {env: {TERM: 'xterm-256color'}});
	t.like(await chat.exited, {code: 1});
	t.regex(
		chat.stderr,
		/^chat: chat tui needs a terminal, but its output is not one; talk to the server with nc 127\.0\.0\.1 8090 instead\.\n$/,
	);
	t.is(chat.stdout, '');
});

async function tmuxTui(t: ExecutionContext, command: string[], cols = 100, rows = 30): Promise<TmuxSession> {
	const tmux = await startTmux({command, cols, rows, env: {NO_COLOR: ''}});
	t.teardown(() => tmux.kill());
	return tmux;
}

/** `chat tui` signed in as alice to the server on `port`, straight in a tmux window of that size. */
async function aliceTui(t: ExecutionContext, port: number, cols: number, rows: number): Promise<TmuxSession> {
	return tmuxTui(t, [process.execPath, CHAT_BIN, 'tui', '--port', String(port), '--name', 'alice'], cols, rows);
}

test('in a real terminal: type, send, quit; the shell comes back with its screen and a visible cursor', async (t) => {
	const server = await startChatServer(t);
	const bob = await register(t, server, 'bob');
	const script = `echo "before chat"; "$0" "$1" tui --port "$2" --name alice; echo "exited with $?"; exec sleep 60`;
	const tmux = await tmuxTui(t, ['sh', '-c', script, process.execPath, CHAT_BIN, String(server.port)]);
	await tmux.waitForScreen(/ online │ 127\.0\.0\.1:\d+ │ alice │ in lobby/);
	t.like(await tmux.state(), {alternateScreen: true, cursorVisible: true});
	await tmux.sendKeys('hello bob');
	await tmux.sendKey('Enter');
	await tmux.waitForScreen(/\d\d:\d\d <alice> hello bob/);
	t.regex((await bob.until((line) => line.startsWith('MSG'))).at(-1)!, /lobby alice hello bob$/);
	for (let index = 1; index <= 40; index++) {
		bob.send(`MESSAGE hi alice ${index}`);
	}

	await tmux.waitForScreen('<bob> hi alice 40');
	await tmux.sendKey('PageUp');
	await tmux.waitForScreen('Scrolled up');
	await tmux.sendKey('Escape');
	await tmux.waitForScreen((screen) => !screen.includes('Scrolled up'));
	await tmux.sendKeys('/quit');
	await tmux.sendKey('Enter');
	const screen = await tmux.waitForScreen('exited with 0');
	t.regex(screen, /^before chat\nexited with 0/);
	t.like(await tmux.state(), {alternateScreen: false, cursorVisible: true});
});

test('SIGTERM: the terminal is restored and the exit code says so', async (t) => {
	const server = await startChatServer(t);
	const tmux = await aliceTui(t, server.port, 60, 20);
	await tmux.waitForScreen(' online │');
	process.kill(tmux.panePid(), 'SIGTERM');
	const state = await tmux.waitForExit();
	t.like(state, {dead: true, exitStatus: 143, alternateScreen: false});
	t.false((await tmux.capture()).includes('online'));
});

test('a resize in a real terminal re-lays out at once, down to 40x12 and back', async (t) => {
	const server = await startChatServer(t);
	const tmux = await aliceTui(t, server.port, 100, 30);
	await tmux.waitForScreen('GROUPS');
	await tmux.resize(40, 12);
	let screen = await tmux.waitForScreen(
		(text) => !text.includes('GROUPS') && / online │ alice │ in lobby/.test(text.split('\n')[11] ?? ''),
	);
	t.is(screen.split('\n').length, 12);
	await tmux.resize(100, 30);
	screen = await tmux.waitForScreen(
		(text) => text.includes('GROUPS') && (text.split('\n')[29] ?? '').startsWith(' online │'),
	);
	t.true(screen.split('\n').every((row) => row.length <= 100));
});
