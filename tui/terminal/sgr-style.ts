/**
 * Text styles as SGR ("select graphic rendition", `ESC [ ... m`) attributes: reading
 * the sequences Ink and chalk emit, a canonical key per style so equal styles compare
 * equal as strings, and the shortest sequence that switches a terminal from one style
 * to another.
 *
 * The key is itself a list of SGR parameters: applying `ESC [ 0 ; key m` to any
 * terminal sets exactly that style, and the default style's key is ''.
 */

/** A style's canonical key: SGR parameters from a reset, in a fixed order. '' is the default style. */
export type StyleKey = string;

export const DEFAULT_STYLE_KEY: StyleKey = '';

export interface Style {
	/** Bit set of the `ATTRIBUTES` in effect. */
	readonly attributes: number;
	/** '' for the default colour, else its canonical parameters: '31', '91', '38;5;208', '38;2;16;32;48'. */
	readonly foreground: string;
	/** Same, with background codes: '41', '101', '48;5;208', '48;2;16;32;48'. */
	readonly background: string;
}

export const DEFAULT_STYLE: Style = {attributes: 0, foreground: '', background: ''};

interface Attribute {
	readonly bit: number;
	readonly on: number;
	readonly off: number;
}

// One entry per attribute, in the order keys list them. Bold and dim share their reset (22).
const ATTRIBUTES: readonly Attribute[] = [
	{bit: 1 << 0, on: 1, off: 22}, // bold
	{bit: 1 << 1, on: 2, off: 22}, // dim (faint)
	{bit: 1 << 2, on: 3, off: 23}, // italic
	{bit: 1 << 3, on: 4, off: 24}, // underline
	{bit: 1 << 4, on: 5, off: 25}, // blink
	{bit: 1 << 5, on: 7, off: 27}, // inverse
	{bit: 1 << 6, on: 8, off: 28}, // hidden
	{bit: 1 << 7, on: 9, off: 29}, // strikethrough
	{bit: 1 << 8, on: 53, off: 55}, // overline
];

const BOLD_AND_DIM = ATTRIBUTES[0]!.bit | ATTRIBUTES[1]!.bit;
const UNDERLINE = ATTRIBUTES[3]!.bit;
const BLINK = ATTRIBUTES[4]!.bit;

const attributeSetBy = new Map<number, number>(ATTRIBUTES.map((attribute) => [attribute.on, attribute.bit]));
/** Which bits each reset code clears (22 clears both bold and dim). */
const attributesClearedBy = new Map<number, number>();
for (const attribute of ATTRIBUTES) {
	attributesClearedBy.set(attribute.off, (attributesClearedBy.get(attribute.off) ?? 0) | attribute.bit);
}

/** Parameters of one SGR sequence: each is a number, or sub-parameters when written with colons (`38:2::1:2:3`). */
type Parameter = readonly number[];

function splitParameters(text: string): Parameter[] {
	// An empty parameter means 0: `ESC [ m` and `ESC [ ; 1 m` are resets.
	return text
		.split(';')
		.map((parameter) => parameter.split(':').map((part) => (part === '' ? 0 : Number.parseInt(part, 10) || 0)));
}

const clampByte = (value: number | undefined) => Math.min(255, Math.max(0, value ?? 0));

/**
 * Reads an extended colour (38, 48: `;5;n`, `;2;r;g;b`, or their colon forms) starting
 * at `parameters[index]`. Returns the canonical colour and how many parameters it used,
 * or undefined for a colour it cannot read (which the terminal ignores too).
 */
function readExtendedColor(
	parameters: readonly Parameter[],
	index: number,
	base: number,
): {color: string | undefined; used: number} {
	const head = parameters[index]!;
	if (head.length > 1) {
		// Colon form: everything is in this one parameter. `38:2:r:g:b` and `38:2:id:r:g:b` both occur.
		const [, mode, ...rest] = head;
		if (mode === 5 && rest.length >= 1) {
			return {color: `${base};5;${clampByte(rest[0])}`, used: 1};
		}
		if (mode === 2 && rest.length >= 3) {
			const [red, green, blue] = rest.length >= 4 ? rest.slice(1) : rest;
			return {color: `${base};2;${clampByte(red)};${clampByte(green)};${clampByte(blue)}`, used: 1};
		}
		return {color: undefined, used: 1};
	}
	const mode = parameters[index + 1]?.[0];
	if (mode === 5) {
		const value = parameters[index + 2]?.[0];
		return {color: value === undefined ? undefined : `${base};5;${clampByte(value)}`, used: 3};
	}
	if (mode === 2) {
		const red = parameters[index + 2]?.[0];
		const green = parameters[index + 3]?.[0];
		const blue = parameters[index + 4]?.[0];
		if (red === undefined || green === undefined || blue === undefined) {
			return {color: undefined, used: parameters.length - index};
		}
		return {color: `${base};2;${clampByte(red)};${clampByte(green)};${clampByte(blue)}`, used: 5};
	}
	return {color: undefined, used: 2};
}

