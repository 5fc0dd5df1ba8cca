/**
 * Client message ids already delivered, per user name, each with the reply it got. A
 * client that lost its connection before reading an OK resends the message with the
 * same `@id`; it must not be delivered twice, and the client must get the OK it missed.
 * Keyed by name, not connection, because the resend comes on the next connection.
 *
 * Bounded three ways: the last `perUser` ids of each user; a user's ids are forgotten
 * `forgetAfterMs` after they leave (unless they come back first); and at most
 * `maxAbsent` users who left are remembered at all, the longest gone forgotten first.
 */

export interface SentIdsOptions {
	readonly perUser: number;
	readonly forgetAfterMs: number;
	readonly maxAbsent: number;
	readonly now: () => number;
}

export const DEFAULT_SENT_IDS: Omit<SentIdsOptions, 'now'> = {
	perUser: 1000,
	forgetAfterMs: 10 * 60 * 1000,
	maxAbsent: 10_000,
};

export class SentIds<Reply> {
	private readonly byUser = new Map<string, Map<string, Reply>>();
	/** User key -> when they left; Map order is the order they left in. */
	private readonly absent = new Map<string, number>();
	private readonly options: SentIdsOptions;

	constructor(options: Partial<SentIdsOptions> = {}) {
		this.options = {...DEFAULT_SENT_IDS, now: Date.now, ...options};
	}

	/** How many users have ids remembered, for tests. */
	get users(): number {
		return this.byUser.size;
	}

	/** The reply the message sent under `id` got, if it was delivered and is still remembered. */
	recall(user: string, id: string): Reply | undefined {
		return this.byUser.get(user)?.get(id);
	}

	remember(user: string, id: string, reply: Reply): void {
		let ids = this.byUser.get(user);
		if (!ids) {
			ids = new Map();
			this.byUser.set(user, ids);
		}

		ids.set(id, reply);
		if (ids.size > this.options.perUser) {
			// Map order is insertion order: the first key is the oldest id.
			ids.delete(ids.keys().next().value!);
		}
	}

	/** The message sent under `id` was not kept after all (its commit failed): a resend is a new send. */
	forget(user: string, id: string): void {
		this.byUser.get(user)?.delete(id);
	}

	/** The user has left; their ids are forgotten after a while unless they return. */
	left(user: string): void {
		if (this.byUser.has(user)) {
			this.absent.delete(user);
			this.absent.set(user, this.options.now());
		}

		this.sweep();
	}

	/** The user is back (registered again): their ids are kept. */
	returned(user: string): void {
		this.absent.delete(user);
		this.sweep();
	}

	private sweep(): void {
		const now = this.options.now();
		for (const [user, since] of this.absent) {
			if (now - since < this.options.forgetAfterMs && this.absent.size <= this.options.maxAbsent) {
				return;
			}

			this.absent.delete(user);
			this.byUser.delete(user);
		}
	}
}
