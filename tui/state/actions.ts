/** Everything that can happen to the client state. */
import type {ClientCommand, ServerLine} from '../../protocol/index.js';
import type {ConnectionEvent} from '../connection/connection-event.js';
import type {ConversationKey} from './conversation-key.js';
import type {NoticeLevel} from './entries.js';
import type {MessageCommand} from './outbox.js';

/** Commands a user types that are neither messages nor HELP/CLOSE, which have their own intents. */
export type ServerCommand = Extract<
	ClientCommand,
	{name: 'JOIN_GROUP' | 'NEW_GROUP' | 'LIST' | 'LIST_GROUP' | 'SEARCH' | 'PAGE'}
>;

/** What a line the user typed means, as tui/input's parseInput decides. */
export type SubmittedInput =
	/** Blank: nothing happens. */
	| {readonly kind: 'empty'}
	/** Refused locally, without a round trip; shown as an error notice. */
	| {readonly kind: 'error'; readonly message: string}
	/** Messages, all to one conversation (a group's MESSAGEs or one user's DMs), one per line typed. */
	| {
			readonly kind: 'messages';
			readonly conversation: ConversationKey;
			readonly title: string;
			readonly commands: readonly MessageCommand[];
	  }
	| {readonly kind: 'command'; readonly command: ServerCommand}
	/** Switch to a conversation (opening it), sending nothing: `/dm bob`. */
	| {readonly kind: 'open'; readonly conversation: ConversationKey; readonly title: string}
	/** Show the help overlay: the client's own commands and keys. */
	| {readonly kind: 'help'}
	/** Ask the server for its HELP (the protocol commands), shown in the conversation. */
	| {readonly kind: 'server-help'}
	/** Send CLOSE and exit. */
	| {readonly kind: 'quit'}
	/** The name typed at the name prompt. */
	| {readonly kind: 'name'; readonly name: string}
	/** A password typed at a password prompt (see password-prompt.ts): never shown, never kept by the input line. */
	| {readonly kind: 'password'; readonly password: string}
	/** `/name` at the sign-in screen: choose another name than the account's. */
	| {readonly kind: 'other-name'}
	/** `/register`: ask for a password for the name we have. */
	| {readonly kind: 'register'}
	/** `/cancel` at /register's prompt. */
	| {readonly kind: 'cancel-register'}
	/** `/ack`: acknowledge the oldest page waiting, as the banner's key does; the way a line-mode client (a screen reader) can. */
	| {readonly kind: 'ack'}
	/** `/goto <n>`: open the conversation of search result n at that message. */
	| {readonly kind: 'goto'; readonly result: number};

export type ConversationTarget = 'next' | 'previous' | ConversationKey;

/** What arrives from the server or about the link to it. */
export type ConnectionAction =
	| {readonly type: 'server-line'; readonly line: ServerLine}
	| {readonly type: 'connection'; readonly event: ConnectionEvent};

/** What the person at the keyboard did. */
export type UserAction =
	| {readonly type: 'input'; readonly input: SubmittedInput}
	| {readonly type: 'name-entered'; readonly name: string}
	| {readonly type: 'switch-conversation'; readonly to: ConversationTarget}
	/**
	 * Positive scrolls up (older), negative down; `maxLinesUp` is how far up the view can
	 * go (up to it, older history is fetched); `from` is where the view is while it shows
	 * an anchored entry (ScrollState.anchor).
	 */
	| {readonly type: 'scroll'; readonly lines: number; readonly maxLinesUp?: number; readonly from?: number}
	| {readonly type: 'scroll-to-live'}
	/** The key on the page banner: acknowledge the page on top. */
	| {readonly type: 'acknowledge-page'}

	/** Escape: see dismiss.ts. */
	| {readonly type: 'dismiss'};

/** What the session decides on its own: its timers, and what it has to say itself. */
export type SessionAction =
	/** The session tried long enough to get its own name back (name-wait.ts): ask for one. */
	| {readonly type: 'name-wait-over'}
	/** The session's timer: nobody came back to receive the messages that wait (recipient-wait.ts). */
	| {readonly type: 'recipient-wait-over'}
	/** The session's read timer: tell the server what has been read, if anything new (read-position.ts). */
	| {readonly type: 'mark-read'}
	/** The session's timer: the DM notice has been up long enough (dm-notice.ts). */
	| {readonly type: 'dm-notice-over'}
	/** Something the client itself wants to say (an unreadable server line, a local failure). */
	| {readonly type: 'notice'; readonly level: NoticeLevel; readonly text: string};

export type ChatAction = ConnectionAction | UserAction | SessionAction;
