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
	return new PlainWrap(text, firstWidth, restWidth).wrap();
}

/**
 * One `wrapPlain`: the lines so far and the line being filled. A class rather than
 * closures over the loop's variables: a loader that keeps function names (tsx, which
 * the bench runs under) names each closure as it is made, every message.
 */
class PlainWrap {
	private readonly lines: string[] = [];
	// The line so far: `line`, then the characters from `from` to `to` (one slice a line, usually).
	private line = '';
	private from = 0;
	private to = 0;
	private used = 0;
	// The run of spaces before the word being placed: kept only if the word follows on the same line.
	private pendingAt = 0;
	private pendingWidth = 0;

	constructor(
		private readonly text: string,
		private readonly firstWidth: number,
		private readonly restWidth: number,
	) {}

	wrap(): string[] {
		const {text, restWidth, lines} = this;
		let start = 0;
		while (start < text.length) {
			const space = text.charCodeAt(start) === SPACE;
			let end = start + 1;
			while (end < text.length && (text.charCodeAt(end) === SPACE) === space) {
				end++;
			}

			const width = end - start;
			if (space) {
				this.pendingAt = start;
				this.pendingWidth = width;
			} else if (this.used > 0 && this.used + this.pendingWidth + width > this.limit() && width <= restWidth) {
				this.breakLine();
			}

			if (!space && this.used + this.pendingWidth + width <= this.limit()) {
				// The pending spaces, if any, are the run just before the word.
				this.add(start - this.pendingWidth, end);
				this.pendingWidth = 0;
			} else if (!space) {
				// A word longer than a line: cut it, starting where the line is.
				if (this.used > 0 && this.used + this.pendingWidth < this.limit()) {
					this.add(this.pendingAt, this.pendingAt + this.pendingWidth);
				}

				this.pendingWidth = 0;
				for (let at = start; at < end;) {
					if (this.used > 0 && this.used + 1 > this.limit()) {
						this.breakLine();
					}

					const take = Math.min(end - at, this.limit() - this.used);
					this.add(at, at + take);
					at += take;
				}
			}

			start = end;
		}

		// Leading spaces on an otherwise empty text still show (an all-space message).
		if (this.used === 0 && this.pendingWidth > 0 && lines.length === 0) {
			return [text.slice(this.pendingAt, this.pendingAt + Math.min(this.pendingWidth, Math.max(1, this.firstWidth)))];
		}

		lines.push(this.line + text.slice(this.from, this.to));
		return lines;
	}

	private limit(): number {
		return Math.max(1, this.lines.length === 0 ? this.firstWidth : this.restWidth);
	}

	private add(start: number, end: number): void {
		if (start !== this.to) {
			this.line += this.text.slice(this.from, this.to);
			this.from = start;
		}
		this.to = end;
		this.used += end - start;
	}

	private breakLine(): void {
		this.lines.push(this.line + this.text.slice(this.from, this.to));
		this.line = '';
		this.from = this.to;
		this.used = 0;
		this.pendingWidth = 0;
	}
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
