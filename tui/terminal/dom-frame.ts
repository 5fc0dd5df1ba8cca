/**
 * A frame read straight from Ink's tree, without Ink's output stage.
 *
 * After every commit Ink lays its tree out with Yoga, then builds the frame: a grid of
 * the whole screen, one object per cell, every text tokenised for its styles and
 * measured a character at a time, and turned back into a string a cell at a time. At
 * 100x30 that stage alone costs more than a millisecond per frame however little
 * changed, and the frame writer then reads the string back into cells anyway.
 *
 * The app's tree is rows of text at positions Yoga computed (rows.tsx, row tokens from
 * row-atlas.ts), so the frame is each text put at its place on its line, which is all
 * this does: the same lines Ink would write, for the frame reader to read. Anything
 * it does not do as Ink would (a text that wraps or spans lines, borders, backgrounds,
 * clipping, <Static>, padding inside a text, texts that overlap) makes it answer
 * undefined, and Ink's own output stage draws that frame.
 */
import type {DOMElement} from 'ink';
import stringWidth from 'string-width';
import type {RowAtlas} from './row-atlas.js';
import {ROW_SLOT_MARK, ROW_TOKEN_MARK} from './screen-grid.js';
import {YogaPositions} from './yoga-positions.js';

type Transformer = NonNullable<DOMElement['internal_transform']>;

/** A text of the frame at its column: a row token, or text as Ink would write it. */
export interface Placed {
	readonly x: number;
	readonly text: string;
	/** Columns the frame gives it. */
	readonly width: number;
	/** The id of the row content token it is (row-atlas.ts); undefined for anything else. */
	readonly content: string | undefined;
}

/** A line of the frame: its text, as Ink would write it, and the texts it is made of. */
export interface FrameLine {
	readonly text: string;
	/** Left to right, none overlapping. */
	readonly parts: readonly Placed[];
}

/**
 * A row token: a mark, then an id in base 36 (`/^[\x1e\x1f][0-9a-z]+$/`). Asked of every
 * text of every frame, two or three times: a loop over a few characters, not a regular
 * expression.
 */
function isToken(text: string): boolean {
	if ((text[0] !== ROW_TOKEN_MARK && text[0] !== ROW_SLOT_MARK) || text.length < 2) {
		return false;
	}
	for (let index = 1; index < text.length; index++) {
		const code = text.charCodeAt(index);
		// 0-9 and a-z
		if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 122))) {
			return false;
		}
	}
	return true;
}

/** Columns Ink's layout measures `text` at (string-width, which counts the token's mark as 0). */
function measuredWidth(text: string): number {
	return isToken(text) ? text.length - 1 : stringWidth(text);
}

/** The text of an ink-text node, its nested texts transformed (squashTextNodes, less the sanitising our rows never need). */
function textOf(node: DOMElement): string {
	let text = '';
	for (let index = 0; index < node.childNodes.length; index++) {
		const child = node.childNodes[index]!;
		if (child.nodeName === '#text') {
			text += child.nodeValue;
			continue;
		}
		let inner = child.nodeName === 'ink-text' || child.nodeName === 'ink-virtual-text' ? textOf(child) : '';
		if (inner.length > 0 && typeof child.internal_transform === 'function') {
			inner = child.internal_transform(inner, index);
		}
		text += inner;
	}
	return text;
}

const whole = (value: number) => Number.isInteger(value);

