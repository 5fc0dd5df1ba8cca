/**
 * Plain line mode's input: lines as the terminal edits them, and a password read with
 * the echo off, key by key, on a terminal (raw mode), never on a pipe.
 */
import {once} from 'node:events';
import {PassThrough} from 'node:stream';
import test from 'ava';
import {PlainInput} from '../../../tui/plain/plain-input.js';

/** A terminal's input stream, saying when it is put in raw mode and out of it. */
function fakeTerminal(isTTY = true, {showAfterHidden = true} = {}) {
	const modes: boolean[] = [];
	const stdin = Object.assign(new PassThrough(), {
		isTTY,
		setRawMode(raw: boolean) {
			modes.push(raw);
		},
	});
	const heard: string[] = [];
	const input: PlainInput = new PlainInput(stdin, {
		line(text, hidden) {
			heard.push(`${hidden ? 'hidden' : 'line'} ${text}`);
			// As run-plain.ts does when the password prompt has gone.
			if (hidden && showAfterHidden) {
				input.showAgain();
			}
		},
		end: () => heard.push('end'),
		interrupt: () => heard.push('interrupt'),
	});
	return {stdin, input, modes, heard};
}

test('lines come as the terminal edits them; the end of input is said after the last one', async (t) => {
	const {stdin, heard} = fakeTerminal();
	stdin.write('hello\r\nsecond li');
	stdin.write('ne\nlast without newline');
	const ended = once(stdin, 'end');
	stdin.end();
	await ended;
	t.deepEqual(heard, ['line hello', 'line second line', 'line last without newline', 'end']);
});

test('a password is read in raw mode, keys edited, and the terminal is back in cooked mode after Enter', (t) => {
	const {stdin, input, modes, heard} = fakeTerminal();
	t.true(input.canHide);
	input.hideNext();
	t.deepEqual(modes, [true]);
	// Backspace (DEL and ^H), Ctrl-U, an arrow key's escape sequence and Alt-x are not part of it.
	stdin.write('xx\x15hunter\x7f\x7fer2\x1b[D\x1bx\bZ');
	t.deepEqual(heard, []);
	stdin.write('é\rafter\n');
	t.deepEqual(heard, ['hidden hunterZé', 'line after'], 'the rest of the chunk is a line again');
	t.deepEqual(modes, [true, false]);
});

test('a password asked for twice is read twice with the echo off, the terminal never back in cooked mode between', (t) => {
	const {stdin, input, modes, heard} = fakeTerminal(true, {showAfterHidden: false});
	input.hideNext();
	stdin.write('first one\rsecond one\r');
	t.deepEqual(heard, ['hidden first one', 'hidden second one']);
	t.deepEqual(modes, [true]);
	input.showAgain();
	stdin.write('a line\n');
	t.deepEqual(heard.at(-1), 'line a line');
	t.deepEqual(modes, [true, false]);
});

test('Ctrl-C, or Ctrl-D on nothing typed, while a password is read leaves, the terminal as it was', (t) => {
	for (const key of ['\x03', '\x04']) {
		const {stdin, input, modes, heard} = fakeTerminal();
		input.hideNext();
		stdin.write(key);
		t.deepEqual(heard, ['interrupt']);
		t.deepEqual(modes, [true, false]);
	}

	const {stdin, input, heard} = fakeTerminal();
	input.hideNext();
	stdin.write('ab\x04c\r');
	t.deepEqual(heard, ['hidden abc'], 'Ctrl-D with something typed is not the end');
});

test('a pipe is read as lines throughout: nothing echoes it, and raw mode is not asked for', (t) => {
	const {stdin, input, modes, heard} = fakeTerminal(false);
	t.false(input.canHide);
	input.hideNext();
	stdin.write('secret\n');
	t.deepEqual(heard, ['line secret']);
	t.deepEqual(modes, []);
});

test('showAgain and close put the terminal back in cooked mode', (t) => {
	const {input, modes} = fakeTerminal();
	input.hideNext();
	input.hideNext();
	input.showAgain();
	input.showAgain();
	t.deepEqual(modes, [true, false]);
	input.hideNext();
	input.close();
	t.deepEqual(modes, [true, false, true, false]);
});
