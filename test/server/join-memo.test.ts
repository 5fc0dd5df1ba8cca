import {setImmediate as nextTurn} from 'node:timers/promises';
import test from 'ava';
import {JoinMemo, SLAB_BYTES, SLAB_JOIN_MAX} from '../../server/net/join-memo.js';

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

test('a join every writer copied at once leaves its space to the next join', (t) => {
	const memo = new JoinMemo();
	const first = memo.join([a, b], 2, a.length + b.length);
	memo.written(first, true);
	const next = memo.join([b, ok], 2, b.length + ok.length);
	t.is(next.buffer, first.buffer, 'made in the same slab');
	t.is(next.byteOffset, first.byteOffset, 'where the first one was');
	t.is(next.toString(), `${b.toString()}${ok.toString()}`);
});

test('a join a socket kept, or whose write was not reported, is never written over', (t) => {
	const memo = new JoinMemo();
	const kept = memo.join([a, b], 2, a.length + b.length);
	memo.written(kept, false);
	const unreported = memo.join([b, ok], 2, b.length + ok.length);
	const after = memo.join([ok, a], 2, ok.length + a.length);
	memo.written(after, true);
	t.is(kept.toString(), `${a.toString()}${b.toString()}`);
	t.is(unreported.toString(), `${b.toString()}${ok.toString()}`);
	t.is(after.toString(), `${ok.toString()}${a.toString()}`);
	t.true(after.byteOffset >= unreported.byteOffset + unreported.length || after.buffer !== unreported.buffer);
});

test('a join shared by two writers keeps its space when either of them kept it', (t) => {
	const memo = new JoinMemo();
	const shared = memo.join([a, b], 2, a.length + b.length);
	t.is(memo.join([a, b], 2, a.length + b.length), shared);
	memo.written(shared, true);
	memo.written(shared, false);
	const next = memo.join([b, ok], 2, b.length + ok.length);
	t.not(next.byteOffset, shared.byteOffset);
	t.is(shared.toString(), `${a.toString()}${b.toString()}`);
	t.is(next.toString(), `${b.toString()}${ok.toString()}`);
});

test('kept joins fill a slab and a new one is made; large joins get their own Buffer', (t) => {
	const memo = new JoinMemo();
	const big = Buffer.alloc(SLAB_JOIN_MAX + 1, 'x');
	const own = memo.join([big, a], 2, big.length + a.length);
	t.is(own.length, big.length + a.length);
	const part = Buffer.alloc(SLAB_JOIN_MAX / 2, 'y');
	const joins: Buffer[] = [];
	for (let index = 0; index < (2 * SLAB_BYTES) / part.length; index++) {
		const line = Buffer.from(`${index}\n`);
		const joined = memo.join([line, part], 2, line.length + part.length);
		memo.written(joined, false);
		joins.push(joined);
	}

	t.true(new Set(joins.map((joined) => joined.buffer)).size >= 2, 'more than one slab');
	t.true(
		joins.every((joined, index) => joined.subarray(0, `${index}\n`.length).toString() === `${index}\n`),
		'every kept join still holds its own bytes',
	);
});
