/**
 * Puts Ink's frames on a terminal by writing only what changed between them.
 *
 * Ink 6.8 repaints the whole screen for every frame (about 2,500 bytes per keystroke at
 * 80x24, every one of them crossing the SSH link). Rendered with `debug: true`, Ink
 * instead writes each complete frame in one `stdout.write` call, unthrottled. The
 * writer's `sink` is that stdout: it reads each frame into a grid, and writes to the
 * real terminal only the update from the grid it showed last (see `frame-diff.ts`).
 *
 * Wiring:
 *
 *     const writer = createFrameWriter({ output: process.stdout, columns, rows });
 *     render(<App />, { stdout: writer.sink as unknown as NodeJS.WriteStream, debug: true, ... });
 *     process.stdout.on('resize', () => writer.resize(process.stdout.columns, process.stdout.rows));
 *
 * and the input line calls `writer.setCursor(...)` with its caret (Ink's own `useCursor`
 * does nothing in debug mode). The writer assumes it alone writes to the screen: after
 * anything else has (a stray stderr line), `redraw()`. Ink's `<Static>` and
 * `useStdout().write` do not fit this mode (debug mode writes their text as if it were a
 * frame) and must not be used.
 *
 * The app's own wiring goes further, for CPU (docs/PERFORMANCE.md, "TUI render cost"):
 * its rows are slots of the writer's `atlas` (row-atlas.ts), so Ink lays out a token
 * per row rather than its text, and `renderFrom` has the writer read each frame from
 * Ink's laid-out tree (dom-frame.ts) rather than have Ink's output stage build it.
 * Lines seen in the last frame are not read again (frame-reader.ts). Any frame still
 * arrives through the sink the same way, and reads to the same cells.
 */

import {EventEmitter} from 'node:events';
import type {DOMElement} from 'ink';
import {cursorMove, type CellPosition, type CursorState} from './cursor-moves.js';
import {DomFrames, type FrameLine} from './dom-frame.js';
import {HIDE_CURSOR, SHOW_CURSOR} from './escape-sequences.js';
import {planFrameUpdate} from './frame-diff.js';
import {FrameReader} from './frame-reader.js';
import {RowAtlas} from './row-atlas.js';
import type {Grid} from './screen-grid.js';

/** Terminals that support it (mode 2026) show an update whole, never half drawn; others ignore both. */
export const BEGIN_SYNCHRONIZED_UPDATE = '\x1b[?2026h';
export const END_SYNCHRONIZED_UPDATE = '\x1b[?2026l';

/**
 * Updates shorter than this are written without the synchronized-update wrapper. Such an
 * update (a keystroke's echo, a changed counter) goes out in one write, which a terminal
 * reads and draws in one go: it cannot be seen half drawn, and the wrapper's 16 bytes
 * would be most of it (a keystroke was 20 bytes, 16 of them the wrapper). A new message,
 * a scroll or a switch of conversation is longer, and wrapped.
 */
export const TEAR_FREE_BYTES = 64;

/** Where the writer's bytes go: the terminal's stdout or SSH channel. */
export interface FrameOutput {
	write(chunk: string): unknown;
}

export interface FrameWriterOptions {
	readonly output: FrameOutput;
	readonly columns: number;
	readonly rows: number;
}

export interface FrameWriter {
	/** The stdout to render Ink into, with `debug: true`. Emits 'resize' when the writer is resized. */
	readonly sink: FrameSink;
	/** Rows the app hands Ink as tokens, which this writer reads back as cells (row-atlas.ts). */
	readonly atlas: RowAtlas;
	/**
	 * Takes Ink's frames from its tree under `root` (Ink's root node) after each commit,
	 * instead of from Ink's output stage (dom-frame.ts); Ink still draws what that cannot.
	 * Returns the undo.
	 */
	renderFrom(root: DOMElement): () => void;
	/**
	 * Reads a frame from the tree now and writes what changed: for rows the app changed
	 * in the atlas without a React commit (the history pane's direct paint, chat-store.ts).
	 * `shift`: how many rows up the painted rows moved (a message moved the history),
	 * which spares the diff its search for the shift to scroll by. False when there is no
	 * tree to read, or it cannot be read: React and Ink render then.
	 */
	frameNow(shift?: number): boolean;
	/** The terminal has a new size: the next frame is painted whole, and Ink is told to render one. */
	resize(columns: number, rows: number): void;
	/** Clears the terminal and paints the last frame whole (Ctrl-L, or after something else wrote to the screen). */
	redraw(): void;
	/** Shows the terminal's cursor at `position` after each update (where the caret is), or hides it. */
	setCursor(position: CellPosition | undefined): void;
	/** Bytes written to the output so far, as UTF-8. */
	readonly bytesWritten: number;
	/** Stops writing: frames Ink renders after this (its last one on unmount) are dropped. */
	dispose(): void;
}

