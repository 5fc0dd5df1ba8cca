/**
 * An SSH channel as the terminal runTui expects: a keyboard that says it is a TTY (with
 * raw mode, which the channel always is: the user's own terminal is in raw mode for the
 * whole session), and a screen with a size that changes on window-change and emits
 * 'resize' as a tty.WriteStream does on SIGWINCH.
 *
 * There is no line discipline on a channel: the pty the client asked for exists only in
 * name, so nothing turns "\n" into "\r\n" on the way out. The screen does it, so what
 * Ink and the frame writer write lands where it would on a local terminal.
 */
import {PassThrough, Writable} from 'node:stream';

/** The channel's side runTui needs: bytes to the client, bytes from it. */
export interface ChannelLike {
	write(data: Buffer): boolean;
	on(event: 'data', listener: (chunk: Buffer) => void): unknown;
	readonly destroyed?: boolean;
}

export interface TerminalSize {
	readonly columns: number;
	readonly rows: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** `\n` without a `\r` before it becomes `\r\n`; a chunk without one comes back as it was. */
export function toCrlf(chunk: Buffer): Buffer {
	let bare = 0;
	for (let index = chunk.indexOf(LF); index !== -1; index = chunk.indexOf(LF, index + 1)) {
		if (index === 0 || chunk[index - 1] !== CR) {
			bare++;
		}
	}

	if (bare === 0) {
		return chunk;
	}

	const out = Buffer.allocUnsafe(chunk.length + bare);
	let to = 0;
	for (let from = 0; from < chunk.length; from++) {
		const byte = chunk[from]!;
		if (byte === LF && (from === 0 || chunk[from - 1] !== CR)) {
			out[to++] = CR;
		}

		out[to++] = byte;
	}

	return out;
}

/** The keyboard: what the client types, as a tty.ReadStream would give it. */
export class ChannelKeyboard extends PassThrough {
	readonly isTTY = true;
	isRaw = false;

	setRawMode(enabled: boolean): this {
		// Nothing to switch: a channel carries every byte as typed.
		this.isRaw = enabled;
		return this;
	}

	// Ink refs stdin while reading; a PassThrough holds no handle to keep the process alive.
	ref(): this {
		return this;
	}

	unref(): this {
		return this;
	}
}

/** The screen: writes go to the channel, LF as CRLF; its size is the pty's. */
export class ChannelScreen extends Writable {
	readonly isTTY = true;
	columns: number;
	rows: number;
	/** Bytes sent to the channel so far (what crossed the SSH connection, before encryption). */
	bytesWritten = 0;

	constructor(
		private readonly channel: ChannelLike,
		size: TerminalSize,
	) {
		super();
		this.columns = size.columns;
		this.rows = size.rows;
	}

	override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
		if (this.channel.destroyed === true) {
			// The user has gone: there is no one to draw for, and nothing to report.
			callback();
			return;
		}

		const out = toCrlf(chunk);
		this.bytesWritten += out.length;
		this.channel.write(out);
		callback();
	}

	/** The client's window changed (window-change): as SIGWINCH does for a tty. */
	resize({columns, rows}: TerminalSize): void {
		if (columns === this.columns && rows === this.rows) {
			return;
		}

		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

/** Both halves over one channel. */
export function channelTerminal(
	channel: ChannelLike,
	size: TerminalSize,
): {keyboard: ChannelKeyboard; screen: ChannelScreen} {
	const keyboard = new ChannelKeyboard();
	channel.on('data', (chunk) => keyboard.write(chunk));
	return {keyboard, screen: new ChannelScreen(channel, size)};
}
