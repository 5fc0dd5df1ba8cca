/**
 * The full-screen client served over SSH, as people use it: the real `chat serve
 * --ssh-port 0`, the system OpenSSH client in a real terminal (a tmux pane) with
 * throwaway keys, beside a `chat tui` user and an `nc` user typing the protocol.
 * Trust on first use, key login under any user name, a refused key, a conversation in
 * every direction, a paste, a resize, the SSH client killed, the server shut down, and
 * everything that is not the chat refused.
 */
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {NO_COMMANDS, NO_PTY} from '../../server/ssh/ssh-session.js';
import {openPane, paste, rows, startOnlineTui, startServe, statusRow, typeLine, waitForScreen} from '../helpers/e2e.js';
import {runChat} from '../helpers/run-chat.js';
import {makeKey, runSsh, sshCommand, SSH_STARTED} from '../helpers/ssh.js';
import {tempDir} from '../helpers/store.js';
import type {TmuxSession} from '../helpers/tmux.js';

/**
 * Whether the screen says `text`, wrapped over rows or not: each row without the
 * sidebar (from its separator on), the rows joined, runs of spaces made one.
 */
function says(text: string) {
	return function screenSays(screen: string): boolean {
		const history = rows(screen)
			.map((row) => row.split('│')[0])
			.join(' ');
		return history.replace(/\s+/g, ' ').includes(text);
	};
}

/** The sidebar's people in the user's group: the rows right of the separator, below IN LOBBY. */
function lobbyInSidebar(screen: string): string[] {
	// Above the rule, the input and the status line.
	const sidebar = rows(screen)
		.slice(0, -3)
		.map((row) => (row.split('│')[1] ?? '').trim());
	return sidebar.slice(sidebar.indexOf('IN LOBBY') + 1).filter((row) => row !== '');
}

/**
 * Waits for an SSH user's status line to say online as `name` in lobby, the server
 * named by the command that reached it: not the chat's TCP port its client connects to inside.
 */
function waitOnlineOverSsh(pane: TmuxSession, name: string, sshPort: number): Promise<string> {
	const online = ` online │ ssh -p ${sshPort} 127.0.0.1 │ ${name} │ in lobby `;
	return waitForScreen(pane, (screen) => statusRow(screen).startsWith(online));
}

