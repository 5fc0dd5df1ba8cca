/**
 * A group: a name, the users in it who are online, and the accounts in it who are
 * offline (they get its messages at their next login). Groups live as long as the
 * server; those with account members are stored and come back after a restart.
 */
import type {User} from './user.js';

export class Group {
	/** Online users in the group. Changed only through join() and leave(). */
	private online = new Set<User>();
	/**
	 * Whether a delivery waiting for its commit holds the current set (snapshot()): the next
	 * join or leave then copies it first, so that delivery still reaches exactly those who
	 * were members when it was sent. Copying on the rare change, not on every message.
	 */
	private pinned = false;
	/** Offline accounts in the group, by key, with their names as created. */
	readonly offline = new Map<string, string>();

	constructor(
		/** As created: this is how every line shows it. */
		readonly name: string,
		/** nameKey(name). */
		readonly key: string,
	) {}

	get members(): ReadonlySet<User> {
		return this.online;
	}

	/** The members as they are now, unchanged by later joins and leaves: for a delivery made after the commit. */
	snapshot(): ReadonlySet<User> {
		this.pinned = true;
		return this.online;
	}

	join(user: User): void {
		this.unpin();
		this.online.add(user);
	}

	leave(user: User): void {
		this.unpin();
		this.online.delete(user);
	}

	private unpin(): void {
		if (this.pinned) {
			this.online = new Set(this.online);
			this.pinned = false;
		}
	}

	/** Online members in a stable order, for listings. */
	sortedMembers(): User[] {
		return sortUsers(this.members);
	}
}

export function sortUsers(users: Iterable<User>): User[] {
	return [...users].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
