/**
 * A group: a name and the users in it. Groups live as long as the server, empty or not.
 */
import type {User} from './user.js';

export class Group {
	readonly members = new Set<User>();

	constructor(
		/** As created: this is how every line shows it. */
		readonly name: string,
		/** nameKey(name). */
		readonly key: string,
	) {}

	/** Members in a stable order, for listings. */
	sortedMembers(): User[] {
		return sortUsers(this.members);
	}
}

export function sortUsers(users: Iterable<User>): User[] {
	return [...users].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
