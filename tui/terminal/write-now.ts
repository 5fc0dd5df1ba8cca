import {writeSync} from 'node:fs';

/** The parts of an output stream `writeNow` uses; a `tty.WriteStream` or any Writable. */
export interface OutputStream {
	write(chunk: string | Uint8Array): unknown;
	/** Present on streams backed by a file descriptor (process.stdout, a tty.WriteStream). */
	readonly fd?: number;
	/** Bytes queued in the stream and not yet handed to the OS. */
	readonly writableLength?: number;
	readonly destroyed?: boolean;
	readonly writable?: boolean;
}

/**
 * Writes `data` so it reaches the terminal before this call returns when the stream
 * allows it: mode switches written while the process is exiting (a signal, a crash)
 * must not sit in a stream buffer that is never flushed.
 *
 * With a file descriptor and nothing already queued in the stream, the bytes go
 * straight to the descriptor, synchronously. If the stream has queued data, writing
 * around it would reorder output, so the stream gets it instead; likewise streams with
 * no descriptor (an SSH channel), which are asynchronous by nature. A destroyed or
 * ended stream is skipped: the terminal is gone and there is nothing to restore.
 */
export function writeNow(stream: OutputStream, data: string): void {
	if (stream.destroyed === true || stream.writable === false) {
		return;
	}
	if (typeof stream.fd !== 'number' || stream.writableLength) {
		stream.write(data);
		return;
	}
	let rest = Buffer.from(data, 'utf8');
	try {
		// A non-blocking descriptor (a pipe) may take only part of it.
		while (rest.length > 0) {
			rest = rest.subarray(writeSync(stream.fd, rest));
		}
	} catch (error) {
		// A full non-blocking pipe: the stream queues the rest and writes it when it can.
		// Anything else (EIO, EPIPE) means the terminal has gone away.
		if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
			stream.write(rest);
		}
	}
}