/** Puts `node`'s texts on `lines`; false for anything Ink's output stage must draw. */
function place(
	node: DOMElement,
	offsetX: number,
	offsetY: number,
	inherited: readonly Transformer[],
	lines: Placed[][],
	atlas: RowAtlas | undefined,
	positions: YogaPositions,
): boolean {
	const yoga = node.yogaNode;
	if (node.internal_static || yoga === undefined || node.style.display === 'none') {
		// Ink skips these too.
		return true;
	}
	const position = positions.of(yoga);
	const x = offsetX + position.left;
	const y = offsetY + position.top;
	if (!whole(x) || !whole(y)) {
		return false;
	}
	const own = typeof node.internal_transform === 'function' ? node.internal_transform : undefined;
	if (node.nodeName === 'ink-text') {
		let text = textOf(node);
		if (text === '') {
			return true;
		}
		// Ink would wrap or cut it, or pad it by its first child's position.
		if (text.includes('\n') || measuredWidth(text) > position.width || node.childNodes[0]?.yogaNode !== undefined) {
			return false;
		}
		// Its own transform first, then its ancestors' from the nearest out (a text is a
		// leaf here: no list of them is made for it).
		if (own !== undefined) {
			text = own(text, 0);
		}
		for (const transform of inherited) {
			text = transform(text, 0);
		}
		if (atlas !== undefined && text[0] === ROW_SLOT_MARK && isToken(text)) {
			// A row's slot: what the row shows now.
			text = atlas.slotContent(text) ?? '';
			if (text === '') {
				return true;
			}
		}
		const token = isToken(text);
		lines[y]?.push({
			x,
			text,
			width: token ? text.length : stringWidth(text),
			content: token && text[0] === ROW_TOKEN_MARK ? text.slice(1) : undefined,
		});
		return true;
	}
	const {style} = node;
	if (
		style.borderStyle !== undefined ||
		style.backgroundColor !== undefined ||
		style.overflow === 'hidden' ||
		style.overflowX === 'hidden' ||
		style.overflowY === 'hidden'
	) {
		return false;
	}
	const transformers = own === undefined ? inherited : [own, ...inherited];
	for (const child of node.childNodes) {
		if (child.nodeName !== '#text' && !place(child, x, y, transformers, lines, atlas, positions)) {
			return false;
		}
	}
	return true;
}

function inOrder(placed: readonly Placed[]): boolean {
	for (let index = 1; index < placed.length; index++) {
		if (placed[index]!.x < placed[index - 1]!.x) {
			return false;
		}
	}
	return true;
}

/** One line of the frame: its texts left to right, blanks between; undefined if two overlap. */
function lineText(placed: Placed[]): string | undefined {
	if (placed.length === 0) {
		return '';
	}
	// Usually in order already (the tree is laid out left to right); sort copies, so only when not.
	if (!inOrder(placed)) {
		placed.sort((a, b) => a.x - b.x);
	}
	let text = '';
	let column = 0;
	for (const part of placed) {
		if (part.x < column) {
			return undefined;
		}
		text += ' '.repeat(part.x - column) + part.text;
		column = part.x + part.width;
	}
	return text.trimEnd();
}

/**
 * The frame Ink would write for the tree under `root` (laid out already), with each
 * row slot of `atlas` replaced by what its row shows; undefined when Ink must draw it.
 * With `positions` kept from one frame to the next, Yoga is asked where nodes are only
 * after it laid the tree out again (yoga-positions.ts).
 */
export function domFrame(root: DOMElement, atlas?: RowAtlas, positions = new YogaPositions()): string | undefined {
	return domLines(root, atlas, positions)
		?.map((line) => line.text)
		.join('\n');
}

/**
 * The lines of the frame `domFrame` reads, each with the texts it is made of: the
 * frame reader builds a line of content tokens from the tokens' cells, without
 * reading its text back (frame-reader.ts).
 */
export function domLines(root: DOMElement, atlas?: RowAtlas, positions = new YogaPositions()): FrameLine[] | undefined {
	const yoga = root.yogaNode;
	if (yoga === undefined || root.staticNode !== undefined) {
		return undefined;
	}
	positions.begin(root);
	try {
		return readLines(root, yoga, atlas, positions);
	} finally {
		positions.end(root);
	}
}

function readLines(
	root: DOMElement,
	yoga: NonNullable<DOMElement['yogaNode']>,
	atlas: RowAtlas | undefined,
	positions: YogaPositions,
): FrameLine[] | undefined {
	const {height} = positions.of(yoga);
	if (!whole(height)) {
		return undefined;
	}
	const lines: Placed[][] = Array.from({length: height}, () => []);
	if (!place(root, 0, 0, [], lines, atlas, positions)) {
		return undefined;
	}
	const read: FrameLine[] = [];
	for (const parts of lines) {
		const text = lineText(parts);
		if (text === undefined) {
			return undefined;
		}
		read.push({text, parts});
	}
	return read;
}
