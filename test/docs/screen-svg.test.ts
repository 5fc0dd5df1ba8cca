/**
 * docs/screen-svg.ts draws what a terminal shows: text in its colours, backgrounds as
 * rectangles, inverse swapped, wide characters in their two columns, markup escaped.
 */
import test from 'ava';
import {screenSvg} from '../../docs/screen-svg.js';

test('colours, inverse and escaping come through as a terminal would draw them', async (t) => {
	const capture = ['\x1b[31mred\x1b[0m plain <&>', '\x1b[7m inverse \x1b[0m', '\x1b[1;32mbold green\x1b[0m'].join('\n');
	const svg = await screenSvg(capture, 20, 3, 'a test screen');
	t.regex(svg, /<title>a test screen<\/title>/);
	t.regex(svg, /fill="#cd3131"[^>]*>red<\/text>/, 'red text');
	t.regex(svg, /> plain &lt;&amp;&gt;<\/text>/, 'markup escaped');
	t.regex(
		svg,
		/<rect x="10\.0" y="27" width="75\.6" height="17" fill="#d4d4d4"\/>/,
		'inverse: the foreground as background',
	);
	t.regex(svg, /fill="#1e1e1e"[^>]*> inverse<\/text>/, 'inverse: the background as text colour');
	t.regex(svg, /fill="#23d18b" font-weight="bold"[^>]*>bold green<\/text>/, 'bold green drawn bright, as xterm does');
});

test('each row starts at column 0, and a wide character takes two columns', async (t) => {
	const svg = await screenSvg('ab\n日x', 10, 2, 'rows');
	t.regex(svg, /<text x="10\.0" y="23"[^>]*>ab<\/text>/);
	t.regex(svg, /<text x="10\.0" y="40"[^>]*textLength="16\.8"[^>]*>日<\/text>/);
	t.regex(svg, /<text x="26\.8" y="40"[^>]*>x<\/text>/);
});
