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
 *
 * Emoji sequences are drawn as terminals measure them, not as Unicode joins them.
 * tmux 3.3a, xterm and the Linux console give each code point its own width: 👨‍⚕️ (man,
 * joiner, staff of Aesculapius, VS16) takes 2 + 0 + 1 + 0 = 3 columns there, where the
 * layout counted the one emoji it is (2), and the sidebar border on its row moved a
 * column right. So a sequence is shown as its first emoji alone: 👨‍⚕️ as 👨, 👍🏽 as 👍,
 * ⚕️ as ⚕; each is one code point, which every terminal measures the same way.
 */
import stringWidth from 'string-width';
import {graphemeSegmenter} from './grapheme-segmenter.js';

// C0 controls, DEL and C1 controls: the same set the protocol's quote() escapes.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const EVERY_CONTROL = new RegExp(CONTROL.source, 'g');
const CONTROL_PICTURES = 0x2400;
// Characters that may draw nothing (format characters, marks, variation selectors, fillers).
const MAYBE_INVISIBLE = /[\p{Cf}\p{M}\p{Variation_Selector}\p{Emoji_Modifier}\u115f\u1160\u3164\uffa0]/u;
// What makes a pictograph a sequence terminals measure apart: a joiner, emoji presentation, a skin tone.
const EMOJI_SEQUENCE = /^\p{Extended_Pictographic}.*(?:\u200d|\ufe0f|\p{Emoji_Modifier})/su;
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

/**
 * `text` with every control character replaced by a visible stand-in and nothing
 * zero-width left; emoji sequences as their first emoji unless `wholeEmoji` (the input
 * line, whose cursor moves over the text as typed, keeps what the user typed).
 */
export function visibleText(text: string, wholeEmoji = false): string {
	const replaced = text.replace(EVERY_CONTROL, standIn);
	if (!MAYBE_INVISIBLE.test(replaced)) {
		return replaced;
	}

	let out = '';
	for (const {segment} of graphemeSegmenter.segment(replaced)) {
		if (!wholeEmoji && EMOJI_SEQUENCE.test(segment)) {
			out += String.fromCodePoint(segment.codePointAt(0)!);
		} else if (stringWidth(segment) > 0) {
			out += segment;
		} else if (MARK.test(segment)) {
			out += '\u25cc' + segment;
		}
	}

	return out;
}
