/**
 * Rows passed to Ink by reference. Ink builds every frame whole: each text of the tree
 * is tokenised for its styles and measured a character at a time into a grid of the
 * whole screen, which the frame writer then read back into cells; and a text that
 * changes has Yoga lay the tree out again. At 100x30 that was most of the CPU a
 * keystroke or a message cost, for a screen where one row changed or the history moved.
 *
 * With the atlas, each row of the app (a `RowLine`) holds a *slot*: a token that is
 * its text in Ink's tree for as long as it is mounted, whatever it shows. What it
 * shows is assigned to the slot as it renders. Ink lays the slots out once; a row that
 * changes changes no text in Ink's tree, so nothing is measured or laid out again.
 *
 * When the writer reads a frame (dom-frame.ts), each slot's place is where Yoga put
 * it, and its content is a second kind of token, one per distinct row text, whose
 * cells the atlas parses once. Ids of either kind are never reused, so a line of
 * content tokens always means the same cells: the frame reader takes a line it has
 * seen as it was, and the scroll search follows content tokens from row to row.
 *
 * A token is a mark no shown text contains (a control character: every one in text
 * from the network is replaced by a visible stand-in) and an id in base 36. Content
 * is kept while a frame shows it, and for the frame after the one it was made for;
 * the rest is swept when there is much more than a screen holds.
 */
import type {Part} from './dom-frame.js';
import {DEFAULT_STYLE} from './sgr-style.js';
import {parseLine, ROW_SLOT_MARK, ROW_TOKEN_MARK, type Cell} from './screen-grid.js';

/**
 * Where a row's cells can come from other than its text: the spans it was painted
 * from (span-cells.ts). Undefined when it cannot make them; the text is read then.
 */
export interface CellSource {
	cells(columns: number): ReadonlyArray<Cell> | undefined;
}

/** What a slot shows, as a frame line holds it. */
export interface SlotContent {
	/** The token of the content, or its text when that is as short as a token or the token would not fit. */
	readonly shown: string;
	/**
	 * What the frame read from Ink's tree made of it at the column it was last at
	 * (dom-frame.ts): kept with the content, so that a row the history moved up is the
	 * same part of a line as it was one row lower.
	 */
	part: Part | undefined;
}

interface AtlasEntry extends SlotContent {
	readonly id: string;
	readonly token: string;
	readonly text: string;
	readonly width: number;
	cells: ReadonlyArray<Cell> | undefined;
	/** Where its cells come from, until they are made; its text when none. */
	source: CellSource | undefined;
	/** The last frame that showed it (or the frame being made when it was created). */
	seen: number;
	/** Dropped from the atlas: a slot that still holds it must look its text up again. */
	swept: boolean;
}

interface Slot {
	text: string;
	width: number;
	source: CellSource | undefined;
	/** The entry of what it shows, once asked: kept while it shows the same. */
	entry: AtlasEntry | undefined;
}

/** Entries beyond those on screen kept before a sweep, so a row that comes back soon keeps its token. */
const SPARE_ENTRIES = 512;

export class RowAtlas {
	private readonly byWidth = new Map<number, Map<string, AtlasEntry>>();
	private readonly byId = new Map<string, AtlasEntry>();
	/** By their token (the mark included): a frame read from the tree has it as is. */
	private readonly slots = new Map<string, Slot>();
	private nextId = 1;
	private nextSlot = 1;
	private frame = 0;
	private seenThisFrame = 0;

	/** A new slot's token, for a row `width` columns wide; undefined when Ink could not fit it in the row. */
	openSlot(width: number): string | undefined {
		const id = this.nextSlot.toString(36);
		if (1 + id.length > width) {
			return undefined;
		}
		this.nextSlot++;
		const token = ROW_SLOT_MARK + id;
		this.slots.set(token, {text: '', width, source: undefined, entry: undefined});
		return token;
	}

	/**
	 * What slot `token` shows from now on: a row `width` columns wide of `text` (with SGR
	 * styles), whose cells `source` makes, if given, should the atlas not have them yet.
	 */
	assign(token: string, text: string, width: number, source?: CellSource): void {
		const slot = this.slots.get(token);
		if (slot !== undefined && (slot.text !== text || slot.width !== width)) {
			slot.text = text;
			slot.width = width;
			slot.source = source;
			slot.entry = undefined;
		}
	}

