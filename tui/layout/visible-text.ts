/**
 * Text from the network made safe to draw. Ink passes SGR and OSC sequences in text
 * straight to the terminal, so a peer who could put ESC in a message could recolour,
 * retitle or (OSC 52) write to the clipboard of everyone reading it. Every control
 * character is therefore replaced by a visible stand-in before anything is laid out:
 * C0 controls by their Unicode "control pictures" (ESC shows as ␛, BEL as ␇), DEL as
 * ␡, and C1 controls in the protocol's \x9b notation.
 *
 * Invisible characters are dropped too (zero-width spaces, joiners on their own, bidi
 * overrides, BOMs): Ink gives every grapheme at least one cell while the terminal
 * gives them none, so each one would shift the rest of its row a column, and a bidi
 * override can make a message read differently from what was sent. A combining mark
 * with nothing to sit on gets a dotted circle, as text editors show it.
 */
import stringWidth from 'string-width';
import {graphemeSegmenter} from './grapheme-segmenter.js';

// C0 controls, DEL and C1 controls: the same set the protocol's quote() escapes.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const EVERY_CONTROL = new RegExp(CONTROL.source, 'g');
const CONTROL_PICTURES = 0x2400;
// Characters that may draw nothing (format characters, marks, variation selectors, fillers).
const MAYBE_INVISIBLE = /[\p{Cf}\p{M}\p{Variation_Selector}\u115f\u1160\u3164\uffa0]/u;
const MARK = /^\p{M}/u;

function standIn(char: string): string {
	const code = char.charCodeAt(0);
	if (code < 0x20) {
		return String.fromCharCode(CONTROL_PICTURES + code);
	}

	if (code === 0x7f) {
		return '\u2421';
	}

	return '\\x' + code.toString(16).padStart(2, '0');
}

/** `text` with every control character replaced by a visible stand-in and nothing zero-width left. */
export function visibleText(text: string): string {
	const replaced = text.replace(EVERY_CONTROL, standIn);
	if (!MAYBE_INVISIBLE.test(replaced)) {
		return replaced;
	}

	let out = '';
	for (const {segment} of graphemeSegmenter.segment(replaced)) {
		if (stringWidth(segment) > 0) {
			out += segment;
		} else if (MARK.test(segment)) {
			out += '\u25cc' + segment;
		}
	}

	return out;
}
