/**
 * Suspending, as from a job-control shell over SSH: bash runs `chat tui` in a tmux pane;
 * Ctrl-Z (or a SIGTSTP from outside) gives the shell its screen, cursor and cooked mode
 * back with its `Stopped` line, and `fg` takes the screen again, painted whole, with the
 * keyboard in raw mode (a key reaches the input line without Enter).
 */
import {readFileSync} from 'node:fs';
import test, {type ExecutionContext} from 'ava';
import {rows, startServe, TERMINAL_ENV, tuiCommand, typeLine, waitForScreen, waitOnline} from '../helpers/e2e.js';
import {startTmux, type TmuxSession} from '../helpers/tmux.js';

/** bash's prompt, as tmux shows it (trailing spaces trimmed). */
const PROMPT = 'shell$';

/** An interactive bash (job control on) in a pane, with `chat tui` started from it as alice, online. */
async function chatFromShell(t: ExecutionContext): Promise<TmuxSession> {
	t.timeout(90_000);
	const server = await startServe(t);
	const tmux = await startTmux({
		command: ['bash', '--norc', '--noprofile', '-i'],
		cols: 100,
		rows: 30,
		env: {...TERMINAL_ENV, PS1: `${PROMPT} `},
	});
	t.teardown(() => tmux.kill());
	await waitForScreen(tmux, PROMPT);
	await typeLine(tmux, tuiCommand({port: server.port, name: 'alice'}).join(' '));
	await waitOnline(tmux, 'alice');
	return tmux;
}

/** The shell's screen: its `Stopped` job line and a prompt after it, nothing of the client's. */
async function assertBackInShell(t: ExecutionContext, tmux: TmuxSession): Promise<void> {
	const screen = await waitForScreen(tmux, (text) => /Stopped/.test(text) && rows(text.trimEnd()).at(-1) === PROMPT);
	t.false(/online │|#lobby|Welcome|GROUPS/.test(screen), screen);
	t.like(await tmux.state(), {dead: false, alternateScreen: false, cursorVisible: true});
	// The terminal is in cooked mode again: the shell's own `stty` says so.
	await typeLine(tmux, "stty -a | tr -s ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '; echo");
	await waitForScreen(tmux, /^icanon echo$/m);
}

/** After `fg`: the client's screen whole again, and a key typed reaches its input line at once. */
async function assertBackInClient(t: ExecutionContext, tmux: TmuxSession): Promise<void> {
	await typeLine(tmux, 'fg');
	const screen = await waitOnline(tmux, 'alice');
	t.regex(screen, /Welcome, alice\. You are in group lobby\./, 'repainted whole, not only what changed');
	t.false(screen.includes('Stopped'), screen);
	t.like(await tmux.state(), {alternateScreen: true, cursorVisible: true});
	await tmux.sendKeys('raw again');
	await waitForScreen(tmux, '#lobby› raw again');
	await tmux.sendKey('C-u');
	await typeLine(tmux, '/quit');
	await waitForScreen(tmux, (text) => rows(text.trimEnd()).at(-1) === PROMPT);
}

test('Ctrl-Z suspends the client to the shell; fg brings it back whole, in raw mode', async (t) => {
	const tmux = await chatFromShell(t);
	await tmux.sendKey('C-z');
	await assertBackInShell(t, tmux);
	await assertBackInClient(t, tmux);
});

test('a SIGTSTP from outside suspends it the same way', async (t) => {
	const tmux = await chatFromShell(t);
	// The shell's only child is the client (node running dist/bin/chat.js).
	const shell = tmux.panePid();
	const [child] = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(' ').map(Number);
	t.truthy(child);
	process.kill(child!, 'SIGTSTP');
	await assertBackInShell(t, tmux);
	await assertBackInClient(t, tmux);
});
