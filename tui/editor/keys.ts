/**
 * Incremental decoder from the raw terminal input stream to keys.
 *
 * Terminals deliver keystrokes in arbitrary chunks: a burst from tmux or a paste
 * arrives as one chunk holding many keys, and an SSH link can cut an escape
 * sequence (or a paste marker) in two. The decoder therefore keeps the unfinished
 * tail of one chunk and completes it with the next, and never turns part of an
 * escape sequence into text.
 *
 * Input is already-decoded text (the stream's encoding is utf8, whose decoder never
 * splits a character), so the decoder works on UTF-16 strings.
 */

/** Modifier keys as xterm encodes them in `CSI 1;<m>X` (m - 1 is a bit mask). */
export interface Modifiers {
	readonly shift: boolean;
	readonly alt: boolean;
	readonly ctrl: boolean;
}

export type NavigationName =
	'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'pageUp' | 'pageDown' | 'insert' | 'delete';

export type CtrlLetter =
	| 'a'
	| 'b'
	| 'c'
	| 'd'
	| 'e'
	| 'f'
	| 'g'
	| 'h'
	| 'i'
	| 'j'
	| 'k'
	| 'l'
	| 'm'
	| 'n'
	| 'o'
	| 'p'
	| 'q'
	| 'r'
	| 's'
	| 't'
	| 'u'
	| 'v'
	| 'w'
	| 'x'
	| 'y'
	| 'z';

export type Key =
	/** A run of printable characters typed (or pasted without bracketed paste) in one go. */
	| {readonly type: 'text'; readonly text: string}
	/** Everything between bracketed-paste markers, verbatim (may hold CR, LF, tabs). */
	| {readonly type: 'paste'; readonly text: string}
	| {readonly type: 'enter'; readonly alt: boolean}
	| {readonly type: 'backspace'; readonly alt: boolean}
	| {readonly type: 'tab'}
	| {readonly type: 'backTab'}
	| {readonly type: 'escape'}
	/** Arrows and the editing block (Home, End, PgUp, PgDn, Insert, Delete). */
	| {readonly type: 'nav'; readonly name: NavigationName; readonly modifiers: Modifiers}
	/** Ctrl + letter, except the letters that are Tab (I), Enter (J, M) and Backspace (H). */
	| {readonly type: 'ctrl'; readonly name: CtrlLetter}
	/** Alt (Meta) + a printable character, sent by terminals as ESC followed by it. */
	| {readonly type: 'alt'; readonly char: string}
	/** A recognised but unbound sequence (function keys, mouse, focus reports, stray controls). */
	| {readonly type: 'unknown'; readonly sequence: string};

export interface KeyDecoder {
	/** Decodes a chunk; keys of an unfinished trailing sequence wait for the next chunk. */
	feed(chunk: string): Key[];
	/**
	 * Resolves a pending escape prefix as keys. A lone ESC is indistinguishable from the
	 * start of a sequence until input stops, so the caller calls this after a short idle time.
	 * A paste in progress is not flushed: its end marker may legitimately be far away.
	 */
	flush(): Key[];
	/** Whether input is waiting for `flush` (an escape prefix, not a paste). */
	hasPendingEscape(): boolean;
}

const ESC = '\x1b';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** A CSI longer than this is garbage; it is reported rather than buffered forever. */
const MAX_SEQUENCE_LENGTH = 64;

const NO_MODIFIERS: Modifiers = {shift: false, alt: false, ctrl: false};

/** Final byte of `CSI …X` / `SS3 X` to the key it names. */
const NAVIGATION_BY_FINAL: Readonly<Record<string, NavigationName>> = {
	A: 'up',
	B: 'down',
	C: 'right',
	D: 'left',
	H: 'home',
	F: 'end',
};

/** Number of `CSI <n>~` to the key it names (xterm, rxvt and the Linux console). */
const NAVIGATION_BY_TILDE_NUMBER: Readonly<Record<string, NavigationName>> = {
	'1': 'home',
	'2': 'insert',
	'3': 'delete',
	'4': 'end',
	'5': 'pageUp',
	'6': 'pageDown',
	'7': 'home',
	'8': 'end',
};

/** Result of parsing at an ESC: the keys it stands for and where input continues. */
type Parsed = {readonly keys: Key[]; readonly next: number; readonly startsPaste?: boolean} | 'incomplete';

