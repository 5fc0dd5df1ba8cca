/**
 * Measuring and cutting text by the columns a terminal gives it: graphemes (what a
 * reader sees as one character: 👍🏽, é written as e + accent, a flag) are never split,
 * and CJK and emoji take two columns. Input is expected to have been through
 * visibleText already.
 */
import stringWidth from 'string-width';
import {graphemeSegmenter} from './grapheme-segmenter.js';

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export interface Grapheme {
	readonly text: string;
	readonly width: number;
}

export function graphemes(text: string): Grapheme[] {
	if (PLAIN_ASCII.test(text)) {
		// Each character a grapheme of one column: no segmenting (wrapping a message's text is mostly this).
		return Array.from(text, (char) => ({text: char, width: 1}));
	}
	return Array.from(graphemeSegmenter.segment(text), ({segment}) => ({text: segment, width: stringWidth(segment)}));
}

// Rows are laid out again on every render, mostly from the same strings (names, the
// status line's parts, box-drawing characters), and measuring one that is not plain
// ASCII segments it into graphemes. Widths never change: they are kept, up to a bound.
const widths = new Map<string, number>();
const MAX_KEPT_WIDTHS = 10_000;

/** Columns `text` takes on screen. */
export function displayWidth(text: string): number {
	if (PLAIN_ASCII.test(text)) {
		return text.length;
	}
	let width = widths.get(text);
	if (width === undefined) {
		width = stringWidth(text);
		if (widths.size >= MAX_KEPT_WIDTHS) {
			widths.clear();
		}
		widths.set(text, width);
	}
	return width;
}

export const ELLIPSIS = '…';

/**
 * At most `width` columns of `text`: whole graphemes, ending in … when something was
 * cut. A wide character that would straddle the edge is left out rather than halved.
 */
export function truncate(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (stringWidth(text) <= width) {
		return text;
	}

	let out = '';
	let used = 0;
	for (const grapheme of graphemes(text)) {
		if (used + grapheme.width > width - 1) {
			break;
		}

		out += grapheme.text;
		used += grapheme.width;
	}

	return out + ELLIPSIS;
}

/** `text` cut to `width` columns (with …) and padded with spaces to exactly `width`. */
export function fit(text: string, width: number): string {
	const cut = truncate(text, width);
	return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/**
 * At most `width` columns of `text`, cut only between words: the words that fit, then …
 * when something was left out; '' when not even the first word fits (the caller leaves
 * the part out rather than show half a word: `at 1…` for `at 127.0.0.1:8090` misleads).
 */
export function truncateWords(text: string, width: number): string {
	if (displayWidth(text) <= width) {
		return text;
	}

	let kept = '';
	// A space is never inside a grapheme, so cutting before one never splits a character.
	for (let space = text.indexOf(' '); space !== -1; space = text.indexOf(' ', space + 1)) {
		const words = text.slice(0, space).trimEnd();
		if (displayWidth(words) + displayWidth(ELLIPSIS) > width) {
			break;
		}

		kept = words;
	}

	return kept === '' ? '' : kept + ELLIPSIS;
}
