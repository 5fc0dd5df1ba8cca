/**
 * A group: a name, the users in it who are online, and the accounts in it who are
 * offline (they get its messages at their next login). Groups live as long as the
 * server; those with account members are stored and come back after a restart.
 */
import type {User} from './user.js';

export class Group {
	/** Online users in the group. */
	readonly members = new Set<User>();
	/** Offline accounts in the group, by key, with their names as created. */
	readonly offline = new Map<string, string>();

	constructor(
		/** As created: this is how every line shows it. */
		readonly name: string,
		/** nameKey(name). */
		readonly key: string,
	) {}

	/** Online members in a stable order, for listings. */
	sortedMembers(): User[] {
		return sortUsers(this.members);
	}
}

export function sortUsers(users: Iterable<User>): User[] {
	return [...users].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
