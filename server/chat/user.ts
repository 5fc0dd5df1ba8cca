/**
 * A user on the chat: a name in exactly one group, and the connections it is online
 * on. A guest holds its name through one connection; an account through any number,
 * and stays a member of its group (offline) when it has none.
 */
import type {Group} from './group.js';
import {PeerSet} from './peer-set.js';

export class User {
	/** Every connection the user is online on; empty for an account that is offline. */
	readonly peers = new PeerSet();

	constructor(
		/** As registered (a guest) or created (an account): how every line shows it. */
		readonly name: string,
		/** nameKey(name): what names are compared and sorted by. */
		readonly key: string,
		public group: Group,
		/**
		 * The guest's session token: its DMs are stored with it, so a guest who takes the
		 * name later never reads them. Undefined for an account, whose DMs are the account's.
		 */
		public session: string | undefined,
	) {}

	/** Whether the name is an account (held for its owner) rather than a guest's. */
	get isAccount(): boolean {
		return this.session === undefined;
	}

	get online(): boolean {
		return this.peers.size > 0;
	}
}
