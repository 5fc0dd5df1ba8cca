/**
 * Styled spans as SGR escape sequences, which Ink passes through to the terminal.
 * Styling is done here rather than with Ink's color props because those go through
 * chalk, whose colour level is decided once per process from file descriptor 1: it
 * would be wrong for a client served over SSH, and it cannot honour NO_COLOR for one
 * session and not another. With `color` off nothing but bold, dim, italic, underline
 * and inverse is ever written (https://no-color.org).
 */
import type {ColorName, Row, Style} from './spans.js';

const FOREGROUND: Record<ColorName, number> = {
	red: 31,
	green: 32,
	yellow: 33,
	blue: 34,
	magenta: 35,
	cyan: 36,
	gray: 90,
};

export interface PaintOptions {
	/** False when NO_COLOR is set: attributes only, no colour at all. */
	readonly color: boolean;
}

/** The SGR parameters that set `style` from the default one: what `paintRow` writes before a span. */
export function sgrParameters(style: Style, {color}: PaintOptions): number[] {
	const list: number[] = [];
	if (style.bold) list.push(1);
	if (style.dim) list.push(2);
	if (style.italic) list.push(3);
	if (style.underline) list.push(4);
	if (style.inverse) list.push(7);
	if (color && style.color) list.push(FOREGROUND[style.color]);
	return list;
}

/** One row as a string for a single-line Ink <Text>. */
export function paintRow(row: Row, options: PaintOptions): string {
	let out = '';
	for (const part of row) {
		const list = part.style ? sgrParameters(part.style, options) : [];
		out += list.length === 0 ? part.text : `\x1b[${list.join(';')}m${part.text}\x1b[0m`;
	}

	return out;
}

/** Whether the environment asks for no colour: NO_COLOR set to anything but the empty string. */
export function colorAllowed(env: Readonly<Record<string, string | undefined>>): boolean {
	const noColor = env['NO_COLOR'];
	return noColor === undefined || noColor === '';
}
