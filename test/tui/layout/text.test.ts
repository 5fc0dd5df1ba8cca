import test, {type ExecutionContext} from 'ava';
import stringWidth from 'string-width';
import {displayWidth, fit, graphemes, truncate} from '../../../tui/layout/text-width.js';
import {visibleText} from '../../../tui/layout/visible-text.js';
import {integer, pick, seededRandom} from '../../helpers/seeded-random.js';

const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/;

/** Each raw text shows as the text beside it; the third column says why, where it is not plain. */
function showsAs(t: ExecutionContext, cases: ReadonlyArray<[raw: string, shown: string, why?: string]>) {
	for (const [raw, shown, why] of cases) {
		t.is(visibleText(raw), shown, why);
	}
}

test('control characters become visible stand-ins, so a peer cannot drive the terminal', (t) => {
	showsAs(t, [
		['\x1b[31mred\x1b[0m', '␛[31mred␛[0m'],
		['ring\x07', 'ring␇'],
		['a\tb\r\nc', 'a␉b␍␊c'],
		['del\x7f', 'del␡'],
		['csi\x9b2J', 'csi\\x9b2J'],
		['\x1b]52;c;aGk=\x07', '␛]52;c;aGk=␇', 'OSC 52 clipboard write'],
		['\x1b]0;pwned\x07', '␛]0;pwned␇', 'OSC 0 title'],
	]);
});

test('invisible characters are dropped and a lone combining mark gets a base', (t) => {
	showsAs(t, [
		['a\u200bb', 'ab', 'zero-width space'],
		['x\u202eevil', 'xevil', 'right-to-left override'],
		['\ufeffbom', 'bom'],
		['\u0301x', '\u25cc\u0301x'],
		['e\u0301', 'e\u0301', 'a composed accent stays'],
		['🇫🇷 é', '🇫🇷 é', 'a flag and a composed letter stay whole'],
	]);
});

// Shown as terminals measure them (tmux 3.3a, xterm, the Linux console: each code point
// on its own), so a row's width is the same for the layout and the terminal.
test('emoji sequences are shown as their first emoji, which every terminal measures alike', (t) => {
	showsAs(t, [
		['👨‍⚕️ on call', '👨 on call', 'a ZWJ sequence: 3 columns in tmux 3.3a, 2 to the layout'],
		['👨‍👩‍👧', '👨', 'a family'],
		['👍🏽', '👍', 'a skin tone'],
		['⚕️ ❤️', '⚕ ❤', 'emoji presentation (VS16) of a text-width symbol'],
	]);
	for (const shown of ['👨', '👍', '⚕', '❤']) {
		t.is([...shown].length, 1, 'one code point: no terminal can disagree on it');
	}
});

test('whatever goes in, nothing zero-width or controlling comes out', (t) => {
	const pool = [
		'a',
		' ',
		'日',
		'👍',
		'🏽',
		'\u200d',
		'\u0301',
		'\x1b',
		'\x07',
		'\x9b',
		'\u200b',
		'\u202e',
		'\ufe0f',
		'é',
		'\n',
	];
	const random = seededRandom(7);
	for (let run = 0; run < 500; run++) {
		const input = Array.from({length: integer(random, 1, 12)}, () => pick(random, pool)).join('');
		const shown = visibleText(input);
		t.false(CONTROLS.test(shown), JSON.stringify(input));
		for (const grapheme of graphemes(shown)) {
			t.true(grapheme.width > 0, `${JSON.stringify(input)}: ${JSON.stringify(grapheme.text)} has no width`);
		}
	}
});

test('widths: CJK and emoji take two columns, combining marks none', (t) => {
	t.is(displayWidth('日本語'), 6);
	t.is(displayWidth('👍🏽'), 2);
	t.is(displayWidth('e\u0301'), 1);
	t.is(displayWidth('abc'), 3);
});

test('truncate cuts by display width, ends in …, and never halves a wide character', (t) => {
	t.is(truncate('hello world', 20), 'hello world');
	t.is(truncate('hello world', 8), 'hello w…');
	t.is(truncate('日本語テキスト', 6), '日本…');
	t.is(truncate('日本語テキスト', 5), '日本…');
	t.is(truncate('日本語テキスト', 4), '日…');
	t.is(truncate('ab', 0), '');
	for (let width = 1; width < 16; width++) {
		t.true(stringWidth(truncate('日a本👍🏽語e\u0301テ', width)) <= width);
	}
});

test('fit pads or cuts to exactly the width', (t) => {
	t.is(fit('ab', 5), 'ab   ');
	t.is(stringWidth(fit('日本語', 5)), 5);
	t.is(fit('日本語', 5), '日本…');
	t.is(stringWidth(fit('日本語', 4)), 4);
	t.is(fit('日本語', 4), '日… ');
});