/** An SGR sequence that sets a foreground colour (the status line's "online" is green). */
const FOREGROUND_COLOR = /\x1b\[[\d;]*\b3[1-7]m/;

/** A message row as the history shows it once the server confirmed it. */
const shown = (from: string, text: string) => new RegExp(`\\d\\d:\\d\\d <${from}> ${text}`);

async function serveWithSsh(t: ExecutionContext, args: readonly string[] = []) {
	const serve = await startServe(t, 0, ['--ssh-port', '0', ...args]);
	const [, sshPort, fingerprint, hostKey] = await serve.process.waitForStderr(SSH_STARTED);
	return {...serve, sshPort: Number(sshPort), fingerprint: fingerprint!, hostKey: hostKey!};
}

/** `nc` in a pane, registered as `name`: the protocol typed by hand. */
async function ncUser(t: ExecutionContext, port: number, name: string): Promise<TmuxSession> {
	const nc = await openPane(t, ['nc', '127.0.0.1', String(port)], {cols: 160, rows: 40});
	await typeLine(nc, `SET_NAME ${name}`);
	await waitForScreen(nc, `OK SET_NAME ${name} lobby`);
	return nc;
}

test('trust on first use, then a conversation between SSH, chat tui and nc; a paste, a resize, the SSH client killed', async (t) => {
	t.timeout(180_000);
	const {port, sshPort} = await serveWithSsh(t);
	const key = await makeKey(t);
	const carol = await ncUser(t, port, 'carol');
	const alice = await startOnlineTui(t, {port, name: 'alice'});

	// bob is no account yet: his key makes it, and the client says so.
	const bob = await openPane(t, sshCommand(sshPort, 'bob', key), {cols: 100, rows: 30});
	await waitOnlineOverSsh(bob, 'bob', sshPort);
	t.regex(await bob.capture({escapes: true}), FOREGROUND_COLOR, 'colour, as NO_COLOR was not sent');
	await waitForScreen(
		bob,
		says(`bob is a new account, and your SSH key ${key.fingerprint} logs in to it from now on.`),
	);
	await waitForScreen(carol, 'ONLINE bob lobby');
	await waitForScreen(alice, (screen) => lobbyInSidebar(screen).includes('bob'));

	// Every direction.
	await typeLine(bob, 'hello from ssh');
	await waitForScreen(alice, shown('bob', 'hello from ssh'));
	await waitForScreen(carol, / lobby bob hello from ssh/);
	await waitForScreen(bob, shown('bob', 'hello from ssh'));
	await typeLine(alice, 'hello from the tui');
	await waitForScreen(bob, shown('alice', 'hello from the tui'));
	await typeLine(carol, 'MESSAGE hello from nc');
	await waitForScreen(bob, shown('carol', 'hello from nc'));

	// A bracketed paste of two lines: two messages, in order, intact.
	await paste(bob, 'pasted one, with    spaces\npasted two ✓');
	await bob.sendKey('Enter');
	await waitForScreen(alice, (screen) => {
		const one = screen.indexOf('<bob> pasted one, with    spaces');
		return one !== -1 && screen.indexOf('<bob> pasted two ✓') > one;
	});

	// A DM from the SSH user to the nc user.
	await typeLine(bob, '/dm carol a word in private');
	await waitForScreen(carol, / bob carol a word in private/);

	// Resize down to 40x12 and back: the layout follows the window-change each time.
	await bob.resize(40, 12);
	const small = await waitForScreen(bob, (screen) => {
		const lines = rows(screen);
		return lines.length === 12 && /^ online │/.test(lines[11]!) && lines[10]!.startsWith('@carol› ');
	});
	t.false(small.includes('GROUPS'), 'no sidebar at 40 columns');
	await bob.resize(100, 30);
	await waitForScreen(bob, (screen) => rows(screen).length === 30 && screen.includes('GROUPS'));
	await typeLine(carol, 'DM bob after the resize');
	await waitForScreen(bob, shown('carol', 'after the resize'));

	// The SSH client dies: bob is offline for everyone at once.
	process.kill(bob.panePid(), 'SIGKILL');
	await waitForScreen(carol, 'OFFLINE bob');
	const after = await waitForScreen(alice, says('bob went offline.'));
	t.deepEqual(lobbyInSidebar(after), ['alice (you)', 'carol']);
});

test('a bound key logs in to its account under any user name; an unknown key for an account is refused; shutdown restores the terminal', async (t) => {
	t.timeout(180_000);
	const dir = tempDir(t);
	const [bobsKey, strangersKey] = await Promise.all([makeKey(t, 'bob'), makeKey(t, 'stranger')]);
	t.is((await runChat(t, ['user', 'add', 'bob', '--data-dir', dir], {input: 'bobs password\n'})).code, 0);
	t.is((await runChat(t, ['user', 'add-key', 'bob', bobsKey.publicFile, '--data-dir', dir])).code, 0);
	const {port, sshPort, hostKey, process: server, stop} = await serveWithSsh(t, ['--data-dir', dir]);
	t.is(hostKey, join(dir, 'ssh_host_ed25519_key'));
	const carol = await ncUser(t, port, 'carol');

	// NO_COLOR from the client's environment (SetEnv) reaches the session's client.
	const bob = await openPane(t, sshCommand(sshPort, 'whoever', bobsKey, ['-o', 'SetEnv=NO_COLOR=1']), {
		cols: 100,
		rows: 30,
	});
	await waitOnlineOverSsh(bob, 'bob', sshPort);
	await waitForScreen(bob, says(`Welcome back, bob (SSH key ${bobsKey.fingerprint}).`));
	t.notRegex(await bob.capture({escapes: true}), FOREGROUND_COLOR);
	await waitForScreen(carol, 'ONLINE bob lobby');

	const stranger = await openPane(t, sshCommand(sshPort, 'bob', strangersKey), {cols: 100, rows: 30});
	const refused = await waitForScreen(
		stranger,
		says(
			`chat: bob is an account, and your key ${strangersKey.fingerprint} is not one of its keys. The operator can add it: chat user add-key bob <file>.`,
		),
	);
	t.false(refused.includes('online │'), 'the refused key never saw the chat');
	t.is((await stranger.waitForExit()).exitStatus, 1);

	// What bob read over SSH is read for his account: his next login shows no "new since
	// you last read". /quit says what was read before it closes, so once carol sees him
	// go, the server has it.
	await typeLine(carol, 'MESSAGE read before bob quits');
	await waitForScreen(bob, shown('carol', 'read before bob quits'));
	await typeLine(bob, '/quit');
	await bob.waitForExit();
	await waitForScreen(carol, 'OFFLINE bob lobby');
	const again = await openPane(t, sshCommand(sshPort, 'bob', bobsKey), {cols: 100, rows: 30});
	const back = await waitForScreen(again, shown('carol', 'read before bob quits'));
	t.false(back.includes('new since you last read'), back);

	// Shutdown: bob's terminal is restored (main screen) and he is told why.
	await stop('SIGTERM');
	await waitForScreen(again, 'chat: the server is shutting down; connect again in a moment.');
	const state = await again.waitForExit();
	t.false(state.alternateScreen);
	t.regex(server.stderr, /event=ssh_refused ssh=\d+ what=key /);
});

test('with --registration admin an unknown key is refused', async (t) => {
	t.timeout(120_000);
	const {sshPort} = await serveWithSsh(t, ['--registration', 'admin']);
	const key = await makeKey(t);
	const dave = await openPane(t, sshCommand(sshPort, 'dave', key), {cols: 100, rows: 30});
	await waitForScreen(dave, (screen) =>
		screen
			.replace(/\s+/g, ' ')
			.includes(
				`chat: Your key ${key.fingerprint} belongs to no account, and on this server the operator makes accounts`,
			),
	);
	t.is((await dave.waitForExit()).exitStatus, 1);
});

test('nothing but the chat: a command, a session without a terminal and port forwarding are each refused with a message', async (t) => {
	t.timeout(120_000);
	const {sshPort, process: server} = await serveWithSsh(t);
	const key = await makeKey(t);

	const exec = await runSsh(t, sshCommand(sshPort, 'bob', key, [], ['cat', '/etc/passwd']));
	t.is(exec.code, 1);
	t.is(exec.stdout, '');
	t.is(exec.stderr, NO_COMMANDS);

	const noPty = await runSsh(t, sshCommand(sshPort, 'bob', key, ['-T']));
	t.is(noPty.code, 1);
	t.is(noPty.stderr, NO_PTY);

	// -R: the server is asked to listen for the client; refused, and ssh gives up.
	const remote = await runSsh(
		t,
		sshCommand(sshPort, 'bob', key, ['-N', '-o', 'ExitOnForwardFailure=yes', '-R', '0:127.0.0.1:9']),
	);
	t.is(remote.code, 255);
	t.regex(remote.stderr, /remote port forwarding failed/);

	// -W (like -L, through the server to somewhere else): refused.
	const through = await runSsh(t, sshCommand(sshPort, 'bob', key, ['-W', '127.0.0.1:9']));
	t.is(through.code, 255);
	t.regex(through.stderr, /stdio forwarding failed/);

	t.regex(server.stderr, /event=ssh_refused ssh=\d+ what=exec command=.+/);
	t.regex(server.stderr, /event=ssh_refused ssh=\d+ what=no_pty/);
	t.regex(server.stderr, /event=ssh_refused ssh=\d+ what=tcpip-forward/);
});
