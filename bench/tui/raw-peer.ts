/**
 * The other end of the conversation: a plain protocol client that registers, sends
 * MESSAGE lines, and counts the MSG lines it receives. Lean on purpose (a few
 * indexOf calls per line, no parsing): it shares the process, and so the CPU figures,
 * with the TUI being measured.
 */
import net from 'node:net';
import {Signal} from './signal.js';

const LF = 0x0a;
const MSG = Buffer.from('MSG ');
const OK_SET_NAME = Buffer.from('OK SET_NAME ');

export class RawPeer {
	/** MSG lines received. */
	messages = 0;
	private registered = false;
	private partial: Buffer = Buffer.alloc(0);
	private readonly progress = new Signal();

	private constructor(private readonly socket: net.Socket) {
		socket.setNoDelay(true);
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
	}

	/** Connected to 127.0.0.1:`port` and registered as `name`. */
	static async connect(port: number, name: string): Promise<RawPeer> {
		const socket = net.connect({host: '127.0.0.1', port});
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		});
		const peer = new RawPeer(socket);
		socket.write(`SET_NAME ${name}\n`);
		await peer.progress.until(() => peer.registered, `${name} to register`);
		return peer;
	}

	send(text: string): void {
		this.socket.write(`MESSAGE ${text}\n`);
	}

	/** Resolves once `count` MSG lines in all have arrived. */
	received(count: number): Promise<void> {
		return this.progress.until(() => this.messages >= count, `MSG number ${count}`);
	}

	close(): void {
		this.socket.destroy();
	}

	private receive(chunk: Buffer): void {
		let data = this.partial.length > 0 ? Buffer.concat([this.partial, chunk]) : chunk;
		let start = 0;
		for (let newline = data.indexOf(LF); newline !== -1; newline = data.indexOf(LF, start)) {
			if (data.subarray(start, start + MSG.length).equals(MSG)) {
				this.messages++;
			} else if (data.subarray(start, start + OK_SET_NAME.length).equals(OK_SET_NAME)) {
				this.registered = true;
			}

			start = newline + 1;
		}

		data = data.subarray(start);
		this.partial = Buffer.from(data);
		this.progress.notify();
	}
}
