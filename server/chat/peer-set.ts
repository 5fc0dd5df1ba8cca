/**
 * The connections of one user, as one Peer: an account may be logged in from a phone
 * and a terminal at once, and each gets everything sent to the account. A guest's set
 * holds its one connection.
 *
 * Nearly every user has exactly one connection, so that one is held as it is and a Set
 * is made only for a second: a group message is handed to every member's set, and
 * going through a Set's iterator for the one connection was the member loop's largest
 * cost; a Set per user was also most of a user's memory.
 */
import type {Peer} from '../wire/peer.js';
import type {SharedWire} from '../wire/shared-wire.js';

export class PeerSet implements Peer {
	/** The connection, while there is at most one. */
	private only: Peer | undefined;
	/** The connections, in the order they came, while there are two or more. */
	private many: Set<Peer> | undefined;

	get size(): number {
		return this.many ? this.many.size : this.only ? 1 : 0;
	}

	add(peer: Peer): void {
		if (this.many) {
			this.many.add(peer);
		} else if (!this.only) {
			this.only = peer;
		} else if (this.only !== peer) {
			this.many = new Set([this.only, peer]);
			this.only = undefined;
		}
	}

	/** Whether the peer was one of the set. */
	delete(peer: Peer): boolean {
		if (!this.many) {
			if (this.only !== peer || !peer) {
				return false;
			}

			this.only = undefined;
			return true;
		}

		const deleted = this.many.delete(peer);
		if (this.many.size === 1) {
			this.only = this.many.values().next().value;
			this.many = undefined;
		}

		return deleted;
	}

	has(peer: Peer): boolean {
		return this.many ? this.many.has(peer) : peer !== undefined && this.only === peer;
	}

	all(): Peer[] {
		return this.many ? [...this.many] : this.only ? [this.only] : [];
	}

	send(wire: string, messages?: number): void {
		if (!this.many) {
			this.only?.send(wire, messages);
			return;
		}

		for (const peer of this.many) {
			peer.send(wire, messages);
		}
	}

	sendShared(wire: SharedWire): void {
		if (!this.many) {
			this.only?.sendShared(wire);
			return;
		}

		for (const peer of this.many) {
			peer.sendShared(wire);
		}
	}

	/** What the user sent from one connection, echoed to the others, so every screen shows the same conversation. */
	sendSharedExcept(wire: SharedWire, except: Peer): void {
		if (!this.many) {
			if (this.only !== except) {
				this.only?.sendShared(wire);
			}

			return;
		}

		for (const peer of this.many) {
			if (peer !== except) {
				peer.sendShared(wire);
			}
		}
	}

	end(): void {
		for (const peer of this.all()) {
			peer.end();
		}
	}
}
