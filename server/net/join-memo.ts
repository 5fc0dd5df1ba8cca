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
 */
export class JoinMemo {
	private parts: Array<Buffer | undefined> = [];
	private count = 0;
	private joined: Buffer | undefined;
	private clearArmed = false;

	/** The first `count` parts, `bytes` long in all, in one Buffer: the last one made when the parts are the same. */
	join(parts: ReadonlyArray<Buffer | undefined>, count: number, bytes: number): Buffer {
		if (
			this.joined !== undefined &&
			count === this.count &&
			bytes === this.joined.length &&
			this.sameParts(parts, count)
		) {
			return this.joined;
		}

		const target = Buffer.allocUnsafe(bytes);
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
