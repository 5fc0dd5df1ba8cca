import test from 'ava';
import {PersistentList} from '../../../tui/state/persistent-list.js';

const numbers = (from: number, to: number) => Array.from({length: to - from}, (_, index) => from + index);

test('a list reads as the array it was made of: length, at (negative from the end), iteration', (t) => {
	const list = PersistentList.of([1, 2, 3]);
	t.is(list.length, 3);
	t.is(list.at(0), 1);
	t.is(list.at(2), 3);
	t.is(list.at(-1), 3);
	t.is(list.at(-3), 1);
	t.is(list.at(3), undefined);
	t.is(list.at(-4), undefined);
	t.deepEqual([...list], [1, 2, 3]);
	t.deepEqual(list.toArray(), [1, 2, 3]);
	t.is(PersistentList.of().length, 0);
	t.is(PersistentList.of().at(-1), undefined);
	t.deepEqual([...PersistentList.of()], []);
});

test('of copies the caller array and toArray hands out a copy: neither reaches into the list', (t) => {
	const items = [1, 2];
	const list = PersistentList.of(items);
	items.push(3);
	items[0] = 9;
	t.deepEqual([...list], [1, 2]);
	const array = list.toArray();
	array[0] = 9;
	t.deepEqual([...list], [1, 2]);
});

test('append adds last and leaves the list it was called on as it was', (t) => {
	const empty = PersistentList.of<number>();
	const one = empty.append(1);
	const two = one.append(2);
	t.deepEqual([...empty], []);
	t.deepEqual([...one], [1]);
	t.deepEqual([...two], [1, 2]);
	t.not(one, two, 'a new list for each version: readers tell them apart by identity');
});

test('appending twice to one list (two versions branching) gives each its own item', (t) => {
	const base = PersistentList.of([1, 2]);
	const left = base.append(3);
	const right = base.append(4);
	t.deepEqual([...base], [1, 2]);
	t.deepEqual([...left], [1, 2, 3]);
	t.deepEqual([...right], [1, 2, 4]);
	t.deepEqual([...left.append(5)], [1, 2, 3, 5]);
	t.deepEqual([...right.append(6)], [1, 2, 4, 6]);
	t.deepEqual([...left], [1, 2, 3]);
	t.deepEqual([...right], [1, 2, 4]);
});

test('at the bound, append drops the oldest; every earlier version still reads what it read', (t) => {
	let list = PersistentList.of<number>();
	const versions: Array<{readonly list: PersistentList<number>; readonly items: number[]}> = [];
	for (let item = 0; item < 20; item++) {
		list = list.append(item, 5);
		versions.push({list, items: numbers(Math.max(0, item - 4), item + 1)});
	}

	t.is(list.length, 5);
	t.deepEqual([...list], [15, 16, 17, 18, 19]);
	for (const [index, version] of versions.entries()) {
		t.deepEqual([...version.list], version.items, `version ${index}`);
		t.is(version.list.length, version.items.length);
		t.is(version.list.at(0), version.items[0]);
		t.is(version.list.at(-1), version.items.at(-1));
	}
});

test('a long run of drops at a large bound (the shared array moved on past its dropped items) keeps every version', (t) => {
	// Past the items a list may keep dropped before its array is copied, several times over.
	const bound = 3000;
	let list = PersistentList.of<number>();
	const kept = new Map<number, PersistentList<number>>();
	for (let item = 0; item < 10_000; item++) {
		list = list.append(item, bound);
		if (item % 997 === 0) {
			kept.set(item, list);
		}
	}

	t.is(list.length, bound);
	t.is(list.at(0), 10_000 - bound);
	t.is(list.at(-1), 9999);
	for (const [last, version] of kept) {
		const first = Math.max(0, last + 1 - bound);
		t.is(version.length, last + 1 - first, `after ${last}`);
		t.is(version.at(0), first, `after ${last}`);
		t.is(version.at(-1), last, `after ${last}`);
		t.deepEqual([...version], numbers(first, last + 1), `after ${last}`);
	}
});

test('a bound of one keeps only the newest', (t) => {
	const list = PersistentList.of([1, 2, 3]).append(4, 1);
	t.deepEqual([...list], [4]);
	t.deepEqual([...list.append(5, 1)], [5]);
});

