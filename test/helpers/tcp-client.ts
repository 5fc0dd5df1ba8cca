/**
 * A raw TCP client for server tests: it sends exactly the bytes a test asks for and
 * hands back server lines one at a time, in order. Waiting is for lines, never for
 * time; the only clock is the bound of hang.ts, so a broken server fails a test instead
 * of hanging it.
 *
 * Every line that arrives is also checked against the rules all server output must
 * follow: LF-terminated with no CR anywhere, valid UTF-8, parseable by protocol/.
 * A breach fails whatever the test is waiting for.
 *
 * Given the server's `greeting`, it also holds the server to speaking second: a line
 * before the client's first send is a breach, and the first line after it must be the
 * greeting, which is checked here and not handed to the test (it stays in `received`).
 */
import net, {type Socket} from 'node:net';
import tls from 'node:tls';
import {parseServerLine, splitTags} from '../../protocol/index.js';
import {HANG_MS} from './hang.js';

const LF = 0x0a;
const CR = 0x0d;
const utf8 = new TextDecoder('utf-8', {fatal: true});

/** What one command got back: the lines before its outcome (data lines, events), then the OK or ERR line. */
export interface Reply {
	readonly lines: string[];
	readonly outcome: string;
}

export interface ConnectOptions {
	/** The line the server must answer the client's first line with, before anything else. */
	readonly greeting?: string;
}

type Waiter = {
	readonly resolve: (line: string) => void;
	readonly reject: (error: Error) => void;
	readonly timer: NodeJS.Timeout;
};

export class TcpClient {
	/** Every line received, consumed or not. */
	readonly received: string[] = [];
	/** Resolves when the server closed the connection (or it failed). */
	readonly closed: Promise<void>;
	private readonly queue: string[] = [];
	private partial: Buffer = Buffer.alloc(0);
	private waiter: Waiter | undefined;
	private failure: Error | undefined;
	private isClosed = false;
	/** Whether the client has sent anything yet. */
	private spoken = false;
	/** The greeting still to come; undefined once it came, or when none is expected. */
	private greeting: string | undefined;

	private constructor(
		readonly socket: Socket,
		greeting: string | undefined,
	) {
		this.greeting = greeting;
		socket.setNoDelay(true);
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
		// A reset is how some tests end; it is not a failure of the server's output.
		socket.on('error', () => {});
		this.closed = new Promise((resolve) =>
			socket.once('close', () => {
				this.isClosed = true;
				this.settle();
				resolve();
			}),
		);
	}

	static connect(port: number, options: ConnectOptions = {}): Promise<TcpClient> {
		return new Promise((resolve, reject) => {
			const socket = net.connect({host: '127.0.0.1', port});
			socket.once('error', reject);
			socket.once('connect', () => {
				socket.off('error', reject);
				resolve(new TcpClient(socket, options.greeting));
			});
		});
	}

	/** The same over TLS, trusting `ca` (the test's self-signed certificate) for localhost. */
	static connectTls(port: number, options: ConnectOptions & {ca: Buffer}): Promise<TcpClient> {
		return new Promise((resolve, reject) => {
			const socket = tls.connect({host: '127.0.0.1', port, ca: options.ca, servername: 'localhost'});
			socket.once('error', reject);
			socket.once('secureConnect', () => {
				socket.off('error', reject);
				resolve(new TcpClient(socket, options.greeting));
			});
		});
	}

	/** Sends one line, LF added. */
	send(line: string): void {
		this.spoken = true;
		this.socket.write(line + '\n');
	}

	/** Sends bytes exactly as given; resolves once they are handed to the kernel. */
	sendRaw(bytes: Buffer | string): Promise<void> {
		this.spoken = true;
		return new Promise((resolve, reject) => {
			this.socket.write(bytes, (error) => (error ? reject(error) : resolve()));
		});
	}

