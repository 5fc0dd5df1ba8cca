/**
 * Load-generator clients: one TCP connection each. Lines are framed and read straight
 * from the bytes, with no string per line on the hot path: a MSG line is handed on as
 * the read buffer and the offsets of its text, presence events are counted by their
 * first bytes, and only the rare other lines (OK, ERR, BYE...) become strings. The
 * generator shares the machine with the server it measures: every nanosecond it spends
 * per line is one the server does not get, and one it cannot deliver lines faster than.
 */
import net from 'node:net';
import {MAX_SERVER_LINE_BYTES} from '../../protocol/index.js';
import {nowUs} from '../measure/latency.js';
import {CHAT, type Dialect} from './dialect.js';

/** Where a client's MSG lines and message acks go during a phase. */
export interface MessageSink {
	/**
	 * A `MSG <id> <time> <group> <from> <text>` line: its text is `bytes[textStart..end)`
	 * (ASCII in the bench). The bytes are only valid during the call.
	 */
	msg(client: BenchClient, bytes: Buffer, textStart: number, end: number): void;
	// IRC's `:<nick>!<user>@<host> PRIVMSG #lobby :<text>` comes here the same way.
	/** An `OK MESSAGE ...` line: the server accepted one of this client's messages (chat's dialect only). */
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
 * are framed at once (an unfinished line is copied out), which saves the stream
 * machinery and a Buffer per chunk.
 */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const COLON = 0x3a;
/** `PRIVMSG ` after an IRC line's prefix. */
const PRIVMSG = Buffer.from('PRIVMSG ');
const CODE_M = 0x4d;
const CODE_S = 0x53;
const CODE_G = 0x47;
const CODE_O = 0x4f;
const CODE_N = 0x4e;
const CODE_F = 0x46;
const CODE_K = 0x4b;

/** Offset of the text of a MSG line in `bytes[start..end)` (after its 5th space), or -1. */
export function msgTextStart(bytes: Buffer | Uint8Array, start: number, end: number): number {
	let spaces = 0;
	for (let position = start + 3; position < end; position++) {
		if (bytes[position] === SPACE && ++spaces === 5) {
			return position + 1;
		}
	}

	return -1;
}

export class BenchClient {
	/** Called by the socket's `onread` with bytes in the shared read buffer. */
	readonly received = (bytes: number): boolean => {
		this.arrivedUs = nowUs();
		this.frame(READ_BUFFER, bytes);
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
	/** The start of a line whose LF has not arrived yet (a copy). */
	private partial: Buffer | undefined;
	/** Dropping the rest of a line longer than any server line may be. */
	private discarding = false;
	private registration: {resolve(): void; reject(error: Error): void} | undefined;

	constructor(
		readonly index: number,
		readonly name: string,
		readonly socket: net.Socket,
		readonly dialect: Dialect = CHAT,
	) {
		socket.on('close', () => {
			this.closed = true;
			this.registration?.reject(new Error(`${name}: connection closed before registration`));
		});
		socket.on('error', () => {
			// 'close' follows; losses show in the counts.
		});
	}

	/** Frames `buffer[0..length)`: whole lines are handled in place, the unfinished one kept. */
	frame(buffer: Buffer, length: number): void {
		let start = 0;
		if (this.discarding) {
			const newline = buffer.indexOf(LF, 0);
			if (newline === -1 || newline >= length) {
				return;
			}

			this.discarding = false;
			start = newline + 1;
		} else if (this.partial !== undefined) {
			const newline = buffer.indexOf(LF, 0);
			if (newline === -1 || newline >= length) {
				this.keep(buffer, 0, length);
				return;
			}

			const line = Buffer.concat([this.partial, buffer.subarray(0, newline)]);
			this.partial = undefined;
			this.lineAt(line, 0, line.length);
			start = newline + 1;
		}

		while (start < length) {
			const newline = buffer.indexOf(LF, start);
			if (newline === -1 || newline >= length) {
				this.keep(buffer, start, length);
				return;
			}

			this.lineAt(buffer, start, newline);
			start = newline + 1;
		}
	}

	private keep(buffer: Buffer, start: number, end: number): void {
		const piece = Buffer.from(buffer.subarray(start, end));
		this.partial = this.partial === undefined ? piece : Buffer.concat([this.partial, piece]);
		if (this.partial.length > MAX_SERVER_LINE_BYTES) {
			// A server line this long breaks the protocol: count it, drop it to its LF.
			this.partial = undefined;
			this.discarding = true;
			this.counts.other++;
		}
	}

	/** One line, `bytes[start..end)` without its LF. */
	private lineAt(bytes: Buffer, start: number, end: number): void {
		if (this.dialect.name === 'irc') {
			this.ircLineAt(bytes, start, bytes[end - 1] === CR ? end - 1 : end);
			return;
		}

		const first = bytes[start];
		if (first === CODE_M && bytes[start + 1] === CODE_S && bytes[start + 2] === CODE_G && bytes[start + 3] === SPACE) {
			this.counts.msg++;
			const textStart = msgTextStart(bytes, start, end);
			if (textStart !== -1) {
				this.sink?.msg(this, bytes, textStart, end);
			}

			return;
		}

		if (first === CODE_O) {
			const second = bytes[start + 1];
			if (second === CODE_N || (second === CODE_F && bytes[start + 2] === CODE_F)) {
				// ONLINE / OFFLINE: counted, not read.
				this.counts.presence++;
				return;
			}

			if (second === CODE_K && bytes[start + 3] === CODE_M && bytes[start + 4] === 0x45 /* E */) {
				// OK MESSAGE
				this.counts.ack++;
				this.sink?.ack?.(this);
				return;
			}
		}

		this.line(bytes.toString('utf8', start, end));
	}

	/**
	 * One IRC line without its CR LF. A PRIVMSG is read in place (its text follows the
	 * prefix, the command, the channel and a colon); JOIN, PART and QUIT (IRC's
	 * presence) are counted by their first bytes; the rest become strings.
	 */
	private ircLineAt(bytes: Buffer, start: number, end: number): void {
		if (bytes[start] === COLON) {
			let space = start + 1;
			while (space < end && bytes[space] !== SPACE) {
				space++;
			}

			const command = space + 1;
			if (
				end - command > PRIVMSG.length &&
				bytes.compare(PRIVMSG, 0, PRIVMSG.length, command, command + PRIVMSG.length) === 0
			) {
				let channelEnd = command + PRIVMSG.length;
				while (channelEnd < end && bytes[channelEnd] !== SPACE) {
					channelEnd++;
				}

				this.counts.msg++;
				if (bytes[channelEnd + 1] === COLON) {
					this.sink?.msg(this, bytes, channelEnd + 2, end);
				}

				return;
			}

			const first = bytes[command];
			if (
				(first === 0x4a /* J */ && bytes[command + 1] === CODE_O) ||
				(first === 0x50 /* P */ && bytes[command + 1] === 0x41) /* A */ ||
				(first === 0x51 /* Q */ && bytes[command + 1] === 0x55) /* U */
			) {
				this.counts.presence++;
				return;
			}
		}

		this.ircLine(bytes.toString('utf8', start, end));
	}

	/** IRC's rare lines: the end of the JOIN (registered), PING, refusals, ERROR. */
	private ircLine(text: string): void {
		if (text.startsWith('PING ')) {
			this.socket.write(`PONG ${text.slice(5)}\r\n`);
			return;
		}

		if (text.startsWith('ERROR ')) {
			this.bye = text;
			this.counts.other++;
			return;
		}

		// `:<server> <numeric> <nick> ...`
		const numeric = /^:\S+ (\d{3}) /.exec(text)?.[1];
		if (numeric === '366') {
			this.registration?.resolve();
			this.registration = undefined;
			return;
		}

		if (numeric !== undefined && (numeric.startsWith('4') || numeric.startsWith('5'))) {
			this.counts.err++;
			if (this.errors.length < 5) {
				this.errors.push(text);
			}

			// 43x: the nick was refused; 47x: the channel was.
			this.registration?.reject(new Error(`${this.name}: ${text}`));
			this.registration = undefined;
			return;
		}

		this.counts.other++;
	}

	/** The rare lines: as text. */
	private line(text: string): void {
		if (text.startsWith('OK SET_NAME ')) {
			this.registration?.resolve();
			this.registration = undefined;
			return;
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

	/** Registers (SET_NAME; on IRC NICK, USER and JOIN) and resolves once the server has said yes. */
	register(timeoutMs: number): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`${this.name}: no OK SET_NAME within ${timeoutMs} ms`)),
				timeoutMs,
			);
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
			this.socket.write(this.dialect.register(this.name));
		});
	}
}

