import test from 'ava';
import {enterFullScreen} from '../../../tui/terminal/full-screen.js';

/** An output stream with no file descriptor: every write goes through `write`. */
function recordingStdout() {
	const writes: string[] = [];
	return {writes, write: (chunk: string | Uint8Array) => writes.push(String(chunk))};
}

function fakeStdin(isTTY: boolean) {
	const rawModeCalls: boolean[] = [];
	return {isTTY, rawModeCalls, setRawMode: (enabled: boolean) => rawModeCalls.push(enabled)};
}

// The bytes expected are spelled out rather than built from escape-sequences.ts, so what the
// terminal gets is checked, not only that the same constants were used.
test('entering writes alternate screen, cursor home, hidden cursor and bracketed paste, in that order', (t) => {
	const stdout = recordingStdout();
	enterFullScreen({stdin: fakeStdin(true), stdout});
	t.is(stdout.writes.join(''), '\x1b[?1049h' + '\x1b[H' + '\x1b[?25l' + '\x1b[?2004h');
});

test('restore undoes it in reverse order: bracketed paste off, cursor shown, normal screen', (t) => {
	const stdout = recordingStdout();
	const restore = enterFullScreen({stdin: fakeStdin(true), stdout});
	stdout.writes.length = 0;
	restore();
	t.is(stdout.writes.join(''), '\x1b[?2004l' + '\x1b[?25h' + '\x1b[?1049l');
});

test('restore turns raw mode off on a TTY stdin', (t) => {
	const stdin = fakeStdin(true);
	const restore = enterFullScreen({stdin, stdout: recordingStdout()});
	t.deepEqual(stdin.rawModeCalls, [], 'entering leaves raw mode to Ink');
	restore();
	t.deepEqual(stdin.rawModeCalls, [false]);
});

test('restore leaves a stdin that is not a TTY alone', (t) => {
	const stdin = fakeStdin(false);
	enterFullScreen({stdin, stdout: recordingStdout()})();
	t.deepEqual(stdin.rawModeCalls, []);
});

test('restore is idempotent: a second call writes nothing and touches nothing', (t) => {
	const stdout = recordingStdout();
	const stdin = fakeStdin(true);
	const restore = enterFullScreen({stdin, stdout});
	restore();
	const written = stdout.writes.length;
	restore();
	restore();
	t.is(stdout.writes.length, written);
	t.deepEqual(stdin.rawModeCalls, [false]);
});

test('raw mode is turned off even when the write fails', (t) => {
	const stdin = fakeStdin(true);
	let entered = false;
	const stdout = {
		write: () => {
			if (entered) {
				throw new Error('EPIPE');
			}
			entered = true;
		},
	};
	const restore = enterFullScreen({stdin, stdout});
	t.throws(restore, {message: 'EPIPE'});
	t.deepEqual(stdin.rawModeCalls, [false]);
});
