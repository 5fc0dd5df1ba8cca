import {PassThrough} from 'node:stream';

/**
 * A stdin that Ink takes for a terminal's keyboard. It is a real stream (a PassThrough)
 * rather than an EventEmitter with a stubbed `read()`, so Ink's 'readable' + `read()`
 * loop, a component listening to 'data', and chunks typed before anyone listens all
 * behave as they do on a `tty.ReadStream`: unread input waits in the buffer, and
 * several writes made before the next read arrive merged in one chunk, like keys that
 * reach a real terminal in one packet.
 */
export class FakeTtyStdin extends PassThrough {
	readonly isTTY = true;
	/** What the program last asked for with `setRawMode`. */
	isRaw = false;
	/** Every `setRawMode` call in order, to assert the program turned raw mode back off. */
	readonly rawModeCalls: boolean[] = [];

	setRawMode(enabled: boolean): this {
		this.isRaw = enabled;
		this.rawModeCalls.push(enabled);
		return this;
	}

	// Ink refs stdin while it reads and unrefs it after, to let the process exit; a
	// PassThrough holds no handle that could keep the event loop alive, so both are no-ops.
	ref(): this {
		return this;
	}

	unref(): this {
		return this;
	}
}
