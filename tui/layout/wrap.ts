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
	/** Its graphemes; undefined for plain ASCII, where each character is one of one column. */
	readonly parts: readonly Grapheme[] | undefined;
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const SPACE = 32;

function tokenize(text: string): Token[] {
	return PLAIN_ASCII.test(text) ? plainTokens(text) : graphemeTokens(text);
}

/** Runs of spaces and of other characters, as slices: no object per character (a message's text is mostly this). */
function plainTokens(text: string): Token[] {
	const tokens: Token[] = [];
	let start = 0;
	for (let index = 1; index <= text.length; index++) {
		const space = text.charCodeAt(start) === SPACE;
		if (index === text.length || (text.charCodeAt(index) === SPACE) !== space) {
			tokens.push({space, text: text.slice(start, index), width: index - start, parts: undefined});
			start = index;
		}
	}

	return tokens;
}

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
		for (const part of token.parts ?? graphemes(token.text)) {
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