export function createKeyDecoder(): KeyDecoder {
	/** Unconsumed input: an unfinished escape sequence, or a possibly split end-of-paste marker. */
	let pending = '';
	/** Text of the bracketed paste in progress, or undefined outside a paste. */
	let paste: string | undefined;

	function decode(input: string, atEnd: boolean): Key[] {
		const keys: Key[] = [];
		let index = 0;
		while (index < input.length) {
			if (paste !== undefined) {
				const end = input.indexOf(PASTE_END, index);
				if (end === -1) {
					// The end marker may be cut in two: hold back what could be its start.
					const held = longestSuffixThatPrefixes(input.slice(index), PASTE_END);
					paste += input.slice(index, input.length - held);
					pending = input.slice(input.length - held);
					return keys;
				}
				paste += input.slice(index, end);
				if (paste !== '') keys.push({type: 'paste', text: paste});
				paste = undefined;
				index = end + PASTE_END.length;
				continue;
			}

			const char = input[index]!;
			if (char === ESC) {
				const parsed = parseEscape(input, index, atEnd);
				if (parsed === 'incomplete') {
					pending = input.slice(index);
					return keys;
				}
				keys.push(...parsed.keys);
				if (parsed.startsPaste) paste = '';
				index = parsed.next;
				continue;
			}

			const control = controlKey(input, index);
			if (control) {
				keys.push(control.key);
				index = control.next;
				continue;
			}

			const end = endOfText(input, index);
			keys.push({type: 'text', text: input.slice(index, end)});
			index = end;
		}
		pending = '';
		return keys;
	}

	return {
		feed(chunk: string): Key[] {
			const input = pending + chunk;
			pending = '';
			return decode(input, false);
		},
		flush(): Key[] {
			if (paste !== undefined || pending === '') return [];
			const input = pending;
			pending = '';
			return decode(input, true);
		},
		hasPendingEscape(): boolean {
			return paste === undefined && pending !== '';
		},
	};
}

/** Keys for a C0 control or DEL at `index`, or undefined for printable text. */
function controlKey(input: string, index: number): {key: Key; next: number} | undefined {
	const code = input.charCodeAt(index);
	const next = index + 1;
	switch (code) {
		case 0x0d:
			// Some terminals (and Windows clients over SSH) send CR LF for one Enter.
			return {key: {type: 'enter', alt: false}, next: input[next] === '\n' ? next + 1 : next};
		case 0x0a:
			return {key: {type: 'enter', alt: false}, next};
		case 0x09:
			return {key: {type: 'tab'}, next};
		case 0x08:
		case 0x7f:
			return {key: {type: 'backspace', alt: false}, next};
	}
	if (code >= 0x01 && code <= 0x1a) {
		return {key: {type: 'ctrl', name: String.fromCharCode(0x60 + code) as CtrlLetter}, next};
	}
	if (isControl(code)) {
		return {key: {type: 'unknown', sequence: input[index]!}, next};
	}
	return undefined;
}

