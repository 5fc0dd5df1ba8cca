import test from 'ava';
import {addTags, clientMessageId, formatTags, isToken, splitTags} from '../../protocol/index.js';

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

test('a tag value with a control character is dropped: tags are echoed back to terminals', (t) => {
	t.deepEqual(splitTags('@id=\u001b[2J;ok=1 LIST'), {tags: {ok: '1'}, rest: 'LIST'});
	t.deepEqual(splitTags('@id=a\u009bb LIST'), {tags: {}, rest: 'LIST'});
	t.is(formatTags({id: 'a\u0007'}), '');
});

test('isToken: 1 to 128 characters, no whitespace, control characters, ; or =', (t) => {
	for (const token of ['0', 'k1', 'tui-1732.42', 'é💊', 'x'.repeat(128)]) {
		t.true(isToken(token), token);
	}

	for (const token of ['', 'a b', 'a\tb', 'a;b', 'a=b', '\u001b', 'x'.repeat(129)]) {
		t.false(isToken(token), JSON.stringify(token));
	}
});

test('clientMessageId is the id tag when it is a token', (t) => {
	t.is(clientMessageId(splitTags('@id=k1;x MESSAGE hi').tags), 'k1');
	t.is(clientMessageId(splitTags('@id= MESSAGE hi').tags), undefined);
	t.is(clientMessageId(splitTags('@id MESSAGE hi').tags), undefined);
	t.is(clientMessageId(splitTags('MESSAGE hi').tags), undefined);
});

test('addTags puts tags on a formatted line, keeping the ones it has', (t) => {
	t.is(addTags('OK PING 0 Pong.', {id: 'k1'}), '@id=k1 OK PING 0 Pong.');
	t.is(addTags('@id=k1 OK MESSAGE 5 t lobby 1 Sent.', {dup: ''}), '@id=k1;dup OK MESSAGE 5 t lobby 1 Sent.');
	t.is(addTags('@a=1;b=2 X', {a: '3'}), '@a=3;b=2 X');
});
