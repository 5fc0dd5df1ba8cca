/**
 * The canonical encoding the audit chain hashes: fixed bytes for fixed content, whatever
 * order the fields come in, and no two different entries with the same bytes.
 */
import {readFileSync} from 'node:fs';
import test from 'ava';
import {encodeEntry, encodeItems, entryHash, GENESIS} from '../../server/audit/canonical.js';

const ENTRY = {prev: GENESIS, seq: 1, time: '2026-12-06T08:00:00.000Z', kind: 'dm'};

test('items are length-prefixed UTF-8, so the encoding is spelled out byte for byte', (t) => {
	t.is(encodeItems(['ab', '', 'Zoë']).toString('utf8'), '2:ab0:4:Zoë');
	t.is(
		encodeEntry({...ENTRY, fields: {to: 'bob', id: '7', n: 3}}).toString('utf8'),
		`19:chat-audit-entry-v164:${GENESIS}1:124:2026-12-06T08:00:00.000Z2:dm` + '2:id2:s71:n2:i32:to4:sbob',
	);
});

test('docs/CLINICAL.md shows the encoding of an entry as it is', (t) => {
	const doc = readFileSync(new URL('../../docs/CLINICAL.md', import.meta.url), 'utf8');
	const example = encodeEntry({...ENTRY, fields: {to: 'bob', id: '7', n: 3}}).toString('utf8');
	t.true(doc.includes(`\n${example}\n`));
});

test('the order the fields were given in plays no part', (t) => {
	t.is(
		entryHash({...ENTRY, fields: {from: 'alice', to: 'bob', text: 'hi'}}),
		entryHash({...ENTRY, fields: {text: 'hi', to: 'bob', from: 'alice'}}),
	);
});

test('moving bytes between fields, or a number for its decimal text, changes the hash', (t) => {
	const hashes = [
		entryHash({...ENTRY, fields: {from: 'alice', text: 'hi'}}),
		entryHash({...ENTRY, fields: {from: 'alic', text: 'ehi'}}),
		entryHash({...ENTRY, fields: {from: 'alice', text: 'hi', id: '3'}}),
		entryHash({...ENTRY, fields: {from: 'alice', text: 'hi', id: 3}}),
		entryHash({...ENTRY, seq: 2, fields: {from: 'alice', text: 'hi'}}),
		entryHash({...ENTRY, prev: '1'.repeat(64), fields: {from: 'alice', text: 'hi'}}),
	];
	t.is(new Set(hashes).size, hashes.length);
	t.regex(hashes[0]!, /^[\da-f]{64}$/);
});

test('a field that is no safe integer is refused, not encoded some way', (t) => {
	t.throws(() => encodeEntry({...ENTRY, fields: {n: 1.5}}), {message: /not a safe integer/});
});
