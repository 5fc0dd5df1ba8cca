import test from 'ava';
import {hasControlCharacters, quote} from '../../protocol/index.js';

test('quote wraps input in double quotes and shows control characters as escapes', (t) => {
	t.is(quote('bob'), '"bob"');
	t.is(quote('a\u001b[2Jb\u0000\u007f\u0085'), '"a\\x1b[2Jb\\x00\\x7f\\x85"');
});

test('quote shortens long input by characters, not UTF-16 units', (t) => {
	t.is(quote('x'.repeat(40)), `"${'x'.repeat(40)}"`);
	t.is(quote('💊'.repeat(41)), `"${'💊'.repeat(40)}…"`);
});

test('control characters are C0, DEL and C1; everything printable is not', (t) => {
	for (const c of ['\u0000', '\t', '\r', '\n', '\u001b', '\u007f', '\u0080', '\u009f']) {
		t.true(hasControlCharacters(`a${c}b`), JSON.stringify(c));
	}

	t.false(hasControlCharacters('plain, ünïcödé, 日本, 💊 — fine'));
});
