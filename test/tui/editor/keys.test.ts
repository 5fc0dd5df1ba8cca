import test from 'ava';
import {createKeyDecoder, type Key} from '../../../tui/editor/keys.js';

/** Decodes chunks as they would arrive, then lets input go idle. */
function decode(...chunks: string[]): Key[] {
	const decoder = createKeyDecoder();
	const keys = chunks.flatMap((chunk) => decoder.feed(chunk));
	return [...keys, ...decoder.flush()];
}

/** Text may legitimately come as several runs when a chunk boundary cuts it. */
function mergeText(keys: readonly Key[]): Key[] {
	const merged: Key[] = [];
	for (const key of keys) {
		const previous = merged.at(-1);
		if (key.type === 'text' && previous?.type === 'text') {
			merged[merged.length - 1] = {type: 'text', text: previous.text + key.text};
		} else {
			merged.push(key);
		}
	}
	return merged;
}

const none = {shift: false, alt: false, ctrl: false};
const ctrl = {shift: false, alt: false, ctrl: true};
const alt = {shift: false, alt: true, ctrl: false};
const nav = (name: string, modifiers = none): Key => ({type: 'nav', name, modifiers}) as Key;
const text = (value: string): Key => ({type: 'text', text: value});
const enter: Key = {type: 'enter', alt: false};

test('a burst of printable characters is one text key, nothing lost', (t) => {
	t.deepEqual(decode('hello world'), [text('hello world')]);
	t.deepEqual(decode('👍🏽 é 古 🇫🇷'), [text('👍🏽 é 古 🇫🇷')]);
});

test('a mixed burst decodes in order', (t) => {
	t.deepEqual(decode('hi\x1b[Dx\r'), [text('hi'), nav('left'), text('x'), enter]);
});

const singleKeys: Array<[string, string, Key]> = [
	['CR', '\r', enter],
	['LF', '\n', enter],
	['CR LF', '\r\n', enter],
	['DEL', '\x7f', {type: 'backspace', alt: false}],
	['BS', '\b', {type: 'backspace', alt: false}],
	['Alt-Backspace', '\x1b\x7f', {type: 'backspace', alt: true}],
	['Delete', '\x1b[3~', nav('delete')],
	['Up', '\x1b[A', nav('up')],
	['Down', '\x1b[B', nav('down')],
	['Right', '\x1b[C', nav('right')],
	['Left', '\x1b[D', nav('left')],
	['SS3 Up', '\x1bOA', nav('up')],
	['SS3 Down', '\x1bOB', nav('down')],
	['SS3 Right', '\x1bOC', nav('right')],
	['SS3 Left', '\x1bOD', nav('left')],
	['Ctrl-Left', '\x1b[1;5D', nav('left', ctrl)],
	['Ctrl-Right', '\x1b[1;5C', nav('right', ctrl)],
	['Alt-Right', '\x1b[1;3C', nav('right', alt)],
	['Alt-Up', '\x1b[1;3A', nav('up', alt)],
	['Alt-Down', '\x1b[1;3B', nav('down', alt)],
	['Shift-Right', '\x1b[1;2C', nav('right', {shift: true, alt: false, ctrl: false})],
	['ESC-prefixed Alt-Left', '\x1b\x1b[D', nav('left', alt)],
	['Alt-b', '\x1bb', {type: 'alt', char: 'b'}],
	['Alt-f', '\x1bf', {type: 'alt', char: 'f'}],
	['Home CSI H', '\x1b[H', nav('home')],
	['Home SS3 H', '\x1bOH', nav('home')],
	['Home 1~', '\x1b[1~', nav('home')],
	['Home 7~', '\x1b[7~', nav('home')],
	['End CSI F', '\x1b[F', nav('end')],
	['End SS3 F', '\x1bOF', nav('end')],
	['End 4~', '\x1b[4~', nav('end')],
	['End 8~', '\x1b[8~', nav('end')],
	['Ctrl-End', '\x1b[1;5F', nav('end', ctrl)],
	['PageUp', '\x1b[5~', nav('pageUp')],
	['PageDown', '\x1b[6~', nav('pageDown')],
	['Tab', '\t', {type: 'tab'}],
	['Shift-Tab', '\x1b[Z', {type: 'backTab'}],
	['Ctrl-A', '\x01', {type: 'ctrl', name: 'a'}],
	['Ctrl-C', '\x03', {type: 'ctrl', name: 'c'}],
	['Ctrl-W', '\x17', {type: 'ctrl', name: 'w'}],
	['Ctrl-Z', '\x1a', {type: 'ctrl', name: 'z'}],
	['Escape', '\x1b', {type: 'escape'}],
	['keypad Enter', '\x1bOM', enter],
	['Alt-Enter', '\x1b\r', {type: 'enter', alt: true}],
	['Alt-Shift-O then idle', '\x1bO', {type: 'alt', char: 'O'}],
];

for (const [name, input, expected] of singleKeys) {
	test(`decodes ${name}`, (t) => {
		t.deepEqual(decode(input), [expected]);
	});
}

test('every Ctrl-letter that is not Tab, Enter or Backspace is a ctrl key', (t) => {
	for (let code = 1; code <= 26; code++) {
		const [key] = decode(String.fromCharCode(code));
		const letter = String.fromCharCode(0x60 + code);
		if (letter === 'h') t.deepEqual(key, {type: 'backspace', alt: false});
		else if (letter === 'i') t.deepEqual(key, {type: 'tab'});
		else if (letter === 'j' || letter === 'm') t.deepEqual(key, enter);
		else t.deepEqual(key, {type: 'ctrl', name: letter} as Key, letter);
	}
});

