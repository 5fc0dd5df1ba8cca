/** The whole client state: everything the view renders and every decision the reducer needs. */
import type {ClientCommand} from '../../protocol/index.js';
import {checkName, DEFAULT_GROUP} from '../../protocol/index.js';
import type {ConnectionState} from './connection-state.js';
import type {Conversation} from './conversations.js';
import {groupConversation, type ConversationKey} from './conversation-key.js';
import {EMPTY_DIRECTORY, type Directory} from './directory.js';
import type {InFlightCommand} from './in-flight.js';
import type {MeState} from './me-state.js';
import type {OutboxItem} from './outbox.js';
import {LIVE, type ScrollState} from './scroll.js';

/** A group to get back into after a reconnect; `commands` counts the attempts so a race cannot loop. */
export interface Restoring {
	readonly group: string;
	readonly commands: number;
}

/** no: running; requested: CLOSE sent, waiting for its OK or the socket to close; done: the session may exit. */
export type QuitState = 'no' | 'requested' | 'done';

export interface ChatState {
	readonly connection: ConnectionState;
	readonly me: MeState;
	readonly directory: Directory;
	/** In the order they were opened: the order next/previous moves through. */
	readonly conversations: ReadonlyMap<ConversationKey, Conversation>;
	readonly current: ConversationKey;
	readonly scroll: ScrollState;
	readonly inFlight: readonly InFlightCommand[];
	/** Commands decided but not yet written: the session writes them and dispatches `outgoing-written`. */
	readonly outgoing: readonly ClientCommand[];
	readonly outbox: readonly OutboxItem[];
	readonly restoring: Restoring | undefined;
	/** Bumped for every DM received and every group message naming the user: the view rings on change. */
	readonly bell: number;
	readonly quit: QuitState;
	/** Next entry key. */
	readonly nextKey: number;
}

export interface InitialStateOptions {
	readonly host: string;
	readonly port: number;
	/** From --name; when absent the view asks for one. */
	readonly name?: string | undefined;
}

export function createInitialState({host, port, name}: InitialStateOptions): ChatState {
	// Every user starts in the lobby, so its conversation is the natural first view.
	const lobby = groupConversation(DEFAULT_GROUP);
	// A --name the server would refuse is refused here instead, with the same sentence.
	const nameProblem = name === undefined ? undefined : checkName('user', name)?.message;
	return {
		connection: {status: 'connecting', host, port, attempt: 1, nextRetryAt: undefined, lastError: undefined},
		me: {
			name: undefined,
			registered: false,
			wantedName: nameProblem === undefined ? name : undefined,
			askingName: name === undefined || nameProblem !== undefined,
			nameProblem,
			group: undefined,
		},
		directory: EMPTY_DIRECTORY,
		conversations: new Map([[lobby, {key: lobby, kind: 'group', title: DEFAULT_GROUP, entries: [], unread: 0}]]),
		current: lobby,
		scroll: LIVE,
		inFlight: [],
		outgoing: [],
		outbox: [],
		restoring: undefined,
		bell: 0,
		quit: 'no',
		nextKey: 1,
	};
}
