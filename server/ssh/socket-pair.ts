/**
 * Two connected in-process sockets: what one writes, the other reads. An SSH session's
 * client (the TUI, running in the server process) holds one end, the edge the other, so
 * the session's lines go through the same framing, limits, keepalive and commands as a
 * TCP client's, without a loopback port (which would count every SSH user as 127.0.0.1,
 * need a TLS client when the port speaks TLS, and leave the verified account nothing to
 * ride on).
 *
 * Each end has what the edge and the client's connection ask of a net.Socket: the
 * address it is "from" (the SSH client's, for the per-address limit and the log),
 * no-op socket options, a 'connect' event, and the close of a TCP connection: ending
 * one end ends the other's reading (no half-open pair), destroying one destroys the
 * other. Backpressure is real: a write is done only once the other end has room, so
 * writableLength (the edge's slow-consumer measure) counts what the reader has not taken.
 *
 * Bytes arrive on a later turn of the event loop, as from a socket, never inside the
 * write that sent them: the client and the edge were written for a network between
 * them, and a reply delivered inside the call that asked for it would re-enter code
 * that is still busy with the question (the client's reducer lost screen updates so).
 */
import type {Socket} from 'node:net';
import {Duplex} from 'node:stream';

export interface PairAddress {
	readonly address: string;
	readonly port: number;
}

export class PairSocket extends Duplex {
	/** The other end. */
	peer: PairSocket | undefined;
	/** A write waiting for the other end to read (its push said it was full). */
	private pendingWrite: (() => void) | undefined;

	constructor(
		/** Whom this end appears to be connected to. */
		readonly remote: PairAddress,
	) {
		// Not half-open: like a TCP socket here, an end that has read everything stops writing too.
		super({allowHalfOpen: false});
	}

	get remoteAddress(): string {
		return this.remote.address;
	}

	get remotePort(): number {
		return this.remote.port;
	}

	// Socket options mean nothing in-process.
	setNoDelay(): this {
		return this;
	}

	setKeepAlive(): this {
		return this;
	}

	/** No idle timer: the only way an in-process end goes silent is its owner stopping, which closes it. */
	setTimeout(): this {
		return this;
	}

	override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
		setImmediate(() => this.deliver(chunk, callback));
	}

	/** Writes that queued up while one was on its way go over as one chunk, as a socket would coalesce them. */
	override _writev(
		chunks: Array<{chunk: Buffer; encoding: BufferEncoding}>,
		callback: (error?: Error | null) => void,
	): void {
		const chunk = chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((entry) => entry.chunk));
		setImmediate(() => this.deliver(chunk, callback));
	}

	private deliver(chunk: Buffer, callback: (error?: Error | null) => void): void {
		const peer = this.peer;
		if (!peer || peer.destroyed) {
			callback();
			return;
		}

		if (peer.push(chunk)) {
			callback();
		} else {
			this.pendingWrite = callback;
		}
	}

	override _read(): void {
		// This end has room again: the other end's waiting write is done.
		const waiting = this.peer?.pendingWrite;
		if (waiting && this.peer) {
			this.peer.pendingWrite = undefined;
			waiting();
		}
	}

	override _final(callback: (error?: Error | null) => void): void {
		// After every write (_final waits for them): the end comes after the last bytes.
		setImmediate(() => {
			this.peer?.push(null);
			callback();
		});
	}

	override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		const peer = this.peer;
		this.peer = undefined;
		const waiting = this.pendingWrite;
		this.pendingWrite = undefined;
		waiting?.();
		if (peer && !peer.destroyed) {
			peer.peer = undefined;
			// The other end sees its connection drop, as after a reset.
			peer.destroy();
		}

		callback(error);
	}
}

/**
 * A connected pair: `client` appears connected to the server, `server` to `from`. The
 * client end emits 'connect' on the next turn, as a socket does once connected.
 */
export function socketPair(from: PairAddress, server: PairAddress): {client: Socket; server: Socket} {
	const clientEnd = new PairSocket(server);
	const serverEnd = new PairSocket(from);
	clientEnd.peer = serverEnd;
	serverEnd.peer = clientEnd;
	process.nextTick(() => {
		if (!clientEnd.destroyed) {
			clientEnd.emit('connect');
		}
	});
	// Only the members above are ever used; the casts say that these ends stand where sockets do.
	return {client: clientEnd as unknown as Socket, server: serverEnd as unknown as Socket};
}
