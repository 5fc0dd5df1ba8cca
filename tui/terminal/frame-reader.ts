/**
 * Reads Ink's frames into grids, parsing only the lines it has not just seen.
 *
 * From one frame to the next most lines of the screen are the same text: a keystroke
 * changes the input line, a message moves the history up a row (each line of the pane
 * is then a line the previous frame had, one row lower). A line equal to one of the
 * last frame's, starting in the default style, is the same row of cells: it is taken
 * as it was, the same array, which is also how the diff knows it unchanged without
 * comparing its cells. Row tokens (row-atlas.ts) are read through the atlas.
 *
 * A frame read from Ink's tree (dom-frame.ts) comes as lines with the texts they are
 * made of: a new line of content tokens, which a message makes of the history's rows
 * beside the sidebar's, is built from the tokens' cells rather than read from its text.
 * Such a line is one object for as long as it holds the same texts (dom-frame.ts keeps
 * it), so it is known by the object, not looked up by its text.
 */
import type {FrameLine} from './dom-frame.js';
import type {RowAtlas} from './row-atlas.js';
import {parseLine, ROW_SLOT_MARK, tokenLine, type Cell, type Grid, type ParsedLine} from './screen-grid.js';
import {DEFAULT_STYLE, type Style} from './sgr-style.js';

const isDefault = (style: Style) => style.attributes === 0 && style.foreground === '' && style.background === '';

export class FrameReader {
	/** The last frame's lines that started in the default style, by their text. */
	private lines = new Map<string, ParsedLine>();
	/**
	 * The last frame's lines read from Ink's tree, by the line (the object). A line from
	 * the tree holds no slot, only texts and content tokens, whose ids are never reused:
	 * the same line reads to the same cells for as long as the screen is as wide. Kept
	 * for one frame, as the lines by text are: kept for as long as the lines live (the
	 * parts that make them keep them, dom-frame.ts), their rows held a megabyte and more
	 * per client.
	 */
	private treeLines = new Map<FrameLine, ParsedLine>();
	private nextTreeLines = new Map<FrameLine, ParsedLine>();
	private columns = 0;
	private rows = 0;
	constructor(private readonly atlas: RowAtlas) {}

	/** Reads a frame: Ink's text, or the lines `domLines` read from Ink's tree. */
	read(frame: string | readonly FrameLine[], columns: number, rows: number): Grid {
		if (columns !== this.columns || rows !== this.rows) {
			this.lines.clear();
			this.treeLines.clear();
			this.columns = columns;
			this.rows = rows;
		}
		const texts = typeof frame === 'string' ? frame.split('\n', rows) : undefined;
		const fromTree = typeof frame === 'string' ? undefined : frame;
		const next = new Map<string, ParsedLine>();
		// Two maps in turn: the one of the frame before last is emptied for this frame's lines.
		const nextTreeLines = this.nextTreeLines;
		nextTreeLines.clear();
		const cells: Cell[][] = [];
		const placements: (readonly string[])[] = [];
		let text = false;
		let style: Style = DEFAULT_STYLE;
		for (let row = 0; row < rows; row++) {
			const treeLine = fromTree?.[row];
			let parsed: ParsedLine | undefined;
			if (treeLine !== undefined && isDefault(style)) {
				parsed = nextTreeLines.get(treeLine) ?? this.treeLines.get(treeLine);
				if (parsed === undefined) {
					parsed =
						tokenLine(treeLine.parts, columns, this.atlas) ?? parseLine(treeLine.text, columns, style, this.atlas);
				} else {
					for (const id of parsed.tokens) {
						this.atlas.seen(id);
					}
				}
				nextTreeLines.set(treeLine, parsed);
			} else {
				const line = (texts === undefined ? treeLine?.text : texts[row]) ?? '';
				if (isDefault(style)) {
					parsed = next.get(line) ?? this.lines.get(line);
					if (parsed === undefined) {
						parsed = parseLine(line, columns, style, this.atlas);
					} else {
						for (const id of parsed.tokens) {
							this.atlas.seen(id);
						}
					}
					// A line with slots (a frame Ink drew) reads differently once they show something else.
					if (!parsed.text || !line.includes(ROW_SLOT_MARK)) {
						next.set(line, parsed);
					}
				} else {
					parsed = parseLine(line, columns, style, this.atlas);
				}
			}
			cells.push(parsed.cells);
			placements.push(parsed.placements);
			text ||= parsed.text;
			style = parsed.style;
		}
		this.lines = next;
		this.nextTreeLines = this.treeLines;
		this.treeLines = nextTreeLines;
		this.atlas.endFrame();
		// Placements speak for a frame only when nothing else is on it.
		return text ? {columns, rows, cells} : {columns, rows, cells, placements};
	}

	/** Forgets the lines seen: the next frame is read whole. */
	reset(): void {
		this.lines.clear();
		this.treeLines.clear();
	}
}
