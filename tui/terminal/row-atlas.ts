/**
 * Rows passed to Ink by reference. Ink builds every frame whole: each text of the tree
 * is tokenised for its styles and measured a character at a time into a grid of the
 * whole screen, which the frame writer then reads back into cells. At 100x30 that was
 * two thirds of the CPU a keystroke or a message cost, for a screen where one row or a
 * scroll changed.
 *
 * With the atlas, a component hands Ink a token for its row instead of the row's
 * text: a mark no shown text contains (`ROW_TOKEN_MARK`, a control character) and a
 * short id. Ink still lays out, positions and writes every row, and a token is a few
 * characters for it to write. The frame writer reads the token back as the row's cells,
 * which the atlas parsed once, when the row was first shown. A row that did not change
 * keeps its token, so the line of the frame that holds it does not change either, and
 * the writer takes it as it was.
 *
 * Ids are never reused, so a token always means the same cells. An entry is kept while
 * its token is on screen, and for the frame after the one it was made for; the rest are
 * swept when there are many more than a screen holds.
 */
import {DEFAULT_STYLE} from './sgr-style.js';
import {parseLine, ROW_TOKEN_MARK, type Cell} from './screen-grid.js';

interface AtlasEntry {
	readonly id: string;
	readonly token: string;
	readonly text: string;
	readonly width: number;
	cells: ReadonlyArray<Cell> | undefined;
	/** The last frame that showed it (or the frame being made when it was created). */
	seen: number;
}

/** Entries beyond those on screen kept before a sweep, so a row that comes back soon keeps its token. */
const SPARE_ENTRIES = 512;

export class RowAtlas {
	private readonly byWidth = new Map<number, Map<string, AtlasEntry>>();
	private readonly byId = new Map<string, AtlasEntry>();
	private nextId = 1;
	private frame = 0;
	private seenThisFrame = 0;

	/**
	 * What to give Ink for a row `width` columns wide whose text (with SGR styles) is
	 * `text`: its token, or the text itself when that is as short (a blank row) or the
	 * token would not fit.
	 */
	token(text: string, width: number): string {
		if (text === '') {
			return text;
		}
		let byText = this.byWidth.get(width);
		if (byText === undefined) {
			byText = new Map();
			this.byWidth.set(width, byText);
		}
		let entry = byText.get(text);
		if (entry === undefined) {
			const id = this.nextId.toString(36);
			const token = ROW_TOKEN_MARK + id;
			// Ink gives the token a cell per character: it must fit the row's box.
			if (token.length > width || token.length >= text.length) {
				return text;
			}
			this.nextId++;
			entry = {id, token, text, width, cells: undefined, seen: this.frame};
			byText.set(text, entry);
			this.byId.set(id, entry);
		} else if (entry.seen < this.frame) {
			entry.seen = this.frame;
		}
		return entry.token;
	}

	/** The cells token `id` stands for (parsed on first use), and a note that the frame being read shows it. */
	cells(id: string): ReadonlyArray<Cell> | undefined {
		const entry = this.byId.get(id);
		if (entry === undefined) {
			return undefined;
		}
		this.touch(entry);
		entry.cells ??= parseLine(entry.text, entry.width, DEFAULT_STYLE).cells;
		return entry.cells;
	}

	/** Notes that the frame being read shows token `id` (read from a line seen before). */
	seen(id: string): void {
		const entry = this.byId.get(id);
		if (entry !== undefined) {
			this.touch(entry);
		}
	}

	/** Ends the frame being read: rows it did not show are dropped once there are many. */
	endFrame(): void {
		if (this.byId.size > this.seenThisFrame + SPARE_ENTRIES) {
			for (const entry of this.byId.values()) {
				// Made for the next frame, or shown in this one: kept.
				if (entry.seen < this.frame) {
					this.byId.delete(entry.id);
					this.byWidth.get(entry.width)?.delete(entry.text);
				}
			}
		}
		this.frame++;
		this.seenThisFrame = 0;
	}

	/** Entries held: for tests and the bench. */
	get size(): number {
		return this.byId.size;
	}

	private touch(entry: AtlasEntry): void {
		entry.seen = this.frame;
		this.seenThisFrame++;
	}
}
