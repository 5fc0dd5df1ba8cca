/**
 * A list that appends, and drops its oldest items at a bound, without copying itself:
 * how a conversation holds its entries. Every message appended to a conversation of
 * 5,000 entries copied all 5,000 (40 KB) when they were an array, the largest
 * allocation of a message on the client's state side.
 *
 * A list is a window (`start`, `length`) on an array that lists share. Appending to the
 * list whose window ends at the array's end pushes onto the array and returns a new
 * window one longer (one shorter at the front at the bound); the old window still ends
 * where it did, so the old list reads what it read. Any other list (an older state's,
 * one appended to already, a slice) copies its window first. The array's items inside a
 * window are never written: a list, once made, reads the same forever, and the state,
 * its reducers, React's comparisons and the history layout keep telling versions apart
 * by identity, as they did with arrays.
 *
 * A persistent list rather than an array changed in place behind a version counter: the
 * reducers are pure and the tests, the history layout and React all hold earlier states
 * and compare them with later ones, which in-place changes would rewrite under them.
 */

/** What readers need of a list of items: an array is one, and so is a `PersistentList`. */
export interface ReadonlyList<T> extends Iterable<T> {
	readonly length: number;
	/** As `Array.prototype.at`: a negative index counts from the end. */
	at(index: number): T | undefined;
}

/**
 * Items dropped at the bound that the shared array may keep in front of a window before
 * an append copies the window to a new one: a copy of a full conversation every 1,024
 * messages (five pointers a message), and the dropped entries (with what the wrap cache
 * holds for them) freed soon after.
 */
const MAX_DROPPED_KEPT = 1024;

export class PersistentList<T> implements ReadonlyList<T> {
	/** A list of `items` (copied: the caller's array stays the caller's). */
	static of<T>(items: Iterable<T> = []): PersistentList<T> {
		const copy = [...items];
		return new PersistentList(copy, 0, copy.length);
	}

	// Private fields (not TypeScript's `private`): two lists with the same items compare
	// equal by their items and length alone (ava's deepEqual of two states, say).
	readonly #items: T[];
	readonly #start: number;
	readonly length: number;

	private constructor(items: T[], start: number, length: number) {
		this.#items = items;
		this.#start = start;
		this.length = length;
	}

	at(index: number): T | undefined {
		const at = index < 0 ? index + this.length : index;
		return at >= 0 && at < this.length ? this.#items[this.#start + at] : undefined;
	}

	*[Symbol.iterator](): Iterator<T> {
		const end = this.#start + this.length;
		for (let index = this.#start; index < end; index++) {
			yield this.#items[index]!;
		}
	}

	/** The list with `item` last, its oldest items dropped beyond `bound`. */
	append(item: T, bound = Number.POSITIVE_INFINITY): PersistentList<T> {
		const end = this.#start + this.length;
		const start = this.#start + Math.max(0, this.length + 1 - bound);
		if (end === this.#items.length && start <= Math.min(MAX_DROPPED_KEPT, this.length)) {
			this.#items.push(item);
			return new PersistentList(this.#items, start, end + 1 - start);
		}

		const items = this.#items.slice(start, end);
		items.push(item);
		return new PersistentList(items, 0, items.length);
	}

	/** The list with `item` at `index` (the length appends), its oldest items dropped beyond `bound`. */
	insert(index: number, item: T, bound = Number.POSITIVE_INFINITY): PersistentList<T> {
		if (index >= this.length) {
			return this.append(item, bound);
		}

		const items = this.toArray();
		items.splice(Math.max(0, index), 0, item);
		const dropped = Math.max(0, items.length - bound);
		return new PersistentList(items, dropped, items.length - dropped);
	}

	/** As `Array.prototype.with`: the list with the item at `index` replaced. */
	with(index: number, item: T): PersistentList<T> {
		const items = this.toArray();
		const at = index < 0 ? index + this.length : index;
		if (at < 0 || at >= this.length) {
			throw new RangeError(`index ${index} is outside a list of ${this.length}`);
		}

		items[at] = item;
		return new PersistentList(items, 0, items.length);
	}

	/** As `Array.prototype.slice`, without a copy: a window on the same items. */
	slice(from = 0, to = this.length): PersistentList<T> {
		const start = clamp(from, this.length);
		const end = Math.max(start, clamp(to, this.length));
		return new PersistentList(this.#items, this.#start + start, end - start);
	}

	toArray(): T[] {
		return this.#items.slice(this.#start, this.#start + this.length);
	}

	findIndex(predicate: (item: T) => boolean): number {
		for (let index = 0; index < this.length; index++) {
			if (predicate(this.#items[this.#start + index]!)) {
				return index;
			}
		}

		return -1;
	}

	find<S extends T>(predicate: (item: T) => item is S): S | undefined {
		const index = this.findIndex(predicate);
		return index === -1 ? undefined : (this.#items[this.#start + index] as S);
	}

	some(predicate: (item: T) => boolean): boolean {
		return this.findIndex(predicate) !== -1;
	}

	filter<S extends T>(predicate: (item: T) => item is S): S[];
	filter(predicate: (item: T) => boolean): T[];
	filter(predicate: (item: T) => boolean): T[] {
		const kept: T[] = [];
		for (const item of this) {
			if (predicate(item)) {
				kept.push(item);
			}
		}

		return kept;
	}
}

/** A `slice` bound as arrays take it: negative from the end, clamped to the list. */
function clamp(index: number, length: number): number {
	return index < 0 ? Math.max(0, index + length) : Math.min(index, length);
}
