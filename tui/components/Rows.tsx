/**
 * Fixed-height blocks of pre-laid-out rows. Every row is exactly one terminal row
 * (its own Box of height 1), so a block's height never depends on its text and
 * nothing below it moves when the text changes.
 */
import {Box, Text} from 'ink';
import {memo, useEffect, useInsertionEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject} from 'react';
import {paintRow, type PaintOptions} from '../layout/paint.js';
import type {RowAtlas} from '../terminal/row-atlas.js';
import type {Row, Span, Style} from '../layout/spans.js';
import {useFrameNow} from './frame-now-context.js';
import {PaintedRow, paintsOf} from './painted-row.js';
import {usePaintOptions} from './paint-context.js';
import {useRowAtlas} from './row-atlas-context.js';

interface RowLineProps {
	readonly row: Row;
	readonly width: number;
}

function sameStyle(a: Style | undefined, b: Style | undefined): boolean {
	return (
		a === b ||
		(a !== undefined &&
			b !== undefined &&
			a.bold === b.bold &&
			a.dim === b.dim &&
			a.inverse === b.inverse &&
			a.italic === b.italic &&
			a.underline === b.underline &&
			a.color === b.color)
	);
}

const sameSpan = (a: Span, b: Span) => a === b || (a.text === b.text && sameStyle(a.style, b.style));

function sameRow(a: Row, b: Row): boolean {
	if (a === b) {
		return true;
	}
	if (a.length !== b.length) {
		return false;
	}
	for (let index = 0; index < a.length; index++) {
		if (!sameSpan(a[index]!, b[index]!)) {
			return false;
		}
	}
	return true;
}

/** Rows are made afresh on every render; one that reads the same need not be painted and reconciled again. */
function sameRowLine(previous: RowLineProps, next: RowLineProps): boolean {
	return previous.width === next.width && sameRow(previous.row, next.row);
}

/**
 * With a frame writer, a row is a slot in Ink's tree for as long as it is mounted, and
 * what it shows is given to the writer's atlas, which reads it back as cells: Ink has a
 * few characters to lay out, once, whatever the row shows (row-atlas.ts). The slot, or
 * undefined without an atlas or when a slot would not fit the row (it goes as text then).
 */
export function useRowSlot(atlas: RowAtlas | undefined, width: number): string | undefined {
	const [slot] = useState(() => atlas?.openSlot(width));
	useEffect(() => () => (slot === undefined ? undefined : atlas?.closeSlot(slot)), [atlas, slot]);
	return slot !== undefined && atlas !== undefined && width >= slot.length ? slot : undefined;
}

function RowLineText({row, width}: RowLineProps) {
	const paint = usePaintOptions();
	const atlas = useRowAtlas();
	const text = paintRow(row, paint);
	const shown = useRowSlot(atlas, width);
	// Before the commit's frame is drawn, as the caret is.
	useInsertionEffect(() => {
		if (shown !== undefined) {
			atlas!.assign(shown, text, width);
		}
	}, [atlas, shown, text, width]);
	return (
		<Box height={1} width={width} flexShrink={0}>
			<Text wrap="truncate">{shown ?? text}</Text>
		</Box>
	);
}

/** One screen row. Re-renders only when its spans read differently (or the paint options change). */
export const RowLine = memo(RowLineText, sameRowLine);

export interface RowsProps {
	readonly rows: readonly Row[];
	readonly width: number;
	readonly height: number;
	/** Put the rows at the bottom of the block (chat history) rather than the top. */
	readonly bottom?: boolean;
	/** Holds the block's SlotPainter while it has slots and a frame writer (HistoryPane.tsx). */
	readonly painterRef?: RefObject<SlotPainter | undefined>;
}

/**
 * Paints `rows` into the block's slots, as a render of the block with them would, and
 * writes the frame now, without a React commit; false when the writer cannot read the
 * frame from the tree (React renders the rows then).
 */
export type SlotPainter = (rows: readonly Row[]) => boolean;

const BLANK: Row = [];

/**
 * A slot of the atlas for each of `count` rows, held while the block keeps its size;
 * undefined without an atlas, or when a slot would not fit a row (then rows go as text).
 */
function useRowSlots(atlas: RowAtlas | undefined, width: number, count: number): readonly string[] | undefined {
	// Opened while rendering, as RowLine's is, so the first commit's frame has them.
	const slots = useMemo(() => {
		if (atlas === undefined) {
			return undefined;
		}
		const opened: string[] = [];
		for (let index = 0; index < count; index++) {
			const slot = atlas.openSlot(width);
			if (slot === undefined) {
				for (const open of opened) {
					atlas.closeSlot(open);
				}
				return undefined;
			}
			opened.push(slot);
		}
		return opened;
	}, [atlas, width, count]);
	useEffect(
		() => () => {
			for (const slot of slots ?? []) {
				atlas?.closeSlot(slot);
			}
		},
		[atlas, slots],
	);
	return slots;
}

interface PaintedRows {
	readonly rows: readonly Row[];
	readonly painted: readonly PaintedRow[];
	readonly options: PaintOptions;
}

