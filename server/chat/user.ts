/**
 * A registered user: a name held by one connection, in exactly one group.
 */
import type {Group} from './group.js';
import type {Peer} from '../wire/peer.js';

export class User {
	constructor(
		/** As registered: this is how every line shows it. */
		readonly name: string,
		/** nameKey(name): what names are compared and sorted by. */
		readonly key: string,
		readonly peer: Peer,
		public group: Group,
	) {}
}
