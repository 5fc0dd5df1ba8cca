import test from 'ava';
import {sshCommandLine} from '../../server/ssh/ssh-command-line.js';

const machine = () => 'ward-host';

test('the command that reaches the server: its listen host and port, as ssh takes them', (t) => {
	t.is(sshCommandLine('127.0.0.1', 2222, machine), 'ssh -p 2222 127.0.0.1');
	t.is(sshCommandLine('::1', 2222, machine), 'ssh -p 2222 ::1');
	t.is(sshCommandLine('chat.example.org', 2222, machine), 'ssh -p 2222 chat.example.org');
});

test('without -p on the port ssh uses anyway', (t) => {
	t.is(sshCommandLine('chat.example.org', 22, machine), 'ssh chat.example.org');
});

test('a server listening on every address is named by its machine, not by 0.0.0.0', (t) => {
	for (const everywhere of ['0.0.0.0', '::', '']) {
		t.is(sshCommandLine(everywhere, 2222, machine), 'ssh -p 2222 ward-host');
	}
});
