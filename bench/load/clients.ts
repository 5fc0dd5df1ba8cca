/**
 * Load-generator clients: one TCP connection each, lines framed with the protocol's
 * LineFramer, and only as much string work per line as the bench needs (the first
 * character picks the kind; MSG lines are handed on with the offset of their text).
 * Presence events (ONLINE/OFFLINE...) are counted and dropped.
 */
import net from 'node:net';
import {LineFramer, MAX_SERVER_LINE_BYTES, type LineSink} from '../../protocol/index.js';
import {nowUs} from '../measure/latency.js';

/** Where a client's MSG lines and message acks go during a phase. */
export interface MessageSink {
	/** A `MSG <id> <time> <group> <from> <text>` line; `textStart` is where its text begins. */
	msg(client: BenchClient, line: string, textStart: number): void;
	/** An `OK MESSAGE ...` line: the server accepted one of this client's messages. */
	ack?(client: BenchClient): void;
}

export interface ClientCounts {
	msg: number;
	ack: number;
	presence: number;
	err: number;
	other: number;
}

/**
 * One read buffer for every client: sockets read with `onread` into it and the bytes
 * are framed at once (LineFramer copies what it keeps of an unfinished line), which
 * saves the stream machinery and a Buffer per chunk: the generator must cost less
 * than the server it measures.
 */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

const CODE_M = 0x4d;
const CODE_O = 0x4f;

/** Offset of the text of a MSG line (after 5 spaces), or -1. */
export function msgTextStart(line: string): number {
	let position = 3;
	for (let k = 0; k < 4; k++) {
		position = line.indexOf(' ', position + 1);
		if (position === -1) {
			return -1;
		}
	}

	return position + 1;
}

export class BenchClient implements LineSink {
	readonly framer = new LineFramer(MAX_SERVER_LINE_BYTES, this);
	/** Called by the socket's `onread` with bytes in the shared read buffer. */
	readonly received = (bytes: number): boolean => {
		this.arrivedUs = nowUs();
		this.framer.push(READ_BUFFER.subarray(0, bytes));
		return true;
	};
	sink: MessageSink | undefined;
	/** When the chunk being framed was read (µs): every line in it arrived then. */
	arrivedUs = 0;
	readonly counts: ClientCounts = {msg: 0, ack: 0, presence: 0, err: 0, other: 0};
	/** The first few ERR lines, for the report. */
	readonly errors: string[] = [];
	bye: string | undefined;
	closed = false;
	private registration: {resolve(): void; reject(error: Error): void} | undefined;

	constructor(
		readonly index: number,
		readonly name: string,
		readonly socket: net.Socket,
	) {
		socket.on('close', () => {
			this.closed = true;
			this.registration?.reject(new Error(`${name}: connection closed before registration`));
		});
		socket.on('error', () => {
			// 'close' follows; losses show in the counts.
		});
	}

	line(text: string): void {
		const first = text.charCodeAt(0);
		if (first === CODE_M && text.startsWith('MSG ')) {
			this.counts.msg++;
			const start = msgTextStart(text);
			if (start !== -1) {
				this.sink?.msg(this, text, start);
			}

			return;
		}

		if (first === CODE_O) {
			if (text.startsWith('OK MESSAGE ')) {
				this.counts.ack++;
				this.sink?.ack?.(this);
				return;
			}

			if (text.startsWith('ONLINE ') || text.startsWith('OFFLINE ')) {
				this.counts.presence++;
				return;
			}

			if (text.startsWith('OK SET_NAME ')) {
				this.registration?.resolve();
				this.registration = undefined;
				return;
			}
		}

		if (text.startsWith('ERR ')) {
			this.counts.err++;
			if (this.errors.length < 5) {
				this.errors.push(text);
			}

			if (text.includes(' SET_NAME ')) {
				this.registration?.reject(new Error(`${this.name}: ${text}`));
				this.registration = undefined;
			}

			return;
		}

		if (text.startsWith('BYE ')) {
			this.bye = text;
		}

		this.counts.other++;
	}

	tooLong(): void {
		this.counts.other++;
	}

	invalidUtf8(): void {
		this.counts.other++;
	}

