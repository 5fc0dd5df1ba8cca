/**
 * Leaving gives the terminal back exactly as it was. A shell in the pane prints a marker,
 * notes the terminal's modes (`stty -g`), runs `chat tui`, then prints a second marker,
 * whether the modes are the same, and from `stty -a` the modes raw mode turns off, and
 * stays (sleep) so the pane's cursor can be read. What was on the normal screen before the TUI must still be there,
 * with nothing of the TUI's left around it.
 */
import test from 'ava';
import type {TmuxSession} from '../helpers/tmux.js';
import {openPane, rows, startServe, tuiCommand, typeLine, waitForScreen, waitOnline} from '../helpers/e2e.js';

const SHELL_SCRIPT = [
	"printf 'marker: before chat\\n'",
	'before=$(stty -g)',
	'"$@"',
	'code=$?',
	'after=$(stty -g)',
	'printf \'marker: after chat, exit %s\\n\' "$code"',
	'if [ "$before" = "$after" ]; then echo \'stty: as before\'; else echo \'stty: changed\'; fi',
	"printf 'modes:'",
	"stty -a | tr -s ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig|iexten|icrnl|ixon|opost|onlcr)' | while read -r mode; do printf ' %s' \"$mode\"; done",
	'echo',
	"echo 'shell: still here'",
	'exec sleep 600',
].join('\n');

/** Modes raw mode turns off, which a shell needs back: line editing, echo, Ctrl-C, CR to LF, flow control, output processing. */
const MODES = ['icanon', 'echo', 'isig', 'iexten', 'icrnl', 'ixon', 'opost', 'onlcr'];

const WAYS_OUT: ReadonlyArray<readonly [how: string, leave: (tmux: TmuxSession) => Promise<void>]> = [
	['/quit', (tmux) => typeLine(tmux, '/quit')],
	['Ctrl-C', (tmux) => tmux.sendKey('C-c')],
	['Ctrl-D on an empty line', (tmux) => tmux.sendKey('C-d')],
];

for (const [how, leave] of WAYS_OUT) {
	test(`${how} gives the terminal back: the screen from before, a visible cursor, the shell's modes`, async (t) => {
		t.timeout(60_000);
		const server = await startServe(t);
		const tmux = await openPane(
			t,
			['sh', '-c', SHELL_SCRIPT, 'sh', ...tuiCommand({port: server.port, name: 'alice'})],
			{cols: 100, rows: 30},
		);
		await waitOnline(tmux, 'alice');
		t.like(await tmux.state(), {alternateScreen: true});

		await leave(tmux);
		const screen = await waitForScreen(tmux, 'shell: still here');
		const lines = rows(screen);
		t.deepEqual(lines.slice(0, 3), ['marker: before chat', 'marker: after chat, exit 0', 'stty: as before']);
		// Only the shell's own lines: nothing the TUI drew survived on the normal screen.
		t.false(/online|#lobby|GROUPS|│|─/.test(screen), screen);
		const settings = new Set(lines[3]!.split(' ').slice(1));
		t.is(settings.size, MODES.length, lines[3]);
		for (const mode of MODES) {
			t.true(settings.has(mode), `${mode} is on`);
			t.false(settings.has(`-${mode}`), `not -${mode}`);
		}

		// The shell is still running (sleep), so the pane's cursor state is live.
		t.like(await tmux.state(), {dead: false, alternateScreen: false, cursorVisible: true});
	});
}
