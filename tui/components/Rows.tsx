/**
 * Fixed-height blocks of pre-laid-out rows. Every row is exactly one terminal row
 * (its own Box of height 1), so a block's height never depends on its text and
 * nothing below it moves when the text changes.
 */
import {Box, Text} from 'ink';
import {memo, useEffect, useInsertionEffect, useState} from 'react';
import {paintRow} from '../layout/paint.js';
import type {Row, Span, Style} from '../layout/spans.js';
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

/** Rows are made afresh on every render; one that reads the same need not be painted and reconciled again. */
function sameRowLine(previous: RowLineProps, next: RowLineProps): boolean {
	const a = previous.row;
	const b = next.row;
	if (previous.width !== next.width || a.length !== b.length) {
		return false;
	}
	for (let index = 0; index < a.length; index++) {
		if (!sameSpan(a[index]!, b[index]!)) {
			return false;
		}
	}
	return true;
}

function RowLineText({row, width}: RowLineProps) {
	const paint = usePaintOptions();
	const atlas = useRowAtlas();
	const text = paintRow(row, paint);
	// With a frame writer, the row is a slot in Ink's tree for as long as it is mounted,
	// and what it shows is given to the writer's atlas, which reads it back as cells: Ink
	// has a few characters to lay out, once, whatever the row shows (row-atlas.ts).
	const [slot] = useState(() => atlas?.openSlot(width));
	const shown = slot !== undefined && atlas !== undefined && width >= slot.length ? slot : undefined;
	// Before the commit's frame is drawn, as the caret is.
	useInsertionEffect(() => {
		if (shown !== undefined) {
			atlas!.assign(shown, text, width);
		}
	}, [atlas, shown, text, width]);
	useEffect(() => () => (slot === undefined ? undefined : atlas?.closeSlot(slot)), [atlas, slot]);
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
}

export function Rows({rows, width, height, bottom = false}: RowsProps) {
	const shown = rows.slice(0, height);
	const blank = height - shown.length;
	const all: readonly Row[] = bottom
		? [...Array.from({length: blank}, () => []), ...shown]
		: [...shown, ...Array.from({length: blank}, () => [])];
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