	/** The row is gone: its slot too. */
	closeSlot(token: string): void {
		this.slots.delete(token);
	}

	/**
	 * What a frame line holds where slot `token` is: the token of its content, or the
	 * text itself when that is as short as a token or the token would not fit.
	 */
	slotContent(token: string): string | undefined {
		const content = this.slotShows(token);
		return content === null ? '' : content?.shown;
	}

	/** What slot `token` shows (`slotContent`, with the frame reader's part); null when it shows nothing. */
	slotShows(token: string): SlotContent | null | undefined {
		const slot = this.slots.get(token);
		if (slot === undefined) {
			return undefined;
		}
		if (slot.text === '') {
			return null;
		}
		// A row that shows what it showed (most of them, frame after frame) has its entry at hand.
		let entry = slot.entry;
		if (entry === undefined || entry.swept) {
			entry = this.entry(slot.text, slot.width, slot.source);
			slot.entry = entry;
			slot.source = undefined;
		} else if (entry.seen < this.frame) {
			entry.seen = this.frame;
		}
		return entry;
	}

	/** The cells slot `id` shows (for frames Ink drew, which hold slots rather than content). */
	slotCells(id: string): ReadonlyArray<Cell> | undefined {
		const slot = this.slots.get(ROW_SLOT_MARK + id);
		if (slot === undefined || slot.text === '') {
			return undefined;
		}
		return this.cellsOf(this.entry(slot.text, slot.width, slot.source));
	}

	/**
	 * The token for a row `width` columns wide whose text is `text`, or the text itself
	 * when that is as short (a blank row) or the token would not fit.
	 */
	token(text: string, width: number): string {
		if (text === '') {
			return text;
		}
		return this.entry(text, width).shown;
	}

	/** The cells content token `id` stands for (parsed on first use), and a note that the frame being read shows it. */
	cells(id: string): ReadonlyArray<Cell> | undefined {
		const entry = this.byId.get(id);
		return entry === undefined ? undefined : this.cellsOf(entry);
	}

	/** Notes that the frame being read shows content token `id` (read from a line seen before). */
	seen(id: string): void {
		const entry = this.byId.get(id);
		if (entry !== undefined) {
			this.touch(entry);
		}
	}

	/** Ends the frame being read: content it did not show is dropped once there is much. */
	endFrame(): void {
		if (this.byId.size > this.seenThisFrame + SPARE_ENTRIES) {
			for (const entry of this.byId.values()) {
				// Made for the next frame, or shown in this one: kept.
				if (entry.seen < this.frame) {
					entry.swept = true;
					this.byId.delete(entry.id);
					this.byWidth.get(entry.width)?.delete(entry.text);
				}
			}
		}
		this.frame++;
		this.seenThisFrame = 0;
	}

	/** Content entries held: for tests and the bench. */
	get size(): number {
		return this.byId.size;
	}

	private entry(text: string, width: number, source?: CellSource): AtlasEntry {
		let byText = this.byWidth.get(width);
		if (byText === undefined) {
			byText = new Map();
			this.byWidth.set(width, byText);
		}
		let entry = byText.get(text);
		if (entry === undefined) {
			const id = (this.nextId++).toString(36);
			const token = ROW_TOKEN_MARK + id;
			entry = {
				id,
				token,
				text,
				width,
				// The frame gives the token a cell per character: it must fit the row, and be shorter than the text.
				shown: token.length > width || token.length >= text.length ? text : token,
				part: undefined,
				cells: undefined,
				source,
				seen: this.frame,
				swept: false,
			};
			byText.set(text, entry);
			this.byId.set(id, entry);
		} else if (entry.seen < this.frame) {
			entry.seen = this.frame;
		}
		return entry;
	}

	private cellsOf(entry: AtlasEntry): ReadonlyArray<Cell> {
		this.touch(entry);
		if (entry.cells === undefined) {
			entry.cells = entry.source?.cells(entry.width) ?? parseLine(entry.text, entry.width, DEFAULT_STYLE).cells;
			// Its row and spans are not needed any more.
			entry.source = undefined;
		}
		return entry.cells;
	}

	private touch(entry: AtlasEntry): void {
		entry.seen = this.frame;
		this.seenThisFrame++;
	}
}