test('a lone ESC waits for more input, then becomes Escape only on flush', (t) => {
	const decoder = createKeyDecoder();
	t.deepEqual(decoder.feed('\x1b'), []);
	t.true(decoder.hasPendingEscape());
	t.deepEqual(decoder.flush(), [{type: 'escape'}]);
	t.false(decoder.hasPendingEscape());
	t.deepEqual(decoder.flush(), []);
});

test('an ESC completed by the next chunk is a sequence, not Escape plus text', (t) => {
	t.deepEqual(decode('\x1b', '[A'), [nav('up')]);
	t.deepEqual(decode('ab\x1b[', '5~cd'), [text('ab'), nav('pageUp'), text('cd')]);
	t.deepEqual(decode('\x1b[1;', '5D'), [nav('left', ctrl)]);
	t.deepEqual(decode('\x1bO', 'H'), [nav('home')]);
});

test('two Escape presses in one chunk are two Escapes', (t) => {
	t.deepEqual(decode('\x1b\x1b'), [{type: 'escape'}, {type: 'escape'}]);
});

const mixedBurst = 'say \x1b[1;5Dhi\x1b[3~\x1bOA\x1b[200~pasted\r\x1b[A\x1b[201~x\x1bb\x01\r\x1b[<0;3;4M\x1b[15~y';

test('a burst decodes the same however it is cut into chunks', (t) => {
	const whole = mergeText(decode(mixedBurst));
	for (let cut = 1; cut < mixedBurst.length; cut++) {
		t.deepEqual(mergeText(decode(mixedBurst.slice(0, cut), mixedBurst.slice(cut))), whole, `cut at ${cut}`);
	}
	t.deepEqual(mergeText(decode(...mixedBurst)), whole, 'one character per chunk');
});

test('the reference burst decodes to the expected keys', (t) => {
	t.deepEqual(mergeText(decode(mixedBurst)), [
		text('say '),
		nav('left', ctrl),
		text('hi'),
		nav('delete'),
		nav('up'),
		{type: 'paste', text: 'pasted\r\x1b[A'},
		text('x'),
		{type: 'alt', char: 'b'},
		{type: 'ctrl', name: 'a'},
		enter,
		{type: 'unknown', sequence: '\x1b[<0;3;4M'},
		{type: 'unknown', sequence: '\x1b[15~'},
		text('y'),
	]);
});

test('a bracketed paste is one key holding the raw text', (t) => {
	t.deepEqual(decode('a\x1b[200~line 1\rline 2\tend\x1b[201~b'), [
		text('a'),
		{type: 'paste', text: 'line 1\rline 2\tend'},
		text('b'),
	]);
});

test('a paste spanning many chunks with split markers arrives whole', (t) => {
	const body = Array.from({length: 500}, (_, i) => String.fromCharCode(0x61 + (i % 26))).join('');
	const input = '\x1b[200~' + body + '\x1b[201~';
	const chunks: string[] = [];
	for (let i = 0; i < input.length; i += 7) chunks.push(input.slice(i, i + 7));
	t.deepEqual(decode(...chunks), [{type: 'paste', text: body}]);
	// The end marker cut right after its ESC, and after `ESC [ 2 0`.
	t.deepEqual(decode('\x1b[20', '0~ab\x1b', '[201~'), [{type: 'paste', text: 'ab'}]);
	t.deepEqual(decode('\x1b[200~ab\x1b[20', '1~c'), [{type: 'paste', text: 'ab'}, text('c')]);
});

test('a paste in progress is not flushed by an idle pause', (t) => {
	const decoder = createKeyDecoder();
	t.deepEqual(decoder.feed('\x1b[200~first half \x1b[2'), []);
	t.false(decoder.hasPendingEscape());
	t.deepEqual(decoder.flush(), []);
	t.deepEqual(decoder.feed('0'), []);
	t.deepEqual(decoder.feed('1~'), [{type: 'paste', text: 'first half '}]);
});

test('something that only looks like the end marker stays in the paste', (t) => {
	t.deepEqual(decode('\x1b[200~a\x1b[201x\x1b[201~'), [{type: 'paste', text: 'a\x1b[201x'}]);
});

test('unknown sequences are reported, never inserted as text', (t) => {
	const keys = decode('\x1b[15~\x1bOP\x1b[201~\x1b[I\x1b[2D');
	t.true(keys.every((key) => key.type === 'unknown'));
	t.is(keys.length, 5);
});

test('an unfinished CSI at idle is reported as unknown, not text', (t) => {
	t.deepEqual(decode('\x1b[1;2'), [{type: 'unknown', sequence: '\x1b[1;2'}]);
});

test('a malformed CSI is dropped and what follows decodes normally', (t) => {
	t.deepEqual(decode('\x1b[12\rok'), [{type: 'unknown', sequence: '\x1b[12'}, enter, text('ok')]);
});

test('stray control characters are unknown keys, never text', (t) => {
	t.deepEqual(decode('a\x00b\x1cc\u0085d'), [
		text('a'),
		{type: 'unknown', sequence: '\x00'},
		text('b'),
		{type: 'unknown', sequence: '\x1c'},
		text('c'),
		{type: 'unknown', sequence: '\u0085'},
		text('d'),
	]);
});

test('Alt with a non-ASCII character keeps the whole character', (t) => {
	t.deepEqual(decode('\x1b😀'), [{type: 'alt', char: '😀'}]);
});