test('insert puts an item at an index (the length appends) and drops the oldest beyond the bound', (t) => {
	const list = PersistentList.of([1, 2, 4]);
	t.deepEqual([...list.insert(2, 3)], [1, 2, 3, 4]);
	t.deepEqual([...list.insert(0, 0)], [0, 1, 2, 4]);
	t.deepEqual([...list.insert(3, 5)], [1, 2, 4, 5]);
	t.deepEqual([...list.insert(9, 5)], [1, 2, 4, 5]);
	t.deepEqual([...list.insert(2, 3, 3)], [2, 3, 4], 'the oldest dropped');
	t.deepEqual([...list.insert(0, 0, 3)], [1, 2, 4], 'inserted below the bound: dropped at once, as an array would');
	t.deepEqual([...list.insert(3, 5, 3)], [2, 4, 5]);
	t.deepEqual([...list], [1, 2, 4]);
	t.deepEqual([...list.insert(1, 9).append(10)], [1, 9, 2, 4, 10]);
});

test('with replaces one item in a new list; the old one still shows the old item', (t) => {
	const list = PersistentList.of([1, 2, 3]).append(4);
	const changed = list.with(1, 20);
	t.deepEqual([...changed], [1, 20, 3, 4]);
	t.deepEqual([...list], [1, 2, 3, 4]);
	t.deepEqual([...list.with(-1, 40)], [1, 2, 3, 40]);
	t.deepEqual([...changed.append(5)], [1, 20, 3, 4, 5]);
	t.throws(() => list.with(4, 0), {instanceOf: RangeError});
	t.throws(() => list.with(-5, 0), {instanceOf: RangeError});
});

test('slice takes a window as arrays do (negative from the end, clamped); appending to it leaves the whole as it was', (t) => {
	const list = PersistentList.of([1, 2, 3, 4, 5]);
	t.deepEqual([...list.slice(1, 3)], [2, 3]);
	t.deepEqual([...list.slice(0, -2)], [1, 2, 3]);
	t.deepEqual([...list.slice(-2)], [4, 5]);
	t.deepEqual([...list.slice(3, 1)], []);
	t.deepEqual([...list.slice(-9, 9)], [1, 2, 3, 4, 5]);
	t.is(list.slice(1, 3).at(-1), 3);
	t.is(list.slice(1, 3).at(2), undefined, 'no item past the window');
	const head = list.slice(0, 2);
	t.deepEqual([...head.append(9)], [1, 2, 9]);
	t.deepEqual([...list], [1, 2, 3, 4, 5]);
	t.deepEqual([...list.slice(2).append(6)], [3, 4, 5, 6]);
	t.deepEqual([...list.append(7)], [1, 2, 3, 4, 5, 7]);
	t.deepEqual([...list.slice(2)], [3, 4, 5]);
});

test('find, findIndex, some and filter read the list as the array methods read an array', (t) => {
	const list = PersistentList.of([0, 1, 2, 3, 4, 5, 6]).append(7, 6);
	const even = (item: number) => item % 2 === 0;
	const array = list.toArray();
	t.deepEqual(array, [2, 3, 4, 5, 6, 7]);
	t.is(list.findIndex(even), array.findIndex(even));
	t.is(
		list.findIndex((item) => item > 6),
		5,
	);
	t.is(
		list.findIndex((item) => item > 9),
		-1,
	);
	t.is(
		list.find((item): item is number => item > 3),
		4,
	);
	t.is(
		list.find((item): item is number => item < 0),
		undefined,
	);
	t.true(list.some((item) => item === 7));
	t.false(
		list.some((item) => item === 1),
		'dropped at the bound',
	);
	t.deepEqual(list.filter(even), [2, 4, 6]);
});

test('two lists with the same items are deepEqual however they were made (as states holding them compare in tests)', (t) => {
	const appended = PersistentList.of([0, 1]).append(2).append(3, 3);
	t.deepEqual(appended, PersistentList.of([1, 2, 3]));
	t.deepEqual(PersistentList.of([9, 1, 2, 3, 9]).slice(1, -1), PersistentList.of([1, 2, 3]));
	t.deepEqual({entries: appended}, {entries: PersistentList.of([1, 2, 3])});
	t.notDeepEqual(appended, PersistentList.of([1, 2, 4]));
	t.notDeepEqual(appended, PersistentList.of([1, 2]));
});
