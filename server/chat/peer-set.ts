/**
 * The connections of one user, as one Peer: an account may be logged in from a phone
 * and a terminal at once, and each gets everything sent to the account. A guest's set
 * holds its one connection.
 */
import type {Peer} from './peer.js';
import type {SharedWire} from './wire.js';

export class PeerSet implements Peer {
	private readonly peers = new Set<Peer>();

	get size(): number {
		return this.peers.size;
	}

	add(peer: Peer): void {
		this.peers.add(peer);
	}

	/** Whether the peer was one of the set. */
	delete(peer: Peer): boolean {
		return this.peers.delete(peer);
	}

	has(peer: Peer): boolean {
		return this.peers.has(peer);
	}

	all(): Peer[] {
		return [...this.peers];
	}

	send(wire: string): void {
		for (const peer of this.peers) {
			peer.send(wire);
		}
	}

	sendShared(wire: SharedWire): void {
		for (const peer of this.peers) {
			peer.sendShared(wire);
		}
	}

	/** What the user sent from one connection, echoed to the others, so every screen shows the same conversation. */
	sendSharedExcept(wire: SharedWire, except: Peer): void {
		for (const peer of this.peers) {
			if (peer !== except) {
				peer.sendShared(wire);
			}
		}
	}

	end(): void {
		for (const peer of this.peers) {
			peer.end();
		}
	}
}
