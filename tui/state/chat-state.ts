/** The whole client state: everything the view renders and every decision the reducer needs. */
import type {MessageId} from '../../protocol/index.js';
import {checkName, DEFAULT_GROUP} from '../../protocol/index.js';
import {firstClientIds, type ClientIds} from './client-ids.js';
import type {ConnectionState} from './connection-state.js';
import type {Conversation} from './conversation.js';
import {groupConversation, type ConversationKey} from './conversation-key.js';
import {EMPTY_DIRECTORY, type Directory} from './directory.js';
import type {DmNotice} from './dm-notice.js';
import type {InFlightCommand, Outgoing} from './in-flight-command.js';
import type {MeState} from './me-state.js';
import type {OlderHistory} from './older-history.js';
import type {OutboxItem} from './outbox.js';
import type {RecipientWait} from './recipient-wait.js';
import {PersistentList} from './persistent-list.js';
import {NO_PAGES, type PagesState} from './pages.js';
import type {PasswordPrompt} from './password-prompt.js';
import type {ReadState} from './read-position.js';
import {LIVE, type ScrollState} from './scroll.js';
import type {SearchResults} from './search.js';
import type {UnreadFetch} from './unread.js';

/** A group to get back into after a reconnect; `commands` counts the attempts so a race cannot loop. */
export interface Restoring {
	readonly group: string;
	readonly commands: number;
}

/**
 * Catching up after a reconnect: HISTORY after `after`, the newest id seen before the
 * connection dropped. Kept until the catch-up is complete, so a connection lost in the
 * middle of it starts again from the same place rather than from an id seen since.
 */
export interface Resume {
	readonly after: MessageId;
	/** HISTORY requests sent for it on this connection; bounded, so a confused server cannot loop us. */
	readonly pages: number;
}

/**
 * no: running; confirming: asked to quit with messages not sent yet, asking first
 * (quit.ts); requested: CLOSE sent, waiting for its OK or the socket to close; done:
 * the session may exit.
 */
export type QuitState = 'no' | 'confirming' | 'requested' | 'done';

export interface ChatState {
	readonly connection: ConnectionState;
	readonly me: MeState;
	readonly directory: Directory;
	/** In the order they were opened (next/previous follow the sidebar's order: sidebarOrder). */
	readonly conversations: ReadonlyMap<ConversationKey, Conversation>;
	readonly current: ConversationKey;
	readonly scroll: ScrollState;
	readonly inFlight: readonly InFlightCommand[];
	/** Commands decided but not yet written: the session takes them (takeOutgoing) after each action. */
	readonly outgoing: readonly Outgoing[];
	readonly outbox: readonly OutboxItem[];
	/** Set while the outbox holds messages the server refused for want of recipients (recipient-wait.ts). */
	readonly recipientWait: RecipientWait | undefined;
	readonly restoring: Restoring | undefined;
	/** Where the `@id` of the next message comes from. */
	readonly clientIds: ClientIds;
	/** The newest server message id seen (received, or confirmed as ours): where a reconnect resumes from. */
	readonly lastMessageId: MessageId | undefined;
	readonly resume: Resume | undefined;
	/** The password prompt, when one is up (the sign-in screen's, or /register's). */
	readonly passwordPrompt: PasswordPrompt | undefined;
	/** Paging back through the conversation so far (HISTORY_BEFORE); undefined until the first page is asked for. */
	readonly older: OlderHistory | undefined;
	/** Fetching what the account missed (after UNREAD at login), then marking it. */
	readonly unread: UnreadFetch | undefined;
	/** What the server has been told was read (READ). */
	readonly read: ReadState;
	/** The last /search's matches, which /goto opens. */
	readonly search: SearchResults | undefined;
	/** Bumped for every DM received and every group message naming the user: the view rings on change. */
	readonly bell: number;
	/** Pages to the user on the banner, and what the user sent that is owed receipts. */
	readonly pages: PagesState;
	/** The last DM that arrived while another conversation was on screen, until read or its time is up. */
	readonly dmNotice: DmNotice | undefined;
	/** The help overlay is up (/help; Esc closes it). */
	readonly help: boolean;
	readonly quit: QuitState;
	/** Next entry key. */
	readonly nextKey: number;
}

export interface InitialStateOptions {
	readonly host: string;
	readonly port: number;
	/** From --name; when absent the view asks for one. */
	readonly name?: string | undefined;
	/** Random per session: the start of every client message id (see client-ids.ts). */
	readonly clientIdPrefix: string;
	/** The account's password, for scripts (CHAT_PASSWORD, --password-file): the first SET_NAME logs in with it. */
	readonly password?: string | undefined;
	/** What the status line calls the server instead of host:port (connection-state.ts). */
	readonly shownAs?: string | undefined;
	/** The account the connection is proven to be before it exists (an SSH session's key): SET_NAME with this name logs in without a password. */
	readonly verifiedAccount?: string | undefined;
}

export function createInitialState({
	host,
	port,
	shownAs,
	name,
	clientIdPrefix,
	password,
	verifiedAccount,
}: InitialStateOptions): ChatState {
	// Every user starts in the lobby, so its conversation is the natural first view.
	const lobby = groupConversation(DEFAULT_GROUP);
	// A --name the server would refuse is refused here instead, with the same sentence.
	const nameProblem = name === undefined ? undefined : checkName('user', name)?.message;
	return {
		connection: {status: 'connecting', host, port, shownAs, attempt: 1, nextRetryAt: undefined, lastError: undefined},
		me: {
			name: undefined,
			registered: false,
			wantedName: nameProblem === undefined ? name : undefined,
			askingName: name === undefined || nameProblem !== undefined,
			// A --name is never shown at a prompt: the main layout says "signing in".
			checkingName: false,
			nameProblem,
			nameWait: undefined,
			group: undefined,
			password,
			verifiedAccount,
			account: false,
		},
		directory: EMPTY_DIRECTORY,
		conversations: new Map([
			[lobby, {key: lobby, kind: 'group', title: DEFAULT_GROUP, entries: PersistentList.of(), unread: 0}],
		]),
		current: lobby,
		scroll: LIVE,
		inFlight: [],
		outgoing: [],
		outbox: [],
		recipientWait: undefined,
		restoring: undefined,
		clientIds: firstClientIds(clientIdPrefix),
		lastMessageId: undefined,
		resume: undefined,
		passwordPrompt: undefined,
		older: undefined,
		unread: undefined,
		read: {sent: undefined},
		search: undefined,
		bell: 0,
		pages: NO_PAGES,
		dmNotice: undefined,
		help: false,
		quit: 'no',
		nextKey: 1,
	};
}
