/**
 * Keys that arrive faster than anyone types: a 500-character line sent to the terminal
 * at once, and bracketed pastes, one line and several. Every character must reach the
 * raw client as it was typed (the reason the client has its own line editor: Ink's
 * text input dropped keys that arrived in one chunk).
 */
import test from 'ava';
import {nextGroupMessage, paste, rawClient, rows, startOnlineTui, startServe, waitForScreen} from '../helpers/e2e.js';

/**
 * `length` characters of words: ASCII letters, digits and punctuation, accented and
 * CJK letters, single spaces; the same every run. No ';' at the end (tmux would read
 * an argument ending in ';' as a command separator) and no space at either end.
 */
function burstText(length: number, seed: number): string {
	const pieces = [
		'ward',
		'Bed',
		'4',
		'obs',
		'q4h',
		'NaCl',
		'0.9%',
		'mg/kg',
		'(prn)',
		'K+',
		'=',
		'#7',
		'dose;',
		'x2',
		"O'Neil",
		'é',
		'Ünal',
		'日本',
		'—',
		'«ok»',
		'a-b_c.d',
		'@bob',
		'ß',
	];
	let state = seed;
	let text = '';
	while (text.length < length) {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		text += (text === '' ? '' : ' ') + pieces[state % pieces.length];
	}

	return text.slice(0, length).trimEnd().padEnd(length, 'z');
}

test('500 characters sent to the terminal in one go reach the raw client whole', async (t) => {
	t.timeout(60_000);
	const server = await startServe(t);
	const carol = await rawClient(t, server.port, 'carol');
	const alice = await startOnlineTui(t, {port: server.port, name: 'alice'});
	const text = burstText(500, 1);
	t.is([...text].length, 500);

	await alice.sendKeys(text);
	// The input line scrolls with the caret: its visible end is the burst's end.
	await waitForScreen(alice, (screen) => rows(screen).at(-2)!.endsWith(text.slice(-40)));
	await alice.sendKey('Enter');
	t.is((await nextGroupMessage(carol, 'alice', text)).text, text);
	await waitForScreen(alice, (screen) => rows(screen).at(-2)!.startsWith('#lobby› message'));
});

test('a bracketed paste of a long line, then of three lines, arrives intact and in order', async (t) => {
	t.timeout(60_000);
	const server = await startServe(t);
	const carol = await rawClient(t, server.port, 'carol');
	const alice = await startOnlineTui(t, {port: server.port, name: 'alice'});

	const long = burstText(500, 2);
	await paste(alice, long);
	await waitForScreen(alice, (screen) => rows(screen).at(-2)!.endsWith(long.slice(-40)));
	await alice.sendKey('Enter');
	t.is((await nextGroupMessage(carol, 'alice', long)).text, long);

	// Each line of a multi-line paste is its own message; the rule above the input says so first.
	const lines = ['Bed 4: obs due 10:00', 'Bed 9: bloods back, K+ 3.1', 'Bed 12: family asking — call back'];
	await paste(alice, lines.join('\n'));
	await waitForScreen(alice, 'Enter sends 3 messages');
	await alice.sendKey('Enter');
	for (const line of lines) {
		t.is((await nextGroupMessage(carol, 'alice', line)).text, line);
	}

	// Nothing else came in between: the three arrived back to back, in the order pasted.
	const messages = carol.received.filter((line) => line.startsWith('MSG '));
	t.deepEqual(
		messages.slice(-3).map((line) => line.split(' ').slice(5).join(' ')),
		lines,
	);
});