function connectOne(
	port: number,
	index: number,
	name: string,
	timeoutMs: number,
	dialect: Dialect,
): Promise<BenchClient> {
	return new Promise((resolve, reject) => {
		let client: BenchClient | undefined = undefined;
		const socket = net.connect({
			host: '127.0.0.1',
			port,
			noDelay: true,
			onread: {buffer: READ_BUFFER, callback: (bytes) => client!.received(bytes)},
		});
		client = new BenchClient(index, name, socket, dialect);
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
	/** The server's language (chat's by default). */
	readonly dialect?: Dialect;
	/** The port of each client by index, when they are spread over several servers (a cluster's nodes). */
	readonly portOf?: (index: number) => number;
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
				client = await connectOne(
					options.portOf?.(index) ?? options.port,
					index,
					`${options.prefix}${index}`,
					timeoutMs,
					options.dialect ?? CHAT,
				);
				const left =
					options.deadline === undefined
						? timeoutMs
						: Math.max(1, Math.min(timeoutMs, options.deadline - performance.now()));
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
export function totalCounts(
	clients: readonly BenchClient[],
): ClientCounts & {closed: number; byes: string[]; errors: string[]} {
	const total = {
		msg: 0,
		ack: 0,
		presence: 0,
		err: 0,
		other: 0,
		closed: 0,
		byes: [] as string[],
		errors: [] as string[],
	};
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