/**
 * The rows painted, each painted once: a row that moved (the history's) is found by
 * identity, and one made afresh that reads as the row it replaces (the sidebar's) by
 * its spans.
 */
function usePaintedRows(rows: readonly Row[] | undefined, options: PaintOptions): PaintedRows | undefined {
	// Only a cache: a render React drops leaves paints of rows that are then painted again.
	const last = useRef<PaintedRows | undefined>(undefined);
	if (rows === undefined) {
		last.current = undefined;
		return undefined;
	}
	const previous = last.current?.options === options ? last.current : undefined;
	const cache = paintsOf(options);
	const painted = rows.map((row, index) => {
		let paint = cache.get(row);
		if (paint === undefined) {
			const before = previous?.rows[index];
			paint = before !== undefined && sameRow(before, row) ? previous!.painted[index]! : new PaintedRow(row, options);
			cache.set(row, paint);
		}
		return paint;
	});
	const result = {rows, painted, options};
	last.current = result;
	return result;
}

/** The block's rows in Ink's tree: a slot each, so it renders once for as long as the block keeps its size. */
const SlotColumn = memo(function SlotColumn({
	slots,
	width,
	height,
}: {
	readonly slots: readonly string[];
	readonly width: number;
	readonly height: number;
}) {
	return (
		<Box flexDirection="column" width={width} height={height} flexShrink={0}>
			{slots.map((slot) => (
				<Box key={slot} height={1} width={width} flexShrink={0}>
					<Text wrap="truncate">{slot}</Text>
				</Box>
			))}
		</Box>
	);
});

/**
 * How many rows up the rows of `previous` moved to make `next` (the same row objects,
 * as the history's are however far they moved): the least shift under which every row
 * still on the block is the one that was that far below; 0 for none. Any such shift
 * is a scroll that leaves those rows right, whichever the content moved by.
 */
export function rowsMovedUp(previous: readonly Row[], next: readonly Row[]): number {
	if (previous.length !== next.length) {
		return 0;
	}
	for (let shift = 1; shift < next.length; shift++) {
		let moved = true;
		for (let index = 0; index + shift < next.length && moved; index++) {
			moved = next[index] === previous[index + shift];
		}
		if (moved) {
			return shift;
		}
	}
	return 0;
}

/** `rows` cut or padded with blank rows to `height`, at the bottom or the top. */
function fill(rows: readonly Row[], height: number, bottom: boolean): readonly Row[] {
	const shown = rows.slice(0, height);
	const blank = Array.from({length: height - shown.length}, () => BLANK);
	return bottom ? [...blank, ...shown] : [...shown, ...blank];
}

export function Rows({rows, width, height, bottom = false, painterRef}: RowsProps) {
	// A full block (the history's, on every message) as it came, without a copy.
	const all = rows.length === height ? rows : fill(rows, height, bottom);
	const atlas = useRowAtlas();
	const paint = usePaintOptions();
	const slots = useRowSlots(atlas, width, height);
	// With a frame writer the block's rows are its slots' content: a message, which moves
	// every history row, re-renders this block and no row of it; nothing changes in
	// Ink's tree, and the writer reads each slot's new content (row-atlas.ts).
	const painted = usePaintedRows(slots === undefined ? undefined : all, paint);
	// What the slots show, for the painter to tell how far its rows moved.
	const shown = useRef<readonly Row[] | undefined>(undefined);
	useInsertionEffect(() => {
		if (slots !== undefined && painted !== undefined) {
			for (let index = 0; index < slots.length; index++) {
				const paint = painted.painted[index]!;
				atlas!.assign(slots[index]!, paint.text, width, paint);
			}
			shown.current = painted.rows;
		}
	}, [atlas, slots, painted, width]);
	const frameNow = useFrameNow();
	useLayoutEffect(() => {
		if (painterRef === undefined || slots === undefined || frameNow === undefined) {
			return;
		}
		const painter: SlotPainter = (next) => {
			const block = next.length === height ? next : fill(next, height, bottom);
			const cache = paintsOf(paint);
			for (let index = 0; index < slots.length; index++) {
				const row = block[index]!;
				let painted = cache.get(row);
				if (painted === undefined) {
					painted = new PaintedRow(row, paint);
					cache.set(row, painted);
				}
				atlas!.assign(slots[index]!, painted.text, width, painted);
			}
			const shift = shown.current === undefined ? 0 : rowsMovedUp(shown.current, block);
			shown.current = block;
			return frameNow(shift === 0 ? undefined : shift);
		};
		painterRef.current = painter;
		return () => {
			if (painterRef.current === painter) {
				painterRef.current = undefined;
			}
		};
	}, [painterRef, slots, frameNow, atlas, paint, width, height, bottom]);
	if (slots !== undefined) {
		return <SlotColumn slots={slots} width={width} height={height} />;
	}

	return (
		<Box flexDirection="column" width={width} height={height} flexShrink={0}>
			{all.map((row, index) => (
				// Rows are positions on screen, so the index is the right key: a new
				// message changes the text of each row in place.
				<RowLine key={index} row={row} width={width} />
			))}
		</Box>
	);
}
