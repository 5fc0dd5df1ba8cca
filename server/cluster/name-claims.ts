/**
 * Names held cluster-wide, in a KV bucket (`chat-names` for guests' names, `chat-groups`
 * for groups'): a name is claimed with KV create(), which succeeds for exactly one
 * writer when several race for the same key, so two nodes registering the same name at
 * the same instant cannot both win. The value
 * is the node holding it; a name held by a node that is no longer alive (no heartbeat)
 * is taken over with a compare-and-set update, so a dead node's guests hold nothing.
 */
import type {KV} from '@nats-io/kv';

export const NAMES_BUCKET = 'chat-names';

/** KV keys allow [-/_=.a-zA-Z0-9]: names of any script go in as the hex of their UTF-8. */
export function nameClaimKey(key: string): string {
	return Buffer.from(key, 'utf8').toString('hex');
}

export class NameClaims {
	constructor(
		private readonly kv: KV,
		private readonly node: string,
		/** Whether a node is alive (heard from within the heartbeat deadline). */
		private readonly alive: (node: string) => boolean,
	) {}

	/** True when this node now holds the name; false when a live node holds it. Throws when NATS cannot say. */
	async claim(key: string): Promise<boolean> {
		const claimKey = nameClaimKey(key);
		try {
			await this.kv.create(claimKey, this.node);
			return true;
		} catch (error) {
			const entry = await this.kv.get(claimKey);
			if (!entry) {
				throw error;
			}

			const owner = entry.string();
			if (entry.operation === 'PUT' && owner !== this.node && this.alive(owner)) {
				return false;
			}

			try {
				// Exactly one of several nodes taking over the same stale claim wins here too.
				await this.kv.update(claimKey, this.node, entry.revision);
				return true;
			} catch {
				return false;
			}
		}
	}

	/** Lets the name go, if this node holds it. */
	async release(key: string): Promise<void> {
		const claimKey = nameClaimKey(key);
		const entry = await this.kv.get(claimKey);
		if (entry?.operation === 'PUT' && entry.string() === this.node) {
			await this.kv.delete(claimKey, {previousSeq: entry.revision});
		}
	}
}
