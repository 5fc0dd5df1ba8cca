/** One conversation the client has open: a group's or one DM partner's, with what it shows. */
import type {ConversationKey, ConversationKind} from './conversation-key.js';
import type {EntryList} from './entries.js';

export interface Conversation {
	readonly key: ConversationKey;
	readonly kind: ConversationKind;
	/** The group or user name as the server spells it. */
	readonly title: string;
	readonly entries: EntryList;
	/** Messages received since the user last looked at this conversation. */
	readonly unread: number;
}
