/**
 * LineFramer: bytes in any chunking to the same lines, long lines discarded as they
 * stream in, invalid UTF-8 refused.
 */
import test from 'ava';
import {LineFramer, terminate} from '../../protocol/index.js';

function framer(limit = 64) {
	const events: string[] = [];
	const lines = new LineFramer(limit, {
		line: (text) => events.push(`line:${text}`),
		tooLong: (max) => events.push(`tooLong:${max}`),
		invalidUtf8: () => events.push('invalidUtf8'),
	});
	return {lines, events};
}

test('several lines in one chunk', (t) => {
	const {lines, events} = framer();
	lines.push(Buffer.from('one\ntwo\n\nthree\n'));
	t.deepEqual(events, ['line:one', 'line:two', 'line:', 'line:three']);
	t.is(lines.buffered, 0);
});

test('every way of splitting the bytes gives the same lines', (t) => {
	const input = Buffer.from('SET_NAME Zoë\r\nMESSAGE 💊 ok\nDM a é\r\n');
	const expected = ['line:SET_NAME Zoë', 'line:MESSAGE 💊 ok', 'line:DM a é'];
	for (let first = 0; first <= input.length; first++) {
		for (let second = first; second <= input.length; second++) {
			const {lines, events} = framer();
			lines.push(input.subarray(0, first));
			lines.push(input.subarray(first, second));
			lines.push(input.subarray(second));
			t.deepEqual(events, expected, `split at ${first}, ${second}`);
		}
	}
});

test('one byte at a time', (t) => {
	const {lines, events} = framer();
	for (const byte of Buffer.from('héllo\r\nworld\n')) {
		lines.push(Buffer.from([byte]));
	}

	t.deepEqual(events, ['line:héllo', 'line:world']);
});

test('only a CR right before the LF is a line end; others stay in the line', (t) => {
	const {lines, events} = framer();
	lines.push(Buffer.from('a\rb\n\r\n'));
	t.deepEqual(events, ['line:a\rb', 'line:']);
});

test('a line held is not a line until its LF comes', (t) => {
	const {lines, events} = framer();
	lines.push(Buffer.from('partial'));
	t.deepEqual(events, []);
	t.is(lines.buffered, 7);
});

test('the framer copies what it holds, so the caller may reuse its buffer', (t) => {
	const {lines, events} = framer();
	const chunk = Buffer.from('abc');
	lines.push(chunk);
	chunk.fill('z');
	lines.push(Buffer.from('\n'));
	t.deepEqual(events, ['line:abc']);
});

test('a line of exactly the limit is a line, with or without CR, however split', (t) => {
	const line = 'x'.repeat(8);
	for (const input of [`${line}\n`, `${line}\r\n`]) {
		const bytes = Buffer.from(input);
		for (let split = 0; split <= bytes.length; split++) {
			const {lines, events} = framer(8);
			lines.push(bytes.subarray(0, split));
			lines.push(bytes.subarray(split));
			t.deepEqual(events, [`line:${line}`], `${JSON.stringify(input)} split at ${split}`);
		}
	}
});

test('a line over the limit is reported once, as soon as the limit is passed, and discarded', (t) => {
	const {lines, events} = framer(8);
	lines.push(Buffer.from('123456'));
	lines.push(Buffer.from('789'));
	t.deepEqual(events, ['tooLong:8'], 'reported before its LF arrives');
	for (let i = 0; i < 1000; i++) {
		lines.push(Buffer.alloc(1024, 'y'));
		t.is(lines.buffered, 0, 'nothing of it is held');
	}

	lines.push(Buffer.from('yyy\nok\n'));
	t.deepEqual(events, ['tooLong:8', 'line:ok']);
});

test('a line over the limit that arrives whole is reported at its LF', (t) => {
	const {lines, events} = framer(8);
	lines.push(Buffer.from('123456789\nnext\n'));
	t.deepEqual(events, ['tooLong:8', 'line:next']);
});

test('a line one byte over the limit, ending in CR, is still too long', (t) => {
	const {lines, events} = framer(8);
	lines.push(Buffer.from('123456789\r'));
	lines.push(Buffer.from('\nok\n'));
	t.deepEqual(events, ['tooLong:8', 'line:ok']);
});

test('a line at the limit held with a CR that is not its end is too long', (t) => {
	const {lines, events} = framer(8);
	lines.push(Buffer.from('12345678\r'));
	lines.push(Buffer.from('x\nok\n'));
	t.deepEqual(events, ['tooLong:8', 'line:ok']);
});

test('a line that is not UTF-8 is refused, and the next one is read', (t) => {
	const {lines, events} = framer();
	lines.push(Buffer.from([0x61, 0xc3, 0x28, 0x0a]));
	lines.push(Buffer.from([0xff, 0x0a, 0x62, 0x0a]));
	lines.push(Buffer.from([0xe2, 0x82])); // a character cut short by its LF
	lines.push(Buffer.from([0x0a, 0x63, 0x0a]));
	t.deepEqual(events, ['invalidUtf8', 'invalidUtf8', 'line:b', 'invalidUtf8', 'line:c']);
});

test('terminate ends a line with LF alone', (t) => {
	t.is(terminate('OK CLOSE Goodbye.'), 'OK CLOSE Goodbye.\n');
});
