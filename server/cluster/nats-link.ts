/**
 * Whether this node's connection to NATS is up, as its status events say: a write is
 * refused at once while it is down (rather than after every retry), and the replica's
 * rebuild and the roster exchange wait for it to come back.
 */
import type {NatsConnection} from '@nats-io/nats-core';

export class NatsLink {
	private connected = true;
	private waiting: Array<() => void> = [];
	private readonly listeners = new Set<() => void>();

	constructor(readonly nc: NatsConnection) {
		void this.watch();
	}

	get up(): boolean {
		return this.connected && !this.nc.isClosed();
	}

	/** Resolves when the connection is up (at once if it is). */
	whenUp(): Promise<void> {
		return this.up ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
	}

	/** Calls `listener` at each reconnect (what was published meanwhile is lost). */
	onReconnect(listener: () => void): void {
		this.listeners.add(listener);
	}

	private async watch(): Promise<void> {
		for await (const status of this.nc.status()) {
			if (status.type === 'disconnect') {
				this.connected = false;
			} else if (status.type === 'reconnect') {
				this.connected = true;
				const waiting = this.waiting;
				this.waiting = [];
				for (const resolve of waiting) {
					resolve();
				}

				for (const listener of this.listeners) {
					listener();
				}
			}
		}
	}
}
