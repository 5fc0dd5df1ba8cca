/**
 * Fixed-height blocks of pre-laid-out rows. Every row is exactly one terminal row
 * (its own Box of height 1), so a block's height never depends on its text and
 * nothing below it moves when the text changes.
 */
import {Box, Text} from 'ink';
import {paintRow} from '../layout/paint.js';
import type {Row} from '../layout/spans.js';
import {usePaintOptions} from './paint-context.js';

export function RowLine({row, width}: {readonly row: Row; readonly width: number}) {
	const paint = usePaintOptions();
	return (
		<Box height={1} width={width} flexShrink={0}>
			<Text wrap="truncate">{paintRow(row, paint)}</Text>
		</Box>
	);
}

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
