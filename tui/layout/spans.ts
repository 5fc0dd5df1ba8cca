/**
 * A screen row as styled spans. Layout decides what goes where and how it looks in
 * abstract terms (bold, dim, a colour); paint.ts turns it into the escape sequences
 * for one terminal, with or without colour. Every row the layout makes fits its width.
 */
import {displayWidth, graphemes, ELLIPSIS} from './text-width.js';

export type ColorName = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'gray';

export interface Style {
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly inverse?: boolean;
	readonly italic?: boolean;
	readonly underline?: boolean;
	readonly color?: ColorName;
}

export interface Span {
	readonly text: string;
	readonly style?: Style;
}

export type Row = readonly Span[];

export function span(text: string, style?: Style): Span {
	return style === undefined ? {text} : {text, style};
}

export function rowWidth(row: Row): number {
	let width = 0;
	for (const part of row) {
		width += displayWidth(part.text);
	}

	return width;
}

/**
 * The row cut to `width` columns (the cut marked with … in the style of the span it
 * falls in) and, with `pad`, filled with spaces in `padStyle` to exactly `width`.
 */
export function fitRow(row: Row, width: number, pad = false, padStyle?: Style): Row {
	const out: Span[] = [];
	let used = 0;
	const total = rowWidth(row);
	if (total <= width) {
		out.push(...row.filter((part) => part.text !== ''));
		used = total;
	} else {
		const room = width - 1;
		let lastStyle: Style | undefined;
		for (const part of row) {
			lastStyle = part.style;
			if (used >= room) {
				break;
			}

			const partWidth = displayWidth(part.text);
			if (used + partWidth <= room) {
				if (part.text !== '') {
					out.push(part);
				}

				used += partWidth;
				continue;
			}

			let text = '';
			for (const grapheme of graphemes(part.text)) {
				if (used + grapheme.width > room) {
					break;
				}

				text += grapheme.text;
				used += grapheme.width;
			}

			if (text !== '') {
				out.push(span(text, part.style));
			}

			break;
		}

		if (width > 0) {
			out.push(span(ELLIPSIS, lastStyle));
			used += 1;
		}
	}

	if (pad && used < width) {
		out.push(span(' '.repeat(width - used), padStyle));
	}

	return out;
}

/** The plain text of a row, for tests and for measuring. */
export function rowText(row: Row): string {
	return row.map((part) => part.text).join('');
}
