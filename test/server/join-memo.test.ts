import {setImmediate as nextTurn} from 'node:timers/promises';
import test from 'ava';
import {JoinMemo} from '../../server/net/join-memo.js';

const a = Buffer.from('MSG 1 lobby alice hi\n');
const b = Buffer.from('MSG 2 lobby bob hello\n');
const ok = Buffer.from('OK MESSAGE 2\n');

test('connections queued the same Buffers in one turn share one join, byte for byte', (t) => {
	const memo = new JoinMemo();
	const first = memo.join([a, b], 2, a.length + b.length);
	t.is(first.toString(), `${a.toString()}${b.toString()}`);
	t.is(memo.join([a, b, undefined], 2, a.length + b.length), first, 'the same parts: the same Buffer, not a copy');
});

test('a different part, order or count gets its own join', (t) => {
	const memo = new JoinMemo();
	const shared = memo.join([a, b], 2, a.length + b.length);
	const withOk = memo.join([a, ok], 2, a.length + ok.length);
	t.not(withOk, shared);
	t.is(withOk.toString(), `${a.toString()}${ok.toString()}`);
	const swapped = memo.join([b, a], 2, a.length + b.length);
	t.is(swapped.toString(), `${b.toString()}${a.toString()}`);
	const fewer = memo.join([b, a, ok], 3, a.length + b.length + ok.length);
	t.is(fewer.toString(), `${b.toString()}${a.toString()}${ok.toString()}`);
	const copy = Buffer.from(a);
	t.is(memo.join([b, copy, ok], 3, a.length + b.length + ok.length).toString(), fewer.toString());
	t.not(
		memo.join([b, a, ok], 3, a.length + b.length + ok.length),
		fewer,
		'equal bytes in another Buffer are not the same part',
	);
});

test('the memo lets go of its join at the end of the turn', async (t) => {
	const memo = new JoinMemo();
	const first = memo.join([a, b], 2, a.length + b.length);
	await nextTurn();
	const again = memo.join([a, b], 2, a.length + b.length);
	t.not(again, first);
	t.deepEqual(again, first);
});