	/** The next line, whatever it is. */
	next(): Promise<string> {
		const line = this.queue.shift();
		if (line !== undefined) {
			return Promise.resolve(line);
		}

		if (this.failure) {
			return Promise.reject(this.failure);
		}

		if (this.isClosed) {
			return Promise.reject(new Error(`The connection closed; lines so far:\n${this.transcript()}`));
		}

		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiter = undefined;
				reject(new Error(`No line within ${HANG_MS} ms; lines so far:\n${this.transcript()}`));
			}, HANG_MS);
			this.waiter = {resolve, reject, timer};
		});
	}

	/** Lines up to and including the first that matches; returns them all, the match last. */
	async until(match: (line: string) => boolean): Promise<string[]> {
		const lines: string[] = [];
		// Bounded: a run of lines longer than any test produces means the match never comes.
		for (let count = 0; count < 100_000; count++) {
			const line = await this.next();
			lines.push(line);
			if (match(line)) {
				return lines;
			}
		}

		throw new Error('No matching line in 100000 lines');
	}

	/** Sends a command and collects everything up to its outcome (the next OK or ERR line). */
	async command(line: string): Promise<Reply> {
		this.send(line);
		const lines = await this.until(isOutcome);
		const outcome = lines.pop()!;
		return {lines, outcome};
	}

	/** Lines received but not yet consumed. */
	unread(): string[] {
		return [...this.queue];
	}

	/** Stops reading, so the server's writes back up (a slow consumer). */
	pause(): void {
		this.socket.pause();
	}

	resume(): void {
		this.socket.resume();
	}

	end(): void {
		this.socket.end();
	}

	destroy(): void {
		this.socket.destroy();
	}

	private receive(chunk: Buffer): void {
		if (chunk.includes(CR)) {
			this.fail(new Error(`The server sent a CR byte; lines so far:\n${this.transcript()}`));
		}

		let data = this.partial.length > 0 ? Buffer.concat([this.partial, chunk]) : chunk;
		let newline = data.indexOf(LF);
		while (newline !== -1) {
			this.take(data.subarray(0, newline));
			data = data.subarray(newline + 1);
			newline = data.indexOf(LF);
		}

		this.partial = Buffer.from(data);
	}

	private take(bytes: Buffer): void {
		let line: string;
		try {
			line = utf8.decode(bytes);
		} catch {
			this.fail(new Error(`The server sent invalid UTF-8: ${bytes.toString('hex')}`));
			return;
		}

		this.received.push(line);
		try {
			parseServerLine(line);
		} catch (error) {
			this.fail(new Error(`protocol/ cannot parse a server line: ${(error as Error).message}`));
			return;
		}

		if (this.greeting !== undefined) {
			this.greeted(line);
			return;
		}

		this.queue.push(line);
		this.settle();
	}

	/** The first line from a server that greets: it must come after the client's first, and be the greeting. */
	private greeted(line: string): void {
		if (!this.spoken) {
			this.fail(new Error(`The server spoke before the client's first line: ${line}`));
		} else if (line === this.greeting) {
			this.greeting = undefined;
		} else {
			this.fail(new Error(`Expected the greeting first, got: ${line}; expected: ${this.greeting}`));
		}
	}

	private fail(error: Error): void {
		this.failure ??= error;
		this.settle();
	}

	private settle(): void {
		const waiter = this.waiter;
		if (!waiter) {
			return;
		}

		if (this.failure) {
			this.waiter = undefined;
			clearTimeout(waiter.timer);
			waiter.reject(this.failure);
			return;
		}

		const line = this.queue.shift();
		if (line !== undefined) {
			this.waiter = undefined;
			clearTimeout(waiter.timer);
			waiter.resolve(line);
			return;
		}

		if (this.isClosed) {
			this.waiter = undefined;
			clearTimeout(waiter.timer);
			waiter.reject(new Error(`The connection closed; lines so far:\n${this.transcript()}`));
		}
	}

	private transcript(): string {
		return this.received.map((line) => `  < ${line}`).join('\n') || '  (none)';
	}
}

/** An OK or ERR line, tagged (`@id=k1 OK ...`) or not. */
export function isOutcome(line: string): boolean {
	const {rest} = splitTags(line);
	return rest.startsWith('OK ') || rest.startsWith('ERR ');
}