	/** Sends SET_NAME and resolves on `OK SET_NAME`. */
	register(timeoutMs: number): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`${this.name}: no OK SET_NAME within ${timeoutMs} ms`)), timeoutMs);
			this.registration = {
				resolve: () => {
					clearTimeout(timer);
					resolve();
				},
				reject: (error) => {
					clearTimeout(timer);
					reject(error);
				},
			};
			this.socket.write(`SET_NAME ${this.name}\n`);
		});
	}
}

function connectOne(port: number, index: number, name: string, timeoutMs: number): Promise<BenchClient> {
	return new Promise((resolve, reject) => {
		let client: BenchClient | undefined;
		const socket = net.connect({
			host: '127.0.0.1',
			port,
			noDelay: true,
			onread: {buffer: READ_BUFFER, callback: (bytes) => client!.received(bytes)},
		});
		client = new BenchClient(index, name, socket);
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error(`${name}: connect timed out after ${timeoutMs} ms`));
		}, timeoutMs);
		socket.once('error', (error) => {
			clearTimeout(timer);
			reject(new Error(`${name}: ${error.message}`));
		});
		socket.once('connect', () => {
			clearTimeout(timer);
			resolve(client!);
		});
	});
}

export interface ConnectOptions {
	readonly port: number;
	/** Index of the first client; names are `<prefix><index>`. */
	readonly from: number;
	readonly count: number;
	readonly prefix: string;
	/** Connections opened and registering at once. */
	readonly concurrency?: number;
	readonly timeoutMs?: number;
	/** Absolute deadline (performance.now() ms) for the whole batch. */
	readonly deadline?: number;
}

export interface ConnectResult {
	/** The clients registered (all of them unless `error` is set). */
	readonly clients: BenchClient[];
	/** Clients opened but not registered when the batch stopped: destroy them too. */
	readonly unregistered: BenchClient[];
	readonly error: Error | undefined;
}

/**
 * Opens and registers `count` clients, `concurrency` at a time. Never throws: on a
 * failure or the deadline it stops opening more and says so in `error`; the caller
 * destroys the clients (after stopping the server, so it does not announce each one
 * leaving to all the others).
 */
export async function connectClients(options: ConnectOptions): Promise<ConnectResult> {
	const registered: BenchClient[] = [];
	const unregistered: BenchClient[] = [];
	const timeoutMs = options.timeoutMs ?? 30_000;
	let next = 0;
	let failure: Error | undefined;
	const worker = async () => {
		while (next < options.count && failure === undefined) {
			const slot = next++;
			const index = options.from + slot;
			if (options.deadline !== undefined && performance.now() > options.deadline) {
				failure ??= new Error(`deadline passed with ${registered.length} of this batch's ${options.count} registered`);
				return;
			}

			let client: BenchClient | undefined;
			try {
				client = await connectOne(options.port, index, `${options.prefix}${index}`, timeoutMs);
				const left = options.deadline === undefined ? timeoutMs : Math.max(1, Math.min(timeoutMs, options.deadline - performance.now()));
				await client.register(left);
				registered.push(client);
			} catch (error) {
				if (client) {
					unregistered.push(client);
				}

				failure ??= error as Error;
			}
		}
	};

	const workers = Array.from({length: Math.min(options.concurrency ?? 100, options.count)}, worker);
	await Promise.all(workers);
	// Registration order is not index order; senders are picked by index.
	registered.sort((a, b) => a.index - b.index);
	return {clients: registered, unregistered, error: failure};
}

export function destroyClients(clients: readonly BenchClient[]): void {
	for (const client of clients) {
		client?.socket.destroy();
	}
}

/** Sums the counts of many clients. */
export function totalCounts(clients: readonly BenchClient[]): ClientCounts & {closed: number; byes: string[]; errors: string[]} {
	const total = {msg: 0, ack: 0, presence: 0, err: 0, other: 0, closed: 0, byes: [] as string[], errors: [] as string[]};
	for (const client of clients) {
		total.msg += client.counts.msg;
		total.ack += client.counts.ack;
		total.presence += client.counts.presence;
		total.err += client.counts.err;
		total.other += client.counts.other;
		total.closed += client.closed ? 1 : 0;
		if (client.bye !== undefined && total.byes.length < 5) {
			total.byes.push(`${client.name}: ${client.bye}`);
		}

		for (const error of client.errors) {
			if (total.errors.length < 5) {
				total.errors.push(`${client.name}: ${error}`);
			}
		}
	}

	return total;
}
