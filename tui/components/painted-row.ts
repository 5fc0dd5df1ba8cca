/**
 * Rows painted for the row atlas (Rows.tsx): each row's text, for Ink and as the atlas's
 * key, and its cells made from its spans when the atlas first needs them
 * (terminal/span-cells.ts), kept for as long as the row lives.
 */
import {paintRow, type PaintOptions} from '../layout/paint.js';
import type {Row} from '../layout/spans.js';
import type {CellSource} from '../terminal/row-atlas.js';
import type {Cell} from '../terminal/screen-grid.js';
import {spanCells} from '../terminal/span-cells.js';

/** A row painted with one set of paint options. */
export class PaintedRow implements CellSource {
	readonly text: string;

	constructor(
		private readonly row: Row,
		private readonly options: PaintOptions,
	) {
		this.text = paintRow(row, options);
	}

	cells(columns: number): ReadonlyArray<Cell> | undefined {
		return spanCells(this.row, this.options, columns);
	}
}

// Each row's paint, by paint options, for as long as the row lives: the history's rows are the
// wrap cache's objects, the same however far a message moved them.
const paints = new WeakMap<PaintOptions, WeakMap<Row, PaintedRow>>();

/** The rows painted with `options` so far, by row. */
export function paintsOf(options: PaintOptions): WeakMap<Row, PaintedRow> {
	let painted = paints.get(options);
	if (painted === undefined) {
		painted = new WeakMap();
		paints.set(options, painted);
	}
	return painted;
}
