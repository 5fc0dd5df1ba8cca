/**
 * One join shared by every connection queued the very same Buffers in one turn. In a
 * fan-out every member of a group is handed the same shared Buffers in the same order,
 * and connections are flushed one after the other, so the join made for one member is,
 * byte for byte, the next one's too. Checking that costs a pointer comparison per part;
 * copying the parts again costs their bytes, once per member: the largest item of a
 * burst's profile before this.
 *
 * The memo holds at most one join and lets go of it at the end of the turn, so nothing
 * written stays in memory because of it. Buffers queued for writing are never changed
 * afterwards (a shared wire is read-only once made), which is what makes identity enough.
 *
 * Small joins are made in a slab of the memo's own, and the space of the last one is
 * taken again for the next when every write of it was done before socket.write returned
 * (the kernel, or TLS, copied the bytes; nothing holds them). Made each with
 * Buffer.allocUnsafe, they came from Node's 8 KiB pool pages, a new page every few dozen
 * joins, each malloc'd and freed only at V8's next scavenge: a registration storm (a
 * join per registrant: HELLO, its OK, the presence lines of the turn) had hundreds of
 * them alive at once in glibc's main arena, between the new sockets' own long-lived
 * native state, and the arena kept those pages resident after the storm (docs/PERFORMANCE.md,
 * issue 16, fourth pass). Now such a join costs no allocation unless a socket keeps it.
 */

/** The slab small joins are made in; a new one only once joins still held by sockets have filled it. */
export const SLAB_BYTES = 64 * 1024;
/** Joins longer than this get a Buffer of their own, as before: one of them would take a good part of a slab. */
export const SLAB_JOIN_MAX = 16 * 1024;

export class JoinMemo {
	private parts: Array<Buffer | undefined> = [];
	private count = 0;
	private joined: Buffer | undefined;
	private clearArmed = false;
	private slab: Buffer | undefined;
	/** Where the next join in the slab goes. */
	private offset = 0;
	/** The last join made in the slab, where it starts, and whether its space may be taken again. */
	private last: Buffer | undefined;
	private lastStart = 0;
	/** Writes of `last` handed out and not yet reported done (written()). */
	private lastUnreported = 0;
	/** Whether a socket kept `last` beyond its write (a write not done at once): its space is not taken again. */
	private lastKept = false;

	/** The first `count` parts, `bytes` long in all, in one Buffer: the last one made when the parts are the same. */
	join(parts: ReadonlyArray<Buffer | undefined>, count: number, bytes: number): Buffer {
		if (
			this.joined !== undefined &&
			count === this.count &&
			bytes === this.joined.length &&
			this.sameParts(parts, count)
		) {
			if (this.joined === this.last) {
				this.lastUnreported++;
			}

			return this.joined;
		}

		const target = bytes <= SLAB_JOIN_MAX ? this.fromSlab(bytes) : Buffer.allocUnsafe(bytes);
		let offset = 0;
		for (let index = 0; index < count; index++) {
			const part = parts[index]!;
			target.set(part, offset);
			offset += part.length;
			this.parts[index] = part;
		}

		for (let index = count; index < this.count; index++) {
			this.parts[index] = undefined;
		}

		this.count = count;
		this.joined = target;
		if (!this.clearArmed) {
			this.clearArmed = true;
			setImmediate(this.clear);
		}

		return target;
	}

	/**
	 * The writer of `joined` is done with it: `copied` when the write was done before
	 * socket.write returned (writableLength 0 after it), so nothing holds the bytes; not
	 * reported, or not copied, a join's space is never taken again.
	 */
	written(joined: Buffer, copied: boolean): void {
		if (joined === this.last) {
			this.lastUnreported--;
			this.lastKept ||= !copied;
		}
	}

	/** `bytes` of the slab: where the last join was when nothing holds it, else after it; a new slab when full. */
	private fromSlab(bytes: number): Buffer {
		if (this.last !== undefined && this.lastUnreported === 0 && !this.lastKept) {
			this.offset = this.lastStart;
		}

		if (this.slab === undefined || this.offset + bytes > SLAB_BYTES) {
			// Out of Node's pool (allocUnsafeSlow): the pool's pages are what this is here to avoid.
			this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
			this.offset = 0;
		}

		const target = this.slab.subarray(this.offset, this.offset + bytes);
		this.last = target;
		this.lastStart = this.offset;
		this.lastUnreported = 1;
		this.lastKept = false;
		this.offset += bytes;
		return target;
	}

	private sameParts(parts: ReadonlyArray<Buffer | undefined>, count: number): boolean {
		for (let index = 0; index < count; index++) {
			if (parts[index] !== this.parts[index]) {
				return false;
			}
		}

		return true;
	}

	private readonly clear = (): void => {
		this.clearArmed = false;
		this.parts = [];
		this.count = 0;
		this.joined = undefined;
	};
}
