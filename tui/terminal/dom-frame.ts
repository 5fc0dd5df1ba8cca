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
 * A text placed as this module places it: one object for as long as the same text is
 * at the same column (kept by the text node, or for a slot's content by the atlas),
 * which keeps the last few lines it began. A line of the same parts as one of them is
 * that line, its text not joined again: a frame in which nothing moved, or in which
 * the history moved up a row, is mostly lines of earlier frames.
 */
export interface Part extends Placed {
	/** Most recent first. More than one: the same row content on two rows (a blank row between messages) begins two lines. */
	lines: FrameLine[] | undefined;
}

/** Lines kept per part: two, for a content on two rows; each kept line is memory held per client. */
const LINES_PER_PART = 2;

const NO_LINE: FrameLine = {text: '', parts: []};

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

/** Whether Ink's output stage must draw a box of this style (a border, a background, clipping). */
function inkDraws(style: DOMElement['style']): boolean {
	return (
		style.borderStyle !== undefined ||
		style.backgroundColor !== undefined ||
		style.overflow === 'hidden' ||
		style.overflowX === 'hidden' ||
		style.overflowY === 'hidden'
	);
}

/** A node a walk of the tree went by, as it was then (what a change to it that Yoga does not see would change). */
interface PassedNode {
	readonly node: DOMElement;
	style: DOMElement['style'];
	readonly transform: DOMElement['internal_transform'];
	readonly isStatic: boolean | undefined;
}

/** A text a walk of the tree put at its place: where, in what room, under which of its ancestors' transforms. */
interface PlacedNode {
	readonly node: DOMElement;
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly inherited: readonly Transformer[];
	/** What it placed last (not a slot's: that is kept with the content). */
	part: Part | undefined;
	/**
	 * Its text as last found fit to place (one line, within its room): while the walk
	 * is kept, its room and children are as they were, so the same text fits again.
	 */
	fits: string | undefined;
}

/** What a walk of the tree found, to put its texts again while the tree is as it was. */
interface Walk {
	readonly passed: PassedNode[];
	readonly texts: PlacedNode[];
}

function partAt(x: number, text: string): Part {
	const token = isToken(text);
	return {
		x,
		text,
		width: token ? text.length : stringWidth(text),
		content: token && text[0] === ROW_TOKEN_MARK ? text.slice(1) : undefined,
		lines: undefined,
	};
}

/**
 * A text node's text as placed on its line; null when it shows nothing, false for
 * anything Ink's output stage must draw. `committed`: whether the tree may have changed
 * since the text was last placed; when not, a text found fit then is the same text.
 */
function placeText(placed: PlacedNode, atlas: RowAtlas | undefined, committed = true): Part | null | false {
	const {node, x, width, inherited} = placed;
	let text = !committed && placed.fits !== undefined ? placed.fits : textOf(node);
	if (text === '') {
		return null;
	}
	if (text !== placed.fits) {
		// Ink would wrap or cut it, or pad it by its first child's position.
		if (text.includes('\n') || measuredWidth(text) > width || node.childNodes[0]?.yogaNode !== undefined) {
			return false;
		}
		placed.fits = text;
	}
	// Its own transform first, then its ancestors' from the nearest out.
	if (typeof node.internal_transform === 'function') {
		text = node.internal_transform(text, 0);
	}
	for (const transform of inherited) {
		text = transform(text, 0);
	}
	if (atlas !== undefined && text[0] === ROW_SLOT_MARK && isToken(text)) {
		// A row's slot: what the row shows now.
		const content = atlas.slotShows(text);
		if (content === undefined || content === null) {
			return null;
		}
		const kept = content.part;
		if (kept?.x === x) {
			return kept;
		}
		const part = partAt(x, content.shown);
		content.part = part;
		return part;
	}
	const kept = placed.part;
	if (kept?.text === text) {
		return kept;
	}
	const part = partAt(x, text);
	placed.part = part;
	return part;
}

/** Puts `node`'s texts on `lines`, noting in `walk` what it went by; false for anything Ink's output stage must draw. */
function place(
	node: DOMElement,
	offsetX: number,
	offsetY: number,
	inherited: readonly Transformer[],
	lines: LineParts,
	atlas: RowAtlas | undefined,
	positions: YogaPositions,
	walk: Walk | undefined,
): boolean {
	walk?.passed.push({
		node,
		style: node.style,
		transform: node.internal_transform,
		isStatic: node.internal_static,
	});
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
	if (node.nodeName === 'ink-text') {
		const text: PlacedNode = {node, x, y, width: position.width, inherited, part: undefined, fits: undefined};
		walk?.texts.push(text);
		const part = placeText(text, atlas);
		if (part === false) {
			return false;
		}
		if (part !== null) {
			lines.add(y, part);
		}
		return true;
	}
	if (inkDraws(node.style)) {
		return false;
	}
	const own = typeof node.internal_transform === 'function' ? node.internal_transform : undefined;
	const transformers = own === undefined ? inherited : [own, ...inherited];
	for (const child of node.childNodes) {
		if (child.nodeName !== '#text' && !place(child, x, y, transformers, lines, atlas, positions, walk)) {
			return false;
		}
	}
	return true;
}

/**
 * Whether the nodes a walk went by are as they were, in what Yoga does not lay out:
 * their transforms, and the styles that decide whether Ink's output stage draws them
 * (a box re-rendered has a new style object, usually the same in all of that).
 */
function unchanged(passed: readonly PassedNode[]): boolean {
	for (const was of passed) {
		const {node} = was;
		if (node.internal_static !== was.isStatic) {
			return false;
		}
		// A text's own transform is asked anew for every frame; an ancestor's is kept with the text.
		if (node.nodeName !== 'ink-text' && node.internal_transform !== was.transform) {
			return false;
		}
		const {style} = node;
		if (style !== was.style) {
			if ((style.display === 'none') !== (was.style.display === 'none') || inkDraws(style) !== inkDraws(was.style)) {
				return false;
			}
			was.style = style;
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

/** Blanks between a line's texts, cut from one string rather than made for each gap of each line. */
const BLANKS = ' '.repeat(256);
const blanks = (count: number) => (count <= BLANKS.length ? BLANKS.slice(0, count) : ' '.repeat(count));

/** Puts a line's texts left to right; false if two overlap. */
function ordered(placed: Placed[]): boolean {
	// Usually in order already (the tree is laid out left to right); sort copies, so only when not.
	if (!inOrder(placed)) {
		placed.sort((a, b) => a.x - b.x);
	}
	let column = 0;
	for (const part of placed) {
		if (part.x < column) {
			return false;
		}
		column = part.x + part.width;
	}
	return true;
}

/** One line of the frame: its texts (ordered, none overlapping) left to right, blanks between. */
function joinText(placed: readonly Placed[]): string {
	let text = '';
	let column = 0;
	for (const part of placed) {
		text += part.x === column ? part.text : blanks(part.x - column) + part.text;
		column = part.x + part.width;
	}
	// Nothing to trim after a printable character (a row token ends in one).
	const last = text.charCodeAt(text.length - 1);
	return last > 0x20 && last < 0x7f ? text : text.trimEnd();
}

/**
 * A line whose text is joined when first asked for. The frame reader builds a line of
 * content tokens from the tokens' cells and knows a line it read by the object
 * (frame-reader.ts): it asks for the text of a line of other text only.
 */
class JoinedLine implements FrameLine {
	private joined: string | undefined;

	constructor(readonly parts: readonly Placed[]) {}

	get text(): string {
		this.joined ??= joinText(this.parts);
		return this.joined;
	}
}

/** Whether `line` is the first `count` of `parts`. */
function sameParts(line: readonly Placed[], parts: readonly Placed[], count: number): boolean {
	if (line.length !== count) {
		return false;
	}
	for (let index = 0; index < count; index++) {
		if (line[index] !== parts[index]) {
			return false;
		}
	}
	return true;
}

/** The line of the first `count` of `parts` (left to right as placed): a line they made before, if they made one lately. */
function lineOf(parts: readonly Part[], count: number): FrameLine | undefined {
	const first = parts[0];
	if (count === 0 || first === undefined) {
		return NO_LINE;
	}
	const kept = first.lines;
	if (kept !== undefined) {
		for (const line of kept) {
			if (sameParts(line.parts, parts, count)) {
				return line;
			}
		}
	}
	const own = parts.slice(0, count);
	if (!ordered(own)) {
		return undefined;
	}
	const line = new JoinedLine(own);
	if (kept === undefined) {
		first.lines = [line];
	} else {
		if (kept.length >= LINES_PER_PART) {
			kept.pop();
		}
		kept.unshift(line);
	}
	return line;
}

/**
 * Each line's parts as a frame is read. Kept from one frame to the next with a count
 * per line: an array emptied by setting its length to 0 gives up its storage, which the
 * next frame's parts would allocate again, thirty lines a frame.
 */
class LineParts {
	private readonly parts: Part[][] = [];
	private readonly counts: number[] = [];
	private height = 0;

	/** Starts a frame `height` lines high, every line empty. */
	begin(height: number): this {
		this.height = height;
		for (let index = 0; index < height; index++) {
			if (index === this.parts.length) {
				this.parts.push([]);
			}
			this.counts[index] = 0;
		}
		return this;
	}

	/** Puts `part` on line `y`, after the parts put there before; a part below the last line is not on the frame. */
	add(y: number, part: Part): void {
		if (y >= 0 && y < this.height) {
			this.parts[y]![this.counts[y]!++] = part;
		}
	}

	/** The frame's lines, each from its parts; undefined if two overlap. */
	lines(): FrameLine[] | undefined {
		const read = new Array<FrameLine>(this.height);
		for (let index = 0; index < this.height; index++) {
			const line = lineOf(this.parts[index]!, this.counts[index]!);
			if (line === undefined) {
				return undefined;
			}
			read[index] = line;
		}
		return read;
	}
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
		return readLines(root, yoga, atlas, positions, undefined)?.lines;
	} finally {
		positions.end(root);
	}
}

/**
 * The frames of one tree, as `domLines` reads them, read without walking the tree
 * while it is as it was. A message changes what the rows' slots show and nothing
 * else in Ink's tree, yet a walk goes by every node (about 120 at 100x30) and asks
 * each where it is. Any change to the tree that Yoga lays out (a node added, moved or
 * removed, a text changed, a style Yoga reads) is a new layout (yoga-positions.ts);
 * what Yoga does not see (transforms, and the styles that make Ink draw a frame
 * itself) is checked on the nodes the last walk went by. While both hold, the texts
 * that walk found are put again at the places it found, each read anew.
 */
export class DomFrames {
	private readonly positions = new YogaPositions();
	private readonly parts = new LineParts();
	private kept:
		{readonly root: DOMElement; readonly layout: number; readonly height: number; readonly walk: Walk} | undefined;
	constructor(private readonly atlas?: RowAtlas) {}

	/**
	 * The frame's lines; undefined when Ink must draw it. `committed` false says nothing
	 * was committed to the tree since the last frame read from it (the history pane
	 * painted its slots directly, chat-store.ts): only what the slots show can have
	 * changed, so Yoga is not asked whether it laid the tree out, nor are the nodes the
	 * walk went by looked at again.
	 */
	read(root: DOMElement, committed = true): FrameLine[] | undefined {
		const {kept} = this;
		if (!committed && kept?.root === root) {
			return this.placeKept(kept, false);
		}
		const yoga = root.yogaNode;
		if (yoga === undefined || root.staticNode !== undefined) {
			this.kept = undefined;
			return undefined;
		}
		const {positions} = this;
		positions.begin(root);
		try {
			if (kept?.root === root && kept.layout === positions.layout && unchanged(kept.walk.passed)) {
				return this.placeKept(kept, true);
			}
			const walk: Walk = {passed: [], texts: []};
			const read = readLines(root, yoga, this.atlas, positions, walk, this.parts);
			this.kept = read?.lines === undefined ? undefined : {root, layout: positions.layout, height: read.height, walk};
			return read?.lines;
		} finally {
			positions.end(root);
		}
	}

	/** The texts the kept walk found, put again at the places it found: each read anew. */
	private placeKept(kept: NonNullable<DomFrames['kept']>, committed: boolean): FrameLine[] | undefined {
		const lines = this.parts.begin(kept.height);
		for (const text of kept.walk.texts) {
			const part = placeText(text, this.atlas, committed);
			if (part === false) {
				return undefined;
			}
			if (part !== null) {
				lines.add(text.y, part);
			}
		}
		return lines.lines();
	}
}

function readLines(
	root: DOMElement,
	yoga: NonNullable<DOMElement['yogaNode']>,
	atlas: RowAtlas | undefined,
	positions: YogaPositions,
	walk: Walk | undefined,
	parts = new LineParts(),
): {lines: FrameLine[] | undefined; height: number} | undefined {
	const {height} = positions.of(yoga);
	if (!whole(height)) {
		return undefined;
	}
	const lines = parts.begin(height);
	if (!place(root, 0, 0, [], lines, atlas, positions, walk)) {
		return undefined;
	}
	return {lines: lines.lines(), height};
}
