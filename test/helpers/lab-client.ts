/**
 * A client built the way the lab's Tkinter client is (the seed's myclient.py, on the
 * course's ex2utils.py): it starts reading the moment it connects, and writes every
 * line it receives into a window it builds only afterwards, when it first sends. A
 * line that comes before the window exists kills the lab client's receive thread
 * (`TypeError: 'NoneType' object does not support item assignment`) and it never
 * shows another line; this one records the line as its crash, stops reading as the
 * dead thread does, and fails whatever the test waits for.
 *
 * Its framing is as plain as the lab's: lines split on LF. Waiting is for lines, with
 * a bound (hang.ts) so a broken server fails a test instead of hanging it.
 */
import net, {type Socket} from 'node:net';
import {HANG_MS} from './hang.js';

export class LabClient {
	/** The line that came before the window existed: what the lab client dies of. */
	crash: string | undefined;
	/** Every line shown in the window, in order; undefined until the first send builds it. */
	private window: string[] | undefined;
	/** How many of the window's lines the test has read. */
	private read = 0;
	private partial = '';
	private wake: (() => void) | undefined;
	private ended = false;

	private constructor(private readonly socket: Socket) {
		// The receive thread: running before there is a window to write into.
		socket.setEncoding('utf8');
		socket.on('data', this.receive);
		socket.on('error', () => {});
		socket.once('close', () => {
			this.ended = true;
			this.wake?.();
		});
	}

	static connect(port: number): Promise<LabClient> {
		return new Promise((resolve, reject) => {
			const socket = net.connect({host: '127.0.0.1', port});
			socket.once('error', reject);
			socket.once('connect', () => {
				socket.off('error', reject);
				resolve(new LabClient(socket));
			});
		});
	}

	/** Bytes the server has sent so far, whether or not they made a whole line. */
	get bytesReceived(): number {
		return this.socket.bytesRead;
	}

	/** Sends a line; the first send builds the window, as the lab client's first user action does. */
	send(line: string): void {
		this.window ??= [];
		this.socket.write(`${line}\n`);
	}

	/** The next line shown in the window. */
	async next(): Promise<string> {
		const started = Date.now();
		for (;;) {
			if (this.crash !== undefined) {
				throw new Error(`The lab client died: the server sent "${this.crash}" before the client's first line`);
			}

			const line = this.window?.[this.read];
			if (line !== undefined) {
				this.read++;
				return line;
			}

			if (this.ended) {
				throw new Error(`The connection closed; the window shows: ${JSON.stringify(this.window ?? [])}`);
			}

			const left = HANG_MS - (Date.now() - started);
			if (left <= 0) {
				throw new Error(`No line within ${HANG_MS} ms; the window shows: ${JSON.stringify(this.window ?? [])}`);
			}

			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				this.wake = () => {
					clearTimeout(timer);
					this.wake = undefined;
					resolve();
				};
			});
		}
	}

	/** Resolves when the server has closed the connection. */
	async closed(): Promise<void> {
		if (!this.ended) {
			await new Promise((resolve) => this.socket.once('close', resolve));
		}
	}

	destroy(): void {
		this.socket.destroy();
	}

	private readonly receive = (chunk: string): void => {
		const lines = (this.partial + chunk).split('\n');
		this.partial = lines.pop()!;
		for (const line of lines) {
			if (this.window === undefined) {
				// The lab client's handler writes into the window that is not there yet.
				this.crash = line;
				this.socket.off('data', this.receive);
				break;
			}

			this.window.push(line);
		}

		this.wake?.();
	};
}