type WriteCallback = (error?: Error | null) => void;

/**
 * The stdout Ink renders into: the members of a `tty.WriteStream` Ink 6.8 uses, and no
 * more. Ink reads `columns` (its layout width), `rows` and `isTTY`; subscribes to
 * 'resize' with `on`/`off`; checks `writable`/`destroyed` before its last frame; and
 * writes frames, an empty string on a narrowing resize, `ESC[?25h` on unmount, and
 * keyboard-protocol sequences when asked for them.
 */
export class FrameSink extends EventEmitter {
	readonly isTTY = true;
	writable = true;
	destroyed = false;

	constructor(
		public columns: number,
		public rows: number,
		private readonly receive: (chunk: string) => void,
	) {
		super();
	}

	write(
		chunk: string | Uint8Array,
		encodingOrCallback?: BufferEncoding | WriteCallback,
		callback?: WriteCallback,
	): boolean {
		const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
		if (this.writable) {
			this.receive(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		}
		if (done !== undefined) {
			// As a stream would: after the write, never during it.
			process.nextTick(done);
		}
		return true;
	}
}

// A write made only of control sequences, with at least one that is not SGR: not a frame
// but a command for the terminal (Ink's cursor show on unmount, kitty keyboard protocol
// queries), passed through as it is. A frame always holds text or a line break.
const CONTROL_SEQUENCES_ONLY = /^(?:\x1b\[[0-?]*[ -/]*[@-~])+$/;
const SGR_ONLY = /^(?:\x1b\[[0-9;:]*m)+$/;

function isTerminalCommand(chunk: string): boolean {
	return CONTROL_SEQUENCES_ONLY.test(chunk) && !SGR_ONLY.test(chunk);
}

/** A terminal reports 0 columns or rows while it is being set up or minimised; one cell is the least there is to paint. */
const atLeastOne = (size: number) => (Number.isFinite(size) && size >= 1 ? Math.floor(size) : 1);

class TerminalFrameWriter implements FrameWriter {
	readonly sink: FrameSink;
	readonly atlas = new RowAtlas();
	bytesWritten = 0;
	private readonly output: FrameOutput;
	private readonly reader = new FrameReader(this.atlas);
	/** The last frame, to repaint it after a resize or on `redraw()`: as Ink wrote it, or as read from its tree. */
	private lastFrame: string | readonly FrameLine[] | undefined;
	/** What the terminal shows; undefined when unknown, which makes the next update a full repaint. */
	private shown: Grid | undefined;
	private cursor: CursorState;
	private cursorVisible: boolean | undefined;
	private caret: CellPosition | undefined;
	private caretFlushScheduled = false;
	/** Reads the frame from the tree `renderFrom` was given and writes it; false when it cannot be read. */
	private fromTree: ((shift?: number) => boolean) | undefined;
	/** Counts frames painted, to tell whether a 'resize' listener rendered one. */
	private framesPainted = 0;
	private disposed = false;

	constructor({output, columns, rows}: FrameWriterOptions) {
		this.output = output;
		this.sink = new FrameSink(atLeastOne(columns), atLeastOne(rows), (chunk) => this.receive(chunk));
	}

	resize(columns: number, rows: number): void {
		if (this.disposed) {
			return;
		}
		this.sink.columns = atLeastOne(columns);
		this.sink.rows = atLeastOne(rows);
		// The terminal may have reflowed or cropped its screen: nothing it shows can be trusted.
		this.forgetScreen();
		const painted = this.framesPainted;
		this.sink.emit('resize');
		if (this.framesPainted === painted) {
			// Nobody rendered on 'resize' (or not yet): the last frame, cropped or padded to the new size.
			this.repaintLastFrame();
		}
	}

	redraw(): void {
		if (this.disposed) {
			return;
		}
		this.forgetScreen();
		this.repaintLastFrame();
	}

	setCursor(position: CellPosition | undefined): void {
		this.caret = position === undefined ? undefined : {row: position.row, column: position.column};
		// Usually called while React renders, just before Ink writes the frame that goes
		// with it, which then places the cursor. Deferred so that this frame does it and
		// a caret set outside a render (an effect) still moves.
		if (!this.caretFlushScheduled) {
			this.caretFlushScheduled = true;
			queueMicrotask(() => {
				this.caretFlushScheduled = false;
				if (!this.disposed && this.shown !== undefined) {
					this.emit(this.caretUpdate());
				}
			});
		}
	}

	renderFrom(root: DOMElement): () => void {
		const inkRender = root.onRender;
		const frames = new DomFrames(this.atlas);
		// Whether the tree may have changed since a frame was last read from it: Ink calls
		// onRender after every commit (and every layout comes with one).
		let committed = true;
		const fromTree = (shift?: number): boolean => {
			const lines = frames.read(root, committed);
			committed = lines === undefined;
			if (lines === undefined) {
				return false;
			}
			this.receiveLines(lines, shift);
			return true;
		};
		const render = () => {
			committed = true;
			if (!this.disposed && !fromTree()) {
				inkRender?.();
			}
		};
		root.onRender = render;
		this.fromTree = fromTree;
		return () => {
			if (root.onRender === render) {
				root.onRender = inkRender;
			}
			if (this.fromTree === fromTree) {
				this.fromTree = undefined;
			}
		};
	}

	frameNow(shift?: number): boolean {
		return !this.disposed && this.fromTree !== undefined && this.fromTree(shift);
	}

	dispose(): void {
		this.disposed = true;
		this.sink.writable = false;
		this.sink.destroyed = true;
	}

	private receive(chunk: string): void {
		if (this.disposed || chunk === '') {
			return;
		}
		if (isTerminalCommand(chunk)) {
			this.emit(chunk);
			// It may have shown the cursor or moved it.
			this.cursor = undefined;
			this.cursorVisible = undefined;
			return;
		}
		this.lastFrame = chunk;
		this.paint(this.reader.read(chunk, this.sink.columns, this.sink.rows));
	}

	/** A frame read from Ink's tree; one of a line or none goes as its text, which may be no frame at all. */
	private receiveLines(lines: readonly FrameLine[], shift?: number): void {
		if (lines.length <= 1) {
			this.receive(lines[0]?.text ?? '');
			return;
		}
		if (this.disposed) {
			return;
		}
		this.lastFrame = lines;
		this.paint(this.reader.read(lines, this.sink.columns, this.sink.rows), shift);
	}

	private paint(next: Grid, shift?: number): void {
		const update = planFrameUpdate(this.shown, next, {cursor: this.cursor, shift});
		this.shown = next;
		this.cursor = update.cursor;
		this.framesPainted++;
		const caret = this.caretUpdate();
		const text = update.text + caret;
		this.emit(update.text.length < TEAR_FREE_BYTES ? text : BEGIN_SYNCHRONIZED_UPDATE + text + END_SYNCHRONIZED_UPDATE);
	}

	private repaintLastFrame(): void {
		if (this.lastFrame !== undefined) {
			this.paint(this.reader.read(this.lastFrame, this.sink.columns, this.sink.rows));
		}
	}

	private forgetScreen(): void {
		this.shown = undefined;
		this.cursor = undefined;
		this.cursorVisible = undefined;
	}

	/** Moves the terminal's cursor to the caret and shows it, or hides it; '' when it is already so. */
	private caretUpdate(): string {
		if (this.caret === undefined) {
			if (this.cursorVisible === false) {
				return '';
			}
			this.cursorVisible = false;
			return HIDE_CURSOR;
		}
		const target = {
			row: Math.min(Math.max(this.caret.row, 0), this.sink.rows - 1),
			column: Math.min(Math.max(this.caret.column, 0), this.sink.columns - 1),
		};
		let text = cursorMove(this.cursor, target);
		this.cursor = target;
		if (this.cursorVisible !== true) {
			this.cursorVisible = true;
			text += SHOW_CURSOR;
		}
		return text;
	}

	private emit(text: string): void {
		if (text === '') {
			return;
		}
		this.bytesWritten += Buffer.byteLength(text);
		this.output.write(text);
	}
}

export function createFrameWriter(options: FrameWriterOptions): FrameWriter {
	return new TerminalFrameWriter(options);
}
