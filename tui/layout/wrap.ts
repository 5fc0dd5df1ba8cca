/**
 * Word wrapping by display width: lines break at spaces when a word fits on the next
 * line, and inside a word only when the word is wider than a whole line. Graphemes are
 * never split, and a wide character that does not fit at the end of a line moves to
 * the next one whole. The spaces at a break are dropped; spaces inside a line stay.
 */
import {graphemes, type Grapheme} from './text-width.js';

interface Token {
	readonly space: boolean;
	readonly parts: readonly Grapheme[];
	readonly width: number;
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let parts: Grapheme[] = [];
	let width = 0;
	let space = false;
	for (const grapheme of graphemes(text)) {
		const isSpace = grapheme.text === ' ';
		if (parts.length > 0 && isSpace !== space) {
			tokens.push({space, parts, width});
			parts = [];
			width = 0;
		}

		space = isSpace;
		parts.push(grapheme);
		width += grapheme.width;
	}

	if (parts.length > 0) {
		tokens.push({space, parts, width});
	}

	return tokens;
}

/**
 * `text` as lines of at most `firstWidth` columns for the first line and `restWidth`
 * for the others. Always at least one line (empty text gives ['']). A single grapheme
 * wider than the line (a CJK character in one column) gets a line of its own.
 */
export function wrapText(text: string, firstWidth: number, restWidth = firstWidth): string[] {
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

	for (const token of tokenize(text)) {
		if (token.space) {
			// Kept only if a word follows on the same line.
			pendingSpace += token.parts.map((part) => part.text).join('');
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
			line += token.parts.map((part) => part.text).join('');
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
