/**
 * A Peer that keeps what it is sent, for testing the chat and the commands without
 * sockets.
 */
import type {Peer} from '../../server/wire/peer.js';
import type {SharedWire} from '../../server/wire/shared-wire.js';

export class MemoryPeer implements Peer {
	/** Every send, as given: one entry per send, so a test can see what was coalesced. */
	readonly sends: string[] = [];
	ended = false;
	private read = 0;

	send(wire: string): void {
		if (!wire.endsWith('\n')) {
			throw new Error(`A send must be whole LF-terminated lines: ${JSON.stringify(wire)}`);
		}

		this.sends.push(wire);
	}

	/** A shared wire is kept as its text, like any other send. */
	sendShared(wire: SharedWire): void {
		this.send(wire.text);
	}

	end(): void {
		this.ended = true;
	}

	/** The lines sent since the last call, without their LF. */
	take(): string[] {
		const fresh = this.sends.slice(this.read);
		this.read = this.sends.length;
		return fresh.join('').split('\n').slice(0, -1);
	}
}