/** C0, DEL and C1: never part of a text key, so nothing invisible reaches the buffer. */
function isControl(code: number): boolean {
	return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function endOfText(input: string, start: number): number {
	let end = start;
	while (end < input.length && !isControl(input.charCodeAt(end))) end++;
	return end;
}

/**
 * Parses the sequence starting with the ESC at `start`. Unless `atEnd`, a sequence cut
 * off by the end of input is 'incomplete'; at the end (an idle flush) it is resolved
 * as what the user most plausibly pressed.
 */
function parseEscape(input: string, start: number, atEnd: boolean): Parsed {
	const next = input[start + 1];
	if (next === undefined) {
		return atEnd ? {keys: [{type: 'escape'}], next: start + 1} : 'incomplete';
	}
	if (next === '[') return parseCsi(input, start, atEnd);
	if (next === 'O') return parseSs3(input, start, atEnd);
	if (next === ESC) return parseMetaEscape(input, start, atEnd);

	const code = input.charCodeAt(start + 1);
	if (code === 0x7f || code === 0x08) return {keys: [{type: 'backspace', alt: true}], next: start + 2};
	if (code === 0x0d) return {keys: [{type: 'enter', alt: true}], next: start + 2};
	if (isControl(code)) {
		return {keys: [{type: 'unknown', sequence: input.slice(start, start + 2)}], next: start + 2};
	}
	const char = String.fromCodePoint(input.codePointAt(start + 1)!);
	return {keys: [{type: 'alt', char}], next: start + 1 + char.length};
}

/** `ESC ESC …`: some terminals send Alt+key as ESC before the key's own sequence. */
function parseMetaEscape(input: string, start: number, atEnd: boolean): Parsed {
	const inner = parseEscape(input, start + 1, atEnd);
	if (inner === 'incomplete') return 'incomplete';
	const [first, ...rest] = inner.keys;
	if (first?.type === 'nav' && rest.length === 0 && !inner.startsPaste) {
		return {keys: [{...first, modifiers: {...first.modifiers, alt: true}}], next: inner.next};
	}
	// Two Escape presses in a row (or ESC before something that has no Alt form).
	return {...inner, keys: [{type: 'escape'}, ...inner.keys]};
}

/** `ESC [ params intermediates final`, per ECMA-48. */
function parseCsi(input: string, start: number, atEnd: boolean): Parsed {
	let index = start + 2;
	// The Linux console sends F1–F5 as `ESC [ [ A`…`ESC [ [ E`.
	if (input[index] === '[') index++;
	for (; index < input.length; index++) {
		const code = input.charCodeAt(index);
		if (code >= 0x40 && code <= 0x7e) {
			const sequence = input.slice(start, index + 1);
			if (sequence === PASTE_START) return {keys: [], next: index + 1, startsPaste: true};
			return {keys: [csiKey(sequence)], next: index + 1};
		}
		if (code < 0x20 || code > 0x3f || index - start >= MAX_SEQUENCE_LENGTH) {
			// Not a well-formed CSI: drop what we have so the rest is decoded normally.
			return {keys: [{type: 'unknown', sequence: input.slice(start, index)}], next: index};
		}
	}
	if (!atEnd) return 'incomplete';
	// Input stopped after `ESC [`: that is what Alt+[ sends.
	if (input.length === start + 2) return {keys: [{type: 'alt', char: '['}], next: input.length};
	return {keys: [{type: 'unknown', sequence: input.slice(start)}], next: input.length};
}

function csiKey(sequence: string): Key {
	const body = sequence.slice(2, -1);
	const final = sequence.at(-1)!;
	const [first = '', modifierParameter] = body.split(';');
	const modifiers = parseModifiers(modifierParameter);

	if (final === 'Z' && body === '') return {type: 'backTab'};
	const byFinal = NAVIGATION_BY_FINAL[final];
	if (byFinal && (body === '' || first === '1') && modifiers) {
		return {type: 'nav', name: byFinal, modifiers};
	}
	const byNumber = NAVIGATION_BY_TILDE_NUMBER[first];
	if (final === '~' && byNumber && modifiers) {
		return {type: 'nav', name: byNumber, modifiers};
	}
	return {type: 'unknown', sequence};
}

/** Parses the `m` of `CSI 1;m X`; undefined when it is not a plain modifier number. */
function parseModifiers(parameter: string | undefined): Modifiers | undefined {
	if (parameter === undefined) return NO_MODIFIERS;
	if (!/^\d+$/.test(parameter)) return undefined;
	const mask = Number(parameter) - 1;
	if (mask < 0) return undefined;
	return {shift: (mask & 1) !== 0, alt: (mask & 2) !== 0, ctrl: (mask & 4) !== 0};
}

/** `ESC O X`: cursor keys in application mode, and F1–F4. */
function parseSs3(input: string, start: number, atEnd: boolean): Parsed {
	const final = input[start + 2];
	if (final === undefined) {
		// Input stopped after `ESC O`: that is what Alt+Shift+O sends.
		return atEnd ? {keys: [{type: 'alt', char: 'O'}], next: start + 2} : 'incomplete';
	}
	const code = final.charCodeAt(0);
	if (code < 0x40 || code > 0x7e) {
		return {keys: [{type: 'alt', char: 'O'}], next: start + 2};
	}
	const next = start + 3;
	const name = NAVIGATION_BY_FINAL[final];
	if (name) return {keys: [{type: 'nav', name, modifiers: NO_MODIFIERS}], next};
	// Keypad Enter in application keypad mode.
	if (final === 'M') return {keys: [{type: 'enter', alt: false}], next};
	return {keys: [{type: 'unknown', sequence: input.slice(start, next)}], next};
}

function longestSuffixThatPrefixes(text: string, marker: string): number {
	for (let length = Math.min(text.length, marker.length - 1); length > 0; length--) {
		if (marker.startsWith(text.slice(text.length - length))) return length;
	}
	return 0;
}
