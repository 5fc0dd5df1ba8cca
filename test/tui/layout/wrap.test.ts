import test from 'ava';
import stringWidth from 'string-width';
import {graphemes} from '../../../tui/layout/text-width.js';
import {wrapByGraphemes, wrapText} from '../../../tui/layout/wrap.js';
import {integer, pick, seededRandom} from '../../helpers/seeded-random.js';

test('breaks at spaces, dropping them at the break', (t) => {
	t.deepEqual(wrapText('hello world this is a test', 10), ['hello', 'world this', 'is a test']);
	t.deepEqual(wrapText('a  b   c', 3), ['a', 'b', 'c']);
	t.deepEqual(wrapText('spaces  inside  stay', 40), ['spaces  inside  stay']);
});

test('the first line can be narrower than the rest (a hanging indent)', (t) => {
	t.deepEqual(wrapText('one two three four five', 7, 14), ['one two', 'three four', 'five']);
});

test('a word longer than a line is cut by graphemes', (t) => {
	t.deepEqual(wrapText('supercalifragilistic ok', 8), ['supercal', 'ifragili', 'stic ok']);
	t.deepEqual(wrapText('see aaaaaaaaaaaa', 8), ['see aaaa', 'aaaaaaaa']);
});

test('CJK takes two columns and is never split; a wide character that does not fit moves down whole', (t) => {
	t.deepEqual(wrapText('日本語のテキストです', 5), ['日本', '語の', 'テキ', 'スト', 'です']);
	t.deepEqual(wrapText('ab 日本語', 5), ['ab 日', '本語']);
	t.deepEqual(wrapText('a日本', 2), ['a', '日', '本']);
});

test('emoji sequences and combining marks stay whole', (t) => {
	t.deepEqual(wrapText('👍🏽👍🏽👍🏽', 4), ['👍🏽👍🏽', '👍🏽']);
	t.deepEqual(wrapText('👨‍👩‍👧x', 2), ['👨‍👩‍👧', 'x']);
	t.deepEqual(
		wrapText('e\u0301e\u0301e\u0301e\u0301', 2),
		['e\u0301e\u0301', 'e\u0301e\u0301'],
		'an accent takes no column',
	);
});

test('empty text is one empty line', (t) => {
	t.deepEqual(wrapText('', 10), ['']);
});

test('random text: every line fits, and nothing is lost, reordered or split', (t) => {
	const pool = ['a', 'bc', 'def', ' ', ' ', '日', '本語', '👍🏽', 'e\u0301', '🇫🇷', 'x'];
	const random = seededRandom(42);
	for (let run = 0; run < 400; run++) {
		const text = Array.from({length: integer(random, 0, 29)}, () => pick(random, pool)).join('');
		const first = integer(random, 2, 13);
		const rest = integer(random, 2, 13);
		const lines = wrapText(text, first, rest);
		lines.forEach((line, index) => {
			t.true(
				stringWidth(line) <= (index === 0 ? first : rest),
				`${JSON.stringify(text)} at ${first}/${rest}: ${JSON.stringify(lines)}`,
			);
		});
		// Only spaces at breaks may go: the graphemes other than spaces, in order, are the same.
		const kept = (value: string) =>
			graphemes(value)
				.map((g) => g.text)
				.filter((g) => g !== ' ');
		t.deepEqual(kept(lines.join('')), kept(text), JSON.stringify(text));
	}
});

test('plain ASCII wraps as it does by graphemes: the same lines for every text and width tried', (t) => {
	const random = seededRandom(7);
	const next = (below: number) => integer(random, 0, below - 1);
	const texts = [
		'',
		' ',
		'   ',
		'a',
		' a',
		'a ',
		'  leading',
		'trailing  ',
		'abcdefghijklmnop',
		'ab  cdefghijklmnop q',
	];
	for (let index = 0; index < 400; index++) {
		// Words of 1 to 14 characters, runs of 1 to 3 spaces, now and then at either end.
		let text = next(4) === 0 ? ' '.repeat(1 + next(3)) : '';
		const words = next(8);
		for (let word = 0; word < words; word++) {
			const length = 1 + next(14);
			const from = next(6);
			text += (word > 0 ? ' '.repeat(1 + next(3)) : '') + 'xyz.,-'.repeat(4).slice(from, from + length);
		}
		texts.push(next(4) === 0 ? `${text}${' '.repeat(1 + next(3))}` : text);
	}

	let compared = 0;
	for (const text of texts) {
		for (const [first, rest] of [
			[1, 1],
			[2, 5],
			[3, 3],
			[5, 4],
			[7, 7],
			[8, 12],
			[12, 6],
			[20, 20],
			[0, 3],
		] as const) {
			t.deepEqual(
				wrapText(text, first, rest),
				wrapByGraphemes(text, first, rest),
				`${JSON.stringify(text)} at ${first}/${rest}`,
			);
			compared++;
		}
	}

	t.is(compared, texts.length * 9);
});
