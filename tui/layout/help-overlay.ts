/**
 * The help overlay's rows: a heading, then each section of input/help-text.ts as a
 * two-column table, the second column wrapped under itself. Made to fit 80x23 whole;
 * on a smaller screen what does not fit gives way to a last row that says so, rather
 * than scrolling the conversation as a long notice would.
 */
import {HELP_SECTIONS, HELP_TITLE} from '../input/help-text.js';
import {fitRow, span, type Row, type Style} from './spans.js';
import {displayWidth} from './text-width.js';
import {wrapText} from './wrap.js';

const HEADING: Style = {bold: true, inverse: true};
const SECTION: Style = {bold: true};
const LEFT: Style = {bold: true, color: 'cyan'};

/** Narrowest second column worth keeping beside the first; narrower, it goes under it. */
const MIN_RIGHT = 20;

function tableRows(rows: ReadonlyArray<readonly [string, string]>, width: number): Row[] {
	const left = Math.max(...rows.map(([keys]) => displayWidth(keys)));
	const indent = 2 + left + 2;
	const beside = width - indent >= MIN_RIGHT;
	return rows.flatMap(([keys, does]) => {
		if (!beside) {
			return [
				[span('  '), span(keys, LEFT)],
				...wrapText(does, Math.max(1, width - 4)).map((line) => [span('    '), span(line)]),
			];
		}

		return wrapText(does, width - indent).map((line, index) => [
			span(index === 0 ? '  ' : ' '.repeat(indent)),
			...(index === 0 ? [span(keys + ' '.repeat(left + 2 - displayWidth(keys)), LEFT)] : []),
			span(line),
		]);
	});
}

/** Exactly `height` rows of `width` columns. */
export function helpOverlayRows(width: number, height: number): Row[] {
	const rows: Row[] = [fitRow([span(` ${HELP_TITLE} `, HEADING)], width, true, HEADING)];
	for (const section of HELP_SECTIONS) {
		rows.push(
			...(section.title === undefined
				? []
				: wrapText(section.title, Math.max(1, width - 1)).map((line) => [span(' '), span(line, SECTION)])),
			...tableRows(section.rows, width),
		);
	}

	if (rows.length > height) {
		const hidden = rows.length - (height - 1);
		rows.length = Math.max(0, height - 1);
		rows.push([span(` +${hidden} more rows: a taller terminal shows them (docs/TUI.md lists them all)`, {dim: true})]);
	}

	while (rows.length < height) {
		rows.push([]);
	}

	return rows.map((row) => fitRow(row, width, true));
}
