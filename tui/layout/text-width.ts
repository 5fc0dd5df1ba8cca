/**
 * Measuring and cutting text by the columns a terminal gives it: graphemes (what a
 * reader sees as one character: 👍🏽, é written as e + accent, a flag) are never split,
 * and CJK and emoji take two columns. Input is expected to have been through
 * visibleText already.
 */
import stringWidth from 'string-width';
import {graphemeSegmenter} from './grapheme-segmenter.js';

export interface Grapheme {
	readonly text: string;
	readonly width: number;
}

export function graphemes(text: string): Grapheme[] {
	return Array.from(graphemeSegmenter.segment(text), ({segment}) => ({text: segment, width: stringWidth(segment)}));
}

/** Columns `text` takes on screen. */
export function displayWidth(text: string): number {
	return stringWidth(text);
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
