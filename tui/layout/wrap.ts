/**
 * Word wrapping by display width: lines break at spaces when a word fits on the next
 * line, and inside a word only when the word is wider than a whole line. Graphemes are
 * never split, and a wide character that does not fit at the end of a line moves to
 * the next one whole. The spaces at a break are dropped; spaces inside a line stay.
 */
import {graphemes, type Grapheme} from './text-width.js';

interface Token {
	readonly space: boolean;
	readonly text: string;
	readonly width: number;
	readonly parts: readonly Grapheme[];
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const SPACE = 32;

function graphemeTokens(text: string): Token[] {
	const tokens: Token[] = [];
	let parts: Grapheme[] = [];
	let width = 0;
	let space = false;
	const push = () => {
		tokens.push({space, text: parts.map((part) => part.text).join(''), width, parts});
	};

	for (const grapheme of graphemes(text)) {
		const isSpace = grapheme.text === ' ';
		if (parts.length > 0 && isSpace !== space) {
			push();
			parts = [];
			width = 0;
		}

		space = isSpace;
		parts.push(grapheme);
		width += grapheme.width;
	}

	if (parts.length > 0) {
		push();
	}

	return tokens;
}

/**
 * `text` as lines of at most `firstWidth` columns for the first line and `restWidth`
 * for the others. Always at least one line (empty text gives ['']). A single grapheme
 * wider than the line (a CJK character in one column) gets a line of its own.
 */
export function wrapText(text: string, firstWidth: number, restWidth = firstWidth): string[] {
	return PLAIN_ASCII.test(text) ? wrapPlain(text, firstWidth, restWidth) : wrapByGraphemes(text, firstWidth, restWidth);
}

/**
 * `wrapText` for plain ASCII (each character one column; a message's text is mostly
 * this): the same breaks, read off the text by index, with no token per word and
 * one slice per line. Each message that arrives is wrapped once: 4.9 -> 1.4 KB
 * allocated for a two-line message.
 */
function wrapPlain(text: string, firstWidth: number, restWidth: number): string[] {
	const lines: string[] = [];
	// The line so far: `line`, then the characters from `from` to `to` (one slice a line, usually).
	let line = '';
	let from = 0;
	let to = 0;
	let used = 0;
	// The run of spaces before the word being placed: kept only if the word follows on the same line.
	let pendingAt = 0;
	let pendingWidth = 0;
	const limit = () => Math.max(1, lines.length === 0 ? firstWidth : restWidth);
	const add = (start: number, end: number) => {
		if (start !== to) {
			line += text.slice(from, to);
			from = start;
		}
		to = end;
		used += end - start;
	};
	const breakLine = () => {
		lines.push(line + text.slice(from, to));
		line = '';
		from = to;
		used = 0;
		pendingWidth = 0;
	};

	let start = 0;
	while (start < text.length) {
		const space = text.charCodeAt(start) === SPACE;
		let end = start + 1;
		while (end < text.length && (text.charCodeAt(end) === SPACE) === space) {
			end++;
		}

		const width = end - start;
		if (space) {
			pendingAt = start;
			pendingWidth = width;
		} else if (used > 0 && used + pendingWidth + width > limit() && width <= restWidth) {
			breakLine();
		}

		if (!space && used + pendingWidth + width <= limit()) {
			// The pending spaces, if any, are the run just before the word.
			add(start - pendingWidth, end);
			pendingWidth = 0;
		} else if (!space) {
			// A word longer than a line: cut it, starting where the line is.
			if (used > 0 && used + pendingWidth < limit()) {
				add(pendingAt, pendingAt + pendingWidth);
			}

			pendingWidth = 0;
			for (let at = start; at < end;) {
				if (used > 0 && used + 1 > limit()) {
					breakLine();
				}

				const take = Math.min(end - at, limit() - used);
				add(at, at + take);
				at += take;
			}
		}

		start = end;
	}

	// Leading spaces on an otherwise empty text still show (an all-space message).
	if (used === 0 && pendingWidth > 0 && lines.length === 0) {
		return [text.slice(pendingAt, pendingAt + Math.min(pendingWidth, Math.max(1, firstWidth)))];
	}

	lines.push(line + text.slice(from, to));
	return lines;
}

/** `wrapText` by graphemes and their widths, for any text. Exported so a test can hold `wrapPlain` to it. */
export function wrapByGraphemes(text: string, firstWidth: number, restWidth = firstWidth): string[] {
	const lines: string[] = [];
	let line = '';
	let used = 0;
	let pendingSpace = '';
	let pendingWidth = 0;
	const limit = () => Math.max(1, lines.length === 0 ? firstWidth : restWidth);
	const breakLine = () => {
		lines.push(line);
		line = '';
		used = 0;
		pendingSpace = '';
		pendingWidth = 0;
	};

	for (const token of graphemeTokens(text)) {
		if (token.space) {
			// Kept only if a word follows on the same line.
			pendingSpace += token.text;
			pendingWidth += token.width;
			continue;
		}

		if (used > 0 && used + pendingWidth + token.width > limit()) {
			if (token.width <= restWidth) {
				breakLine();
			}
		}

		if (used + pendingWidth + token.width <= limit()) {
			line += pendingSpace;
			used += pendingWidth;
			pendingSpace = '';
			pendingWidth = 0;
			line += token.text;
			used += token.width;
			continue;
		}

		// A word longer than a line: cut it by graphemes, starting where the line is.
		if (used > 0 && used + pendingWidth < limit()) {
			line += pendingSpace;
			used += pendingWidth;
		}

		pendingSpace = '';
		pendingWidth = 0;
		for (const part of token.parts) {
			if (used > 0 && used + part.width > limit()) {
				breakLine();
			}

			line += part.text;
			used += part.width;
		}
	}

	// Leading spaces on an otherwise empty text still show (an all-space message).
	if (used === 0 && pendingSpace !== '' && lines.length === 0) {
		line = pendingSpace.slice(0, Math.max(1, firstWidth));
	}

	lines.push(line);
	return lines;
}
