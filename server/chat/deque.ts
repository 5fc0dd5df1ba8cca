/**
 * A first-in first-out list with O(1) push and shift and indexed reads: what the
 * history keeps per conversation, where Array#shift would copy a thousand entries for
 * every message once a conversation is full.
 */
export class Deque<T> {
	private items: T[] = [];
	private head = 0;

	get length(): number {
		return this.items.length - this.head;
	}

	/** The item `index` places from the front, oldest first. */
	at(index: number): T | undefined {
		return index < 0 || index >= this.length ? undefined : this.items[this.head + index];
	}

	front(): T | undefined {
		return this.at(0);
	}

	push(item: T): void {
		this.items.push(item);
	}

	shift(): T | undefined {
		if (this.head >= this.items.length) {
			return undefined;
		}

		const item = this.items[this.head];
		// Let go of it now, not at the next compaction.
		(this.items as Array<T | undefined>)[this.head] = undefined;
		this.head++;
		if (this.head === this.items.length) {
			this.items = [];
			this.head = 0;
		} else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
			this.items = this.items.slice(this.head);
			this.head = 0;
		}

		return item;
	}

	/** Keeps only the items for which `keep` holds, in order. */
	retain(keep: (item: T) => boolean): void {
		this.items = this.items.slice(this.head).filter(keep);
		this.head = 0;
	}
}