/**
 * The style after a terminal applies `ESC [ parameters m` to `style`. Unknown codes are
 * ignored, as terminals do; codes for things a cell cannot show differently here
 * (fonts, underline colour) are skipped with their arguments.
 */
export function applySgr(style: Style, parameters: string): Style {
	let {attributes, foreground, background} = style;
	const list = splitParameters(parameters);
	for (let index = 0; index < list.length;) {
		const parameter = list[index]!;
		const code = parameter[0]!;
		let used = 1;
		if (code === 0) {
			attributes = 0;
			foreground = '';
			background = '';
		} else if (code === 4 && parameter.length > 1) {
			// `4:0` is "no underline"; `4:1`..`4:5` are underline styles (curly, dotted...), shown here as underline.
			attributes = parameter[1] === 0 ? attributes & ~UNDERLINE : attributes | UNDERLINE;
		} else if (code === 21) {
			// ECMA-48 and xterm: doubly underlined.
			attributes |= UNDERLINE;
		} else if (code === 6) {
			// Rapid blink: terminals that blink at all show it as blink.
			attributes |= BLINK;
		} else if (attributeSetBy.has(code)) {
			attributes |= attributeSetBy.get(code)!;
		} else if (attributesClearedBy.has(code)) {
			attributes &= ~attributesClearedBy.get(code)!;
		} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
			foreground = String(code);
		} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
			background = String(code);
		} else if (code === 39) {
			foreground = '';
		} else if (code === 49) {
			background = '';
		} else if (code === 38 || code === 48 || code === 58) {
			const extended = readExtendedColor(list, index, code);
			used = extended.used;
			if (extended.color !== undefined && code === 38) {
				foreground = extended.color;
			} else if (extended.color !== undefined && code === 48) {
				background = extended.color;
			}
			// 58 (underline colour) is read only to skip its arguments.
		}
		index += used;
	}
	if (attributes === style.attributes && foreground === style.foreground && background === style.background) {
		return style;
	}
	return {attributes, foreground, background};
}

/** The canonical key of a style: its SGR parameters from a reset, attributes first, then foreground, then background. */
export function styleKey(style: Style): StyleKey {
	const parts: string[] = [];
	for (const attribute of ATTRIBUTES) {
		if (style.attributes & attribute.bit) {
			parts.push(String(attribute.on));
		}
	}
	if (style.foreground !== '') {
		parts.push(style.foreground);
	}
	if (style.background !== '') {
		parts.push(style.background);
	}
	return parts.join(';');
}

// Keys are decoded often (once per style switch while diffing) and there are few distinct
// ones on a screen; the cache is dropped when it grows past what any screen plausibly uses
// (a truecolor gradient could otherwise grow it without bound).
const MAX_CACHED_STYLES = 4096;
const stylesByKey = new Map<StyleKey, Style>([[DEFAULT_STYLE_KEY, DEFAULT_STYLE]]);

/** The style a key stands for. */
export function styleFromKey(key: StyleKey): Style {
	let style = stylesByKey.get(key);
	if (style === undefined) {
		style = applySgr(DEFAULT_STYLE, key);
		if (stylesByKey.size >= MAX_CACHED_STYLES) {
			stylesByKey.clear();
			stylesByKey.set(DEFAULT_STYLE_KEY, DEFAULT_STYLE);
		}
		stylesByKey.set(key, style);
	}
	return style;
}

const csi = (parameters: string) => `\x1b[${parameters}m`;

/** Parameters that switch `from` to `to` attribute by attribute, without a reset. */
function incrementalParameters(from: Style, to: Style): string[] {
	const parameters: string[] = [];
	let cleared = from.attributes & ~to.attributes;
	let set = to.attributes & ~from.attributes;
	if (cleared & BOLD_AND_DIM) {
		// 22 clears both bold and dim: whichever of them `to` keeps must be set again.
		parameters.push('22');
		cleared &= ~BOLD_AND_DIM;
		set |= to.attributes & BOLD_AND_DIM;
	}
	for (const attribute of ATTRIBUTES) {
		if (cleared & attribute.bit) {
			parameters.push(String(attribute.off));
		}
	}
	for (const attribute of ATTRIBUTES) {
		if (set & attribute.bit) {
			parameters.push(String(attribute.on));
		}
	}
	if (from.foreground !== to.foreground) {
		parameters.push(to.foreground === '' ? '39' : to.foreground);
	}
	if (from.background !== to.background) {
		parameters.push(to.background === '' ? '49' : to.background);
	}
	return parameters;
}

/**
 * The shortest SGR sequence that turns a terminal's current style `from` into `to`:
 * either the changed attributes alone, or a reset followed by all of `to`. '' when
 * they are the same.
 */
export function sgrTransition(from: StyleKey, to: StyleKey): string {
	if (from === to) {
		return '';
	}
	const fromReset = to === DEFAULT_STYLE_KEY ? csi('0') : csi(`0;${to}`);
	const incremental = csi(incrementalParameters(styleFromKey(from), styleFromKey(to)).join(';'));
	return incremental.length < fromReset.length ? incremental : fromReset;
}
