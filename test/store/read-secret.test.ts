/**
 * Reading passwords for `chat user`: on a terminal in raw mode with nothing echoed,
 * Backspace honoured, Ctrl-C giving up, raw mode always turned back off; from a pipe,
 * one line per secret, no prompts.
 */
import {PassThrough} from 'node:stream';
import test from 'ava';
import {readSecrets, SecretCancelled} from '../../bin/read-secret.js';
import {FakeTtyStdin} from '../helpers/fake-tty-stdin.js';

function output(): {stream: PassThrough; text: () => string} {
	const stream = new PassThrough();
	let text = '';
	stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
	return {stream, text: () => text};
}

test('a terminal: each prompt, nothing typed echoed, Backspace edits, Enter ends; raw mode on then off', async (t) => {
	const stdin = new FakeTtyStdin();
	const out = output();
	const secrets = readSecrets(stdin, out.stream, ['Password: ', 'Again: ']);
	stdin.write('hunter22x\u007f\r');
	stdin.write('hunter22\r');
	t.deepEqual(await secrets, ['hunter22', 'hunter22']);
	t.is(out.text(), 'Password: \nAgain: \n');
	t.deepEqual(stdin.rawModeCalls, [true, false]);
});

test('a terminal: Ctrl-C gives up, and raw mode is turned off', async (t) => {
	const stdin = new FakeTtyStdin();
	const out = output();
	const secrets = readSecrets(stdin, out.stream, ['Password: ']);
	stdin.write('hunt\u0003');
	const error = await t.throwsAsync(secrets, {instanceOf: SecretCancelled});
	t.is(error.message, 'cancelled; nothing was changed.');
	t.deepEqual(stdin.rawModeCalls, [true, false]);
	t.is(out.text(), 'Password: ');
});

test('a pipe: one line per secret, CRLF or LF or none at the end, no prompts', async (t) => {
	const out = output();
	const pipe = new PassThrough();
	const secrets = readSecrets(pipe, out.stream, ['Password: ', 'Again: ']);
	pipe.end('first one\r\nsecond one');
	t.deepEqual(await secrets, ['first one', 'second one']);
	t.is(out.text(), '');
});

test('a pipe that ends first: refused', async (t) => {
	const pipe = new PassThrough();
	const secrets = readSecrets(pipe, new PassThrough(), ['Password: ']);
	pipe.end('');
	const error = await t.throwsAsync(secrets, {instanceOf: SecretCancelled});
	t.is(error.message, 'the input ended before the password; nothing was changed.');
});
