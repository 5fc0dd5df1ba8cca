/**
 * Plain line mode, from the real `chat` in dist/: `chat tui --plain` on pipes, and
 * TERM=dumb in a real terminal (tmux). Lines as they come, input as lines, the same
 * slash commands, and not one escape sequence.
 */
import test, {type ExecutionContext} from 'ava';
import {CHAT_BIN} from '../helpers/chat-process.js';
import {register} from '../helpers/server.js';
import {spawnProcess} from '../helpers/test-process.js';
import {startTmux} from '../helpers/tmux.js';
import {TERMINAL_ENV} from '../helpers/e2e.js';
import {startChatServer} from './session/helpers.js';

/**
 * `chat tui --plain` as alice on pipes, to `port` (or to `--host` as given, when it is a
 * string); `output()` is all it printed, `waitFor` waits for a line matching.
 */
function plainAlice(t: ExecutionContext, port: number | string) {
	const where = typeof port === 'number' ? ['--port', String(port)] : ['--host', port];
	const alice = spawnProcess(t, process.execPath, [CHAT_BIN, 'tui', '--plain', ...where, '--name', 'alice'], {
		stdin: 'pipe',
		env: {...process.env, TERM: 'xterm-256color'},
	});
	return {
		stdin: alice.child.stdin!,
		exited: alice.exited.then(({code}) => code),
		waitFor: (line: RegExp) => alice.waitForStdout(new RegExp(line.source, 'm')),
		output: () => alice.stdout + alice.stderr,
	};
}

/** `chat tui` as alice in a real 80x24 terminal (tmux) whose TERM is dumb, once online. */
async function dumbTerminalAlice(t: ExecutionContext, port: number) {
	const tmux = await startTmux({
		// Through env: tmux sets TERM in its panes to its own.
		command: ['env', 'TERM=dumb', process.execPath, CHAT_BIN, 'tui', '--port', String(port), '--name', 'alice'],
		cols: 80,
		rows: 24,
		env: TERMINAL_ENV,
	});
	t.teardown(() => tmux.kill());
	await tmux.waitForScreen(/^online │ 127\.0\.0\.1:\d+ │ alice │ in lobby$/m);
	return tmux;
}

