/**
 * Rendering untrusted input inside a human sentence. Error replies quote what the
 * user typed; a raw control character there could drive the reader's terminal, so
 * every such character is shown as an escape and long input is shortened.
 */

const MAX_QUOTED_LENGTH = 40;

// C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const EVERY_CONTROL = new RegExp(CONTROL.source, 'g');

export function quote(input: string): string {
	const chars = [...input];
	const shortened = chars.length > MAX_QUOTED_LENGTH ? chars.slice(0, MAX_QUOTED_LENGTH).join('') + '…' : input;
	const escaped = shortened.replace(EVERY_CONTROL, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'));
	return `"${escaped}"`;
}

export function hasControlCharacters(input: string): boolean {
	return CONTROL.test(input);
}
