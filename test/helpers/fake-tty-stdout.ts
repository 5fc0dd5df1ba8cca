import {Writable} from 'node:stream';

/**
 * A stdout that Ink takes for a terminal of a given size: `isTTY`, `columns` and `rows`
 * are what Ink and `useTerminalSize` read, and 'resize' is what they listen to. Every
 * write is handed, unchanged and synchronously, to `onWrite` (the emulator) and counted.
 */
export class FakeTtyStdout extends Writable {
	readonly isTTY = true;
	columns: number;
	rows: number;
	/** Total bytes written so far, as UTF-8 (what would cross an SSH connection). */
	bytesWritten = 0;
	/**
	 * How many `write()` calls carried data. Not a frame count: on a TTY, Ink 6.8 wraps
	 * each frame in synchronized-output markers (`ESC[?2026h` ... `ESC[?2026l`), written
	 * as separate calls, so a frame is usually three writes.
	 */
	writeCount = 0;

	constructor(
		size: {columns: number; rows: number},
		private readonly onWrite: (chunk: string | Uint8Array) => void,
	) {
		// Keep strings as strings: the emulator parses them without a decode step.
		super({decodeStrings: false});
		this.columns = size.columns;
		this.rows = size.rows;
	}

	override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
		const length = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
		if (length > 0) {
			this.bytesWritten += length;
			this.writeCount += 1;
			this.onWrite(chunk);
		}
		callback();
	}

	/** Changes the reported size and tells listeners, as a terminal's SIGWINCH would. */
	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}
