import test from 'ava';
import {formatTags, splitTags} from '../../protocol/index.js';

test('a line without @ has no tags', (t) => {
	t.deepEqual(splitTags('HELP'), {tags: undefined, rest: 'HELP'});
});

test('tags split off, values optional', (t) => {
	t.deepEqual(splitTags('@id=12;ack;x-y=a.b   MESSAGE hi'), {
		tags: {id: '12', ack: '', 'x-y': 'a.b'},
		rest: 'MESSAGE hi',
	});
});

test('malformed tags are dropped, never fatal', (t) => {
	t.deepEqual(splitTags('@=1;ok=1;b@d=2;v=a=b LIST'), {tags: {ok: '1'}, rest: 'LIST'});
	t.deepEqual(splitTags('@' + 'k'.repeat(33) + '=1 LIST'), {tags: {}, rest: 'LIST'});
	t.deepEqual(splitTags('@only'), {tags: {only: ''}, rest: ''});
});

test('formatTags writes what splitTags reads, and nothing for no tags', (t) => {
	t.is(formatTags(undefined), '');
	t.is(formatTags({}), '');
	t.is(formatTags({'bad key': 'x'}), '');
	const prefix = formatTags({id: '12', ack: ''});
	t.is(prefix, '@id=12;ack ');
	t.deepEqual(splitTags(prefix + 'LIST'), {tags: {id: '12', ack: ''}, rest: 'LIST'});
});
