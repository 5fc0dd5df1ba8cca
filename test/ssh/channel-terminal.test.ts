/**
 * The SSH channel as a terminal: LF becomes CRLF on the way out (there is no line
 * discipline on a channel), keys come in untouched, and a window change resizes the
 * screen as SIGWINCH would.
 */
import {EventEmitter} from 'node:events';
import test from 'ava';
import {channelTerminal, toCrlf} from '../../server/ssh/channel-terminal.js';

test('toCrlf: a bare LF gets a CR, a CRLF is left alone, a chunk without LF comes back as it was', (t) => {
	t.is(toCrlf(Buffer.from('a\nb\r\nc\n')).toString(), 'a\r\nb\r\nc\r\n');
	t.is(toCrlf(Buffer.from('\n\n')).toString(), '\r\n\r\n');
	const plain = Buffer.from('\u001b[2J héllo');
	t.is(toCrlf(plain), plain);
	// UTF-8 never has 0x0a inside a character, so multi-byte text passes through whole.
	t.is(toCrlf(Buffer.from('日本\n語')).toString(), '日本\r\n語');
});

class FakeChannel extends EventEmitter {
	readonly written: Buffer[] = [];
	destroyed = false;

	write(data: Buffer): boolean {
		this.written.push(data);
		return true;
	}
}

test('the screen writes to the channel with CRLF and counts the bytes; keys arrive as typed; resize emits', async (t) => {
	const channel = new FakeChannel();
	const {keyboard, screen} = channelTerminal(channel, {columns: 100, rows: 30});
	t.true(keyboard.isTTY);
	t.is(keyboard.setRawMode(true), keyboard);
	t.true(screen.isTTY);
	t.is(screen.columns, 100);
	await new Promise<void>((resolve) => screen.write('one\ntwo', () => resolve()));
	t.is(Buffer.concat(channel.written).toString(), 'one\r\ntwo');
	t.is(screen.bytesWritten, 8);

	const typed: string[] = [];
	keyboard.setEncoding('utf8').on('data', (text: string) => typed.push(text));
	channel.emit('data', Buffer.from('\u001b[200~pasted\ntext\u001b[201~'));
	await new Promise<void>((resolve) => setImmediate(resolve));
	t.deepEqual(typed, ['\u001b[200~pasted\ntext\u001b[201~']);

	let resized = 0;
	screen.on('resize', () => resized++);
	screen.resize({columns: 40, rows: 12});
	screen.resize({columns: 40, rows: 12});
	t.deepEqual([screen.columns, screen.rows, resized], [40, 12, 1]);

	// A channel already gone takes nothing more, and nothing fails.
	channel.destroyed = true;
	await new Promise<void>((resolve) => screen.write('late\n', () => resolve()));
	t.is(Buffer.concat(channel.written).toString(), 'one\r\ntwo');
});