test('chat tui --plain: lines as they come, lines typed, slash commands, no escape sequence', async (t) => {
	const server = await startChatServer(t);
	const bob = await register(t, server, 'bob');
	const alice = plainAlice(t, server.port);
	await alice.waitFor(/^online │ 127\.0\.0\.1:\d+ │ alice │ in lobby$/);
	await alice.waitFor(/^#lobby \* Welcome, alice\. You are in group lobby\.$/);

	bob.send('MESSAGE Morning, bed 4 needs a review.');
	await alice.waitFor(/^#lobby \d\d:\d\d <bob> Morning, bed 4 needs a review\.$/);
	alice.stdin.write('On my way.\n');
	t.regex((await bob.until((line) => line.startsWith('MSG'))).at(-1)!, / lobby alice On my way\.$/);
	await alice.waitFor(/^#lobby \d\d:\d\d <alice> On my way\.$/);

	alice.stdin.write('/dm bob are the bloods back?\n');
	t.regex((await bob.until((line) => line.startsWith('DM'))).at(-1)!, / alice bob are the bloods back\?$/);
	await alice.waitFor(/^@bob \d\d:\d\d <alice> are the bloods back\?$/);

	alice.stdin.write('/quit\n');
	t.is(await alice.exited, 0);
	t.false(alice.output().includes('\x1b'), 'not one escape sequence');
});

test('chat tui --plain: a page is said as a line and /ack acknowledges it; a page sent says who acknowledged it; /help is lines', async (t) => {
	const server = await startChatServer(t);
	const bob = await register(t, server, 'bob');
	const alice = plainAlice(t, server.port);
	await alice.waitFor(/^online │ 127\.0\.0\.1:\d+ │ alice │ in lobby$/);

	const paged = (await bob.command('PAGE alice Bed 4 BP 70/40, come now')).outcome;
	const id = /^OK PAGE (\d+) /.exec(paged)![1]!;
	// A bell may come first: a page rings.
	await alice.waitFor(/^\x07*@bob ⚑ PAGE from bob: Bed 4 BP 70\/40, come now\. Type \/ack to acknowledge\.$/);
	alice.stdin.write('/ack\n');
	t.regex((await bob.until((line) => line.startsWith('ACKED'))).at(-1)!, new RegExp(`^ACKED ${id} \\S+ alice `));
	await alice.waitFor(/^@bob \d\d:\d\d <bob> Bed 4 BP 70\/40, come now · ⚑ page, acknowledged \d\d:\d\d$/);
	alice.stdin.write('/ack\n');
	await alice.waitFor(/^#lobby \* No page is waiting to be acknowledged\.$/);

	alice.stdin.write('/page bob On my way.\n');
	const page = (await bob.until((line) => line.startsWith('@page'))).at(-1)!;
	bob.send(`ACK ${/ DM (\d+) /.exec(page)![1]!}`);
	await alice.waitFor(/^@bob ⚑ page: ✓✓ acknowledged by bob · ✓ delivered to bob \(your "On my way\."\)$/);

	alice.stdin.write('/help\n');
	await alice.waitFor(/^ {2}\/ack +Acknowledge the oldest page waiting/);
	alice.stdin.write('/help\n');
	await alice.waitFor(
		/^ {2}\/ack +Acknowledge the oldest page waiting[^]*^ {2}\/ack +Acknowledge the oldest page waiting/,
	);

	alice.stdin.write('/quit\n');
	t.is(await alice.exited, 0);
	t.false(alice.output().includes('\x1b'), 'not one escape sequence');
});

test('in a real terminal a password typed at /register is never on the screen, and the name becomes an account', async (t) => {
	const server = await startChatServer(t);
	const bob = await register(t, server, 'bob');
	const tmux = await dumbTerminalAlice(t, server.port);
	await tmux.sendKeys('/register');
	await tmux.sendKey('Enter');
	await tmux.waitForScreen(/Choose a password for alice/);
	// Typed, corrected (Backspace), and Enter: what the terminal would echo in cooked mode.
	await tmux.sendKeys('correct horse 42x');
	await tmux.sendKey('BSpace');
	await tmux.sendKey('Enter');
	await tmux.waitForScreen(/Type the same password again/);
	await tmux.sendKeys('correct horse 42');
	await tmux.sendKey('Enter');
	const screen = await tmux.waitForScreen(/alice is now an account/);
	t.false(screen.includes('correct horse'), screen);
	// The password's end alone, as a word: the server's port on the status line may hold the digits 42.
	t.notRegex(screen, /\b42x?\b/, screen);

	// Back in cooked mode: a line typed now is echoed and sent as a message.
	await tmux.sendKeys('Shift handover at 8.');
	await tmux.sendKey('Enter');
	await tmux.waitForScreen(/^#lobby \d\d:\d\d <alice> Shift handover at 8\.$/m);
	t.regex((await bob.until((line) => line.startsWith('MSG'))).at(-1)!, / lobby alice Shift handover at 8\.$/);
	await tmux.sendKeys('/quit');
	await tmux.sendKey('Enter');
	t.like(await tmux.waitForExit(), {exitStatus: 0});
});

test('chat tui --plain --host a,b: with the first node down, the client moves to the next', async (t) => {
	const server = await startChatServer(t);
	const bob = await register(t, server, 'bob');
	// Nothing listens on port 1 of loopback: refused at once, as a node that is down.
	const alice = plainAlice(t, `127.0.0.1:1,127.0.0.1:${server.port}`);
	await alice.waitFor(new RegExp(`^online │ 127\\.0\\.0\\.1:${server.port} │ alice │ in lobby$`));
	alice.stdin.write('Moved to the other node.\n');
	t.regex((await bob.until((line) => line.startsWith('MSG'))).at(-1)!, / lobby alice Moved to the other node\.$/);
	alice.stdin.end();
	t.is(await alice.exited, 0);
});

test('chat tui --plain as a script: lines piped in and the input ended at once are sent, then the client leaves', async (t) => {
	const server = await startChatServer(t);
	const bob = await register(t, server, 'bob');
	const alice = plainAlice(t, server.port);
	// Before the client is even online: kept, sent once it is, and only then does it leave.
	alice.stdin.end('Handover done.\nBed 4 is stable.\n');
	t.is(await alice.exited, 0);
	const lines = await bob.until((line) => line.startsWith('OFFLINE alice'));
	t.deepEqual(
		lines.filter((line) => line.startsWith('MSG')).map((line) => line.replace(/^MSG \S+ \S+ /, '')),
		['lobby alice Handover done.', 'lobby alice Bed 4 is stable.'],
	);
	t.regex(alice.output(), /^Input ended: leaving once the 2 messages typed are sent \(Ctrl-C leaves now\)\.$/m);
	t.notRegex(alice.output(), /not sent yet/);
});

test('chat tui --plain: the end of input leaves the server', async (t) => {
	const server = await startChatServer(t);
	const bob = await register(t, server, 'bob');
	const alice = plainAlice(t, server.port);
	await alice.waitFor(/^online │/);
	alice.stdin.end();
	t.is(await alice.exited, 0);
	await bob.until((line) => line.startsWith('OFFLINE alice'));
});

test('TERM=dumb in a real terminal: plain lines, never the alternate screen', async (t) => {
	const server = await startChatServer(t);
	const tmux = await dumbTerminalAlice(t, server.port);
	t.like(await tmux.state(), {alternateScreen: false});
	await tmux.sendKeys('/quit');
	await tmux.sendKey('Enter');
	t.like(await tmux.waitForExit(), {exitStatus: 0});
});
