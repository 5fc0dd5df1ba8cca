/**
 * Line framing for a byte stream: LF-terminated lines, a trailing CR stripped (telnet
 * sends CRLF), lines split across or packed into chunks, UTF-8 characters split
 * across chunks. A line over the limit is reported once, as soon as it passes the
 * limit, and its bytes are dropped as they arrive, so memory never grows with it.
 */
import {isUtf8} from 'node:buffer';

export interface LineSink {
	line(text: string): void;
	/** A line passed the limit; the rest of it, up to its LF, is discarded. */
	tooLong(limit: number): void;
	/** A complete line was not valid UTF-8; it was discarded. */
	invalidUtf8(): void;
}

const LF = 0x0a;
const CR = 0x0d;

export class LineFramer {
	/** The pieces of an unfinished line; made only when a line spans chunks (most never do, and there is a framer per connection). */
	private parts: Buffer[] | undefined;
	private pendingBytes = 0;
	private discarding = false;

	constructor(
		private readonly maxBytes: number,
		private readonly sink: LineSink,
	) {}

	/** Bytes held for an unfinished line: bounded by the limit. */
	get buffered(): number {
		return this.pendingBytes;
	}

	push(chunk: Buffer): void {
		let start = 0;
		while (start < chunk.length) {
			const newline = chunk.indexOf(LF, start);
			if (newline === -1) {
				this.hold(chunk, start, chunk.length);
				return;
			}

			this.finish(chunk, start, newline);
			start = newline + 1;
		}
	}

	private hold(chunk: Buffer, start: number, end: number): void {
		if (this.discarding) {
			return;
		}

		const length = end - start;
		const total = this.pendingBytes + length;
		// A line exactly at the limit may be held together with the CR of its CRLF
		// while the LF is still in flight: that CR does not count, finish() drops it.
		const heldCr = total === this.maxBytes + 1 && chunk[end - 1] === CR;
		if (total > this.maxBytes && !heldCr) {
			this.startDiscarding();
			return;
		}

		// Copy: the caller may reuse the chunk's memory.
		(this.parts ??= []).push(Buffer.from(chunk.subarray(start, end)));
		this.pendingBytes += length;
	}

	private finish(chunk: Buffer, start: number, end: number): void {
		if (this.discarding) {
			this.discarding = false;
			return;
		}

		let lineEnd = end;
		// The CR of a CRLF does not count against the limit.
		if (lineEnd > start && chunk[lineEnd - 1] === CR) {
			lineEnd--;
		} else if (lineEnd === start && this.pendingBytes > 0 && this.endsWithCr()) {
			this.dropTrailingCr();
		}

		if (this.pendingBytes + (lineEnd - start) > this.maxBytes) {
			this.reset();
			this.sink.tooLong(this.maxBytes);
			return;
		}

		let bytes: Buffer;
		if (this.parts === undefined || this.parts.length === 0) {
			bytes = chunk.subarray(start, lineEnd);
		} else {
			this.parts.push(chunk.subarray(start, lineEnd));
			bytes = Buffer.concat(this.parts);
			this.reset();
		}

		if (!isUtf8(bytes)) {
			this.sink.invalidUtf8();
			return;
		}

		this.sink.line(bytes.toString('utf8'));
	}

	private endsWithCr(): boolean {
		const last = this.parts?.[this.parts.length - 1];
		return last !== undefined && last.length > 0 && last[last.length - 1] === CR;
	}

	private dropTrailingCr(): void {
		const last = this.parts?.pop();
		if (last && last.length > 1) {
			this.parts!.push(last.subarray(0, last.length - 1));
		}

		this.pendingBytes--;
	}

	private startDiscarding(): void {
		this.reset();
		this.discarding = true;
		this.sink.tooLong(this.maxBytes);
	}

	private reset(): void {
		this.parts = undefined;
		this.pendingBytes = 0;
	}
}

/** Appends the line terminator. Every line the protocol writes ends in LF alone, never CR. */
export function terminate(line: string): string {
	return line + '\n';
}
