/**
 * A row's cells made from its spans (span-cells.ts) must be the cells the frame reader
 * reads from the row's painted text, or the atlas would show another screen than Ink's
 * frame says; and the atlas must take them from a row's source only while it has none.
 */
import test from 'ava';
import {paintRow, type PaintOptions} from '../../../tui/layout/paint.js';
import {span, type ColorName, type Row, type Style} from '../../../tui/layout/spans.js';
import {RowAtlas, type CellSource} from '../../../tui/terminal/row-atlas.js';
import {parseLine, type Cell} from '../../../tui/terminal/screen-grid.js';
import {DEFAULT_STYLE} from '../../../tui/terminal/sgr-style.js';
import {spanCells} from '../../../tui/terminal/span-cells.js';
import {integer, pick, seededRandom, type Random} from '../../helpers/seeded-random.js';

const COLORS: readonly (ColorName | undefined)[] = [
	undefined,
	'red',
	'green',
	'yellow',
	'blue',
	'magenta',
	'cyan',
	'gray',
];
const WORDS = [
	'',
	' ',
	'  ',
	'bed',
	'7',
	'obs due at 14:00,',
	'<alice>',
	'─',
	'BP 128/84',
	'~!@#$%^&*()_+{}|:"<>?',
	'naïve',
	'病棟',
];

function randomStyle(random: Random): Style | undefined {
	if (random() < 0.3) {
		return undefined;
	}
	const style: {-readonly [K in keyof Style]: Style[K]} = {};
	for (const attribute of ['bold', 'dim', 'inverse', 'italic', 'underline'] as const) {
		if (random() < 0.3) {
			style[attribute] = true;
		}
	}
	const color = pick(random, COLORS);
	if (color !== undefined) {
		style.color = color;
	}
	return style;
}

function randomRow(random: Random): Row {
	return Array.from({length: integer(random, 0, 6)}, () => {
		const text = Array.from({length: integer(random, 0, 4)}, () => pick(random, WORDS)).join(' ');
		return span(text, randomStyle(random));
	});
}

const read = (row: Row, options: PaintOptions, columns: number) =>
	parseLine(paintRow(row, options), columns, DEFAULT_STYLE).cells;

test('the cells of a row of printable ASCII are the cells its painted text reads to, over random rows', (t) => {
	const random = seededRandom(11);
	let made = 0;
	for (let index = 0; index < 2000; index++) {
		const row = randomRow(random);
		const options = {color: random() < 0.7};
		const columns = integer(random, 1, 60);
		const cells = spanCells(row, options, columns);
		const ascii = row.every((part) => /^[\x20-\x7e]*$/.test(part.text));
		t.is(cells !== undefined, ascii, JSON.stringify(row));
		if (cells !== undefined) {
			made++;
			const expected = read(row, options, columns);
			// The same interned cells: the diff compares them by identity first.
			t.true(
				cells.length === expected.length && cells.every((cell, column) => cell === expected[column]),
				`${JSON.stringify(row)} ${JSON.stringify(options)} at ${columns} columns`,
			);
		}
	}
	t.true(made > 500, `${made} rows compared`);
});

test('the atlas takes a new row’s cells from its source, once, and reads the text when the source has none', (t) => {
	const atlas = new RowAtlas();
	const slot = atlas.openSlot(20)!;
	const row = [span('hello', {bold: true})];
	const options = {color: true};
	let asked = 0;
	const source: CellSource = {
		cells(columns) {
			asked++;
			return spanCells(row, options, columns);
		},
	};
	atlas.assign(slot, paintRow(row, options), 20, source);
	const id = atlas.slotContent(slot)!.slice(1);
	t.deepEqual(atlas.cells(id), read(row, options, 20));
	t.deepEqual(atlas.cells(id), read(row, options, 20));
	t.is(asked, 1, 'made once, then kept');

	const other = atlas.openSlot(20)!;
	const wide = [span('病棟 7')];
	const none: CellSource = {cells: () => undefined};
	atlas.assign(other, paintRow(wide, options), 20, none);
	const wideId = atlas.slotContent(other)!.slice(1);
	const cells: ReadonlyArray<Cell> = atlas.cells(wideId)!;
	t.deepEqual(cells, read(wide, options, 20), 'read from the text');
	t.is(cells[0]!.width, 2);
});
