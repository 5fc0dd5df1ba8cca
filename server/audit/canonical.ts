/**
 * The canonical encoding the audit chain hashes and the checkpoints sign: the same
 * bytes for the same entry whatever produced it, so a verifier in another language, or
 * another version of this one, recomputes every hash from the stored columns alone.
 *
 * An encoding is a list of items, each written as its UTF-8 byte length in decimal, a
 * colon, then the bytes (a netstring without the trailing comma). Lengths make it
 * unambiguous: no item's bytes can be read as the start of the next, whatever they hold.
 *
 * An entry is: the tag `chat-audit-entry-v1`, the previous entry's hash (64 lowercase
 * hex digits; 64 zeros before the first), its sequence number (decimal), its time
 * (ISO 8601 as stored), its kind, then its fields sorted by name (UTF-16 code units, the
 * same as byte order for the ASCII names used), each as two items: the name, and the
 * value tagged by type, `s` then the text for a string, `i` then the decimal for an
 * integer. JSON key order, whitespace and number formatting play no part.
 *
 * A checkpoint signs: the tag `chat-audit-checkpoint-v1`, the entry's sequence number,
 * its hash, and the checkpoint's time.
 */
import {hash} from 'node:crypto';
import type {AuditFields} from '../chat/audit.js';

/** The previous hash of the first entry ever written. */
export const GENESIS = '0'.repeat(64);

const ENTRY_TAG = 'chat-audit-entry-v1';
const CHECKPOINT_TAG = 'chat-audit-checkpoint-v1';

export interface EntryContent {
	readonly prev: string;
	readonly seq: number;
	readonly time: string;
	readonly kind: string;
	readonly fields: AuditFields;
}

/** Items, length-prefixed and concatenated. */
export function encodeItems(items: readonly string[]): Buffer {
	return Buffer.from(itemsText(items), 'utf8');
}

export function encodeEntry(entry: EntryContent): Buffer {
	return Buffer.from(entryText(entry), 'utf8');
}

/** SHA-256 of the entry's encoding, lowercase hex. */
export function entryHash(entry: EntryContent): string {
	// One string hashed as UTF-8 is the same bytes as encodeEntry(), without a Buffer per
	// item, and one-shot hash() costs a fraction of a Hash object: this runs for every
	// message, on the delivery path.
	return hash('sha256', entryText(entry), 'hex');
}

/** The encoding as a string whose UTF-8 is the encoding's bytes. */
function itemsText(items: readonly string[]): string {
	let text = '';
	for (const item of items) {
		text += itemText(item);
	}

	return text;
}

function itemText(item: string): string {
	return `${utf8Length(item)}:${item}`;
}

/**
 * Most items are ASCII (names, times, hashes, ids), whose UTF-8 length is their length:
 * counted here without a call into C++ per item. A loop over the code units, not a
 * RegExp: the items are short, and this runs for a dozen items of every message.
 */
function utf8Length(text: string): number {
	for (let index = 0; index < text.length; index++) {
		if (text.charCodeAt(index) > 0x7f) {
			return Buffer.byteLength(text, 'utf8');
		}
	}

	return text.length;
}

/** The tag, the first item of every entry, encoded once. */
const ENTRY_TAG_ITEM = itemText(ENTRY_TAG);

function entryText(entry: EntryContent): string {
	// Concatenated as it goes, with no array of items: this is on the delivery path.
	let text =
		ENTRY_TAG_ITEM + itemText(entry.prev) + itemText(String(entry.seq)) + itemText(entry.time) + itemText(entry.kind);
	const {fields} = entry;
	const names = Object.keys(fields);
	sortNames(names);

	for (const name of names) {
		text += itemText(name) + itemText(encodeValue(name, fields[name]!));
	}

	return text;
}

/**
 * Sorts in place by UTF-16 code units, as Array.prototype.sort does by default, but
 * without the work array that allocates on every call: an entry has at most a handful
 * of fields, and this runs for every message.
 */
function sortNames(names: string[]): void {
	for (let index = 1; index < names.length; index++) {
		const name = names[index]!;
		let at = index - 1;
		while (at >= 0 && names[at]! > name) {
			names[at + 1] = names[at]!;
			at--;
		}

		names[at + 1] = name;
	}
}

export function encodeCheckpoint(seq: number, hash: string, time: string): Buffer {
	return encodeItems([CHECKPOINT_TAG, String(seq), hash, time]);
}

function encodeValue(name: string, value: string | number): string {
	if (typeof value === 'string') {
		return `s${value}`;
	}

	if (!Number.isSafeInteger(value)) {
		// The type says integer; a fraction or NaN has no canonical decimal here.
		throw new TypeError(`audit field ${name} is not a safe integer: ${value}`);
	}

	return `i${value}`;
}
