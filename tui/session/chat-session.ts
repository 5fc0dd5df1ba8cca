/**
 * The client's live core: an external store over the pure reducer (getState and
 * subscribe fit React's useSyncExternalStore) that owns the connection and carries
 * out what the reducer decides: it writes the commands the reducer queued, resets
 * the reconnect backoff after a registration, retries a name the server still holds
 * for a lost connection, tells the server what was read (a moment later, coalesced),
 * takes a DM notice off the status line after a while, rings the bell, and exits on /quit.
 * It never touches the terminal.
 */
import {ChatConnection, type ServerAddress} from '../connection/chat-connection.js';
import type {BackoffPolicy} from '../connection/backoff.js';
import type {LinkWatchTiming} from '../connection/link-watch.js';
import {SYSTEM_SCHEDULER, type ReconnectScheduler} from '../connection/scheduler.js';
import type {Transport} from '../connection/transport.js';
import {parseInput} from '../input/parse-input.js';
import {
	chatReducer,
	createInitialState,
	DM_NOTICE_MS,
	READ_DELAY_MS,
	readPositionDue,
	RECIPIENT_WAIT_MS,
	stillHeld,
	takeOutgoing,
	type ChatAction,
	type ChatState,
	type ConversationKey,
	type Outgoing,
	type SubmittedInput,
} from '../state/index.js';
import {newClientIdPrefix} from './client-id-prefix.js';

export interface ChatSessionOptions {
	readonly host: string;
	readonly port: number;
	/** What the status line calls the server instead of host:port (an SSH session's `ssh -p 2222 host`). */
	readonly shownAs?: string | undefined;
	/** Other nodes of the same chat, tried in turn after a failed or lost connection. */
	readonly fallbacks?: readonly ServerAddress[];
	/** From --name; without it the state asks for one. */
	readonly name?: string | undefined;
	/** The account's password (CHAT_PASSWORD, --password-file): the first SET_NAME logs in with it. Memory only. */
	readonly password?: string | undefined;
	/** The account the connection is proven to be before it exists (an SSH session's key): SET_NAME with this name logs in without a password. */
	readonly verifiedAccount?: string | undefined;
	readonly scheduler?: ReconnectScheduler;
	readonly backoff?: BackoffPolicy;
	/** Plain TCP unless given (tlsTransport for --tls). */
	readonly transport?: Transport;
	/** When the connection PINGs a quiet server and gives a silent one up. */
	readonly linkWatch?: LinkWatchTiming;
	/** The start of every client message id; random unless a test pins it. */
	readonly clientIdPrefix?: string;
	/** How long /quit waits for the server's goodbye before leaving anyway. */
	readonly quitTimeoutMs?: number;
}

/**
 * How long refusals of our own name after a reconnect are retried before asking for a
 * name: longer than the server's default idle timeout (120 s), after which it has let
 * go of a connection that went silent, and so of its name. Past that, someone else has it.
 */
export const NAME_WAIT_MS = 180_000;

type Listener = () => void;

export class ChatSession {
	/** Resolves once the session has ended: after /quit, or stop(). */
	readonly exited: Promise<void>;
	private state: ChatState;
	private readonly connection: ChatConnection;
	private readonly scheduler: ReconnectScheduler;
	private readonly listeners = new Set<Listener>();
	private readonly bellListeners = new Set<Listener>();
	private readonly queue: ChatAction[] = [];
	private dispatching = false;
	private quitTimer: unknown;
	/** Set while a READ is due and waits, so a burst of reading is told in one (read-position.ts). */
	private readTimer: unknown;
	/** Takes the DM notice off the status line after DM_NOTICE_MS (dm-notice.ts). */
	private dmNoticeTimer: unknown;
	/** Fails what waits for recipients after RECIPIENT_WAIT_MS (recipient-wait.ts). */
	private recipientWaitTimer: unknown;
	/** When the server first refused our own name back (state.me.nameWait), on the scheduler's clock. */
	private nameWaitSince: number | undefined;
	private ended = false;
	private resolveExited!: () => void;

	constructor(private readonly options: ChatSessionOptions) {
		this.state = createInitialState({...options, clientIdPrefix: options.clientIdPrefix ?? newClientIdPrefix()});
		this.scheduler = options.scheduler ?? SYSTEM_SCHEDULER;
		this.exited = new Promise((resolve) => {
			this.resolveExited = resolve;
		});
		this.connection = new ChatConnection(
			{
				host: options.host,
				port: options.port,
				fallbacks: options.fallbacks,
				scheduler: this.scheduler,
				backoff: options.backoff,
				transport: options.transport,
				linkWatch: options.linkWatch,
			},
			{
				status: (event) => this.dispatch({type: 'connection', event}),
				line: (line) => this.dispatch({type: 'server-line', line}),
				problem: (text) => this.dispatch({type: 'notice', level: 'error', text}),
			},
		);
	}

	/** Connects (and keeps reconnecting until the session ends). */
	start(): void {
		if (!this.ended) {
			this.connection.start();
		}
	}

	readonly getState = (): ChatState => this.state;

	readonly subscribe = (listener: Listener): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	/** The key on the page banner. */
	acknowledgePage(): void {
		this.dispatch({type: 'acknowledge-page'});
	}

	/** Called once per DM received and per group message naming the user. */
	onBell(listener: Listener): () => void {
		this.bellListeners.add(listener);
		return () => this.bellListeners.delete(listener);
	}

	/**
	 * Applies an action. Actions raised while one is being applied (by the effects it
	 * triggers) are queued and applied in order; listeners hear once, at the end.
	 */
	dispatch(action: ChatAction): void {
		this.queue.push(action);
		if (this.dispatching) {
			return;
		}

		const before = this.state;
		this.dispatching = true;
		try {
			for (let next = this.queue.shift(); next; next = this.queue.shift()) {
				const previous = this.state;
				const {state, outgoing} = takeOutgoing(chatReducer(previous, next));
				this.state = state;
				this.carryOut(previous, state, outgoing);
			}
		} finally {
			this.dispatching = false;
		}

		if (this.state !== before) {
			for (const listener of this.listeners) {
				listener();
			}
		}
	}

	/**
	 * Enter: whatever was typed, at the name prompt or in a conversation. Returns what
	 * the line meant, so the input line can tell whether it was refused.
	 */
	submit(text: string): SubmittedInput {
		const input = parseInput(text, this.state);
		this.dispatch({type: 'input', input});
		return input;
	}

	/** Ctrl-C and the like: the same polite goodbye as /quit; `exited` resolves when it is done. */
	quit(): void {
		this.dispatch({type: 'input', input: {kind: 'quit'}});
	}

	nextConversation(): void {
		this.dispatch({type: 'switch-conversation', to: 'next'});
	}

	previousConversation(): void {
		this.dispatch({type: 'switch-conversation', to: 'previous'});
	}

	openConversation(key: ConversationKey): void {
		this.dispatch({type: 'switch-conversation', to: key});
	}

	/**
	 * Scrolls toward older entries; `maxLinesUp` is how many rendered lines there are
	 * above the screen (at it, older history is fetched); `from` is where the view is
	 * while it shows an anchored entry.
	 */
	scrollUp(lines: number, maxLinesUp?: number, from?: number): void {
		this.dispatch({type: 'scroll', lines, maxLinesUp, from});
	}

	scrollDown(lines: number, from?: number): void {
		this.dispatch({type: 'scroll', lines: -lines, from});
	}

	scrollToLive(): void {
		this.dispatch({type: 'scroll-to-live'});
	}

	/** Escape: closes the help, or declines to quit, or goes back to live (dismiss.ts). */
	dismiss(): void {
		this.dispatch({type: 'dismiss'});
	}

	/** Ends the session at once: no goodbye, no reconnecting. */
	stop(): void {
		if (this.ended) {
			return;
		}

		this.ended = true;
		if (this.quitTimer !== undefined) {
			this.scheduler.clearTimeout(this.quitTimer);
		}

		if (this.readTimer !== undefined) {
			this.scheduler.clearTimeout(this.readTimer);
		}

		if (this.dmNoticeTimer !== undefined) {
			this.scheduler.clearTimeout(this.dmNoticeTimer);
		}

		if (this.recipientWaitTimer !== undefined) {
			this.scheduler.clearTimeout(this.recipientWaitTimer);
		}

		this.connection.stop();
		this.resolveExited();
	}

	/** Our own name refused after a reconnect: reconnect and ask again, until it has taken too long. */
	private ownNameRefused(name: string): void {
		const now = this.scheduler.now();
		this.nameWaitSince ??= now;
		if (now - this.nameWaitSince >= NAME_WAIT_MS) {
			this.dispatch({type: 'name-wait-over'});
		} else {
			this.connection.retry(stillHeld(name));
		}
	}

	/** The side effects of one state change, and writing the commands it decided to send. */
	private carryOut(previous: ChatState, next: ChatState, outgoing: readonly Outgoing[]): void {
		// Written in the order the reducer queued them, which is the in-flight order
		// replies are matched by. A write that finds the socket gone is settled by
		// the close event that is already on its way.
		for (const {command, tags} of outgoing) {
			this.connection.send(command, tags);
		}

		if (next.me.registered && !previous.me.registered) {
			this.connection.registered();
		}

		const wait = next.me.nameWait;
		if (wait === undefined) {
			this.nameWaitSince = undefined;
		} else if (wait.refusals > (previous.me.nameWait?.refusals ?? 0)) {
			this.ownNameRefused(next.me.name ?? '');
		}

		if (this.readTimer === undefined && !this.ended && readPositionDue(next) !== undefined) {
			this.readTimer = this.scheduler.setTimeout(() => {
				this.readTimer = undefined;
				this.dispatch({type: 'mark-read'});
			}, READ_DELAY_MS);
		}

		if (next.recipientWait === undefined && this.recipientWaitTimer !== undefined) {
			this.scheduler.clearTimeout(this.recipientWaitTimer);
			this.recipientWaitTimer = undefined;
		} else if (next.recipientWait !== undefined && this.recipientWaitTimer === undefined && !this.ended) {
			this.recipientWaitTimer = this.scheduler.setTimeout(() => {
				this.recipientWaitTimer = undefined;
				this.dispatch({type: 'recipient-wait-over'});
			}, RECIPIENT_WAIT_MS);
		}

		if (next.dmNotice !== previous.dmNotice && next.dmNotice !== undefined && !this.ended) {
			// Each new one gets its full time.
			if (this.dmNoticeTimer !== undefined) {
				this.scheduler.clearTimeout(this.dmNoticeTimer);
			}

			this.dmNoticeTimer = this.scheduler.setTimeout(() => {
				this.dmNoticeTimer = undefined;
				this.dispatch({type: 'dm-notice-over'});
			}, DM_NOTICE_MS);
		}

		if (next.bell > previous.bell) {
			for (const listener of this.bellListeners) {
				listener();
			}
		}

		if (next.quit === 'requested' && previous.quit !== 'requested') {
			// The server answers CLOSE and hangs up; if it does neither, leave anyway.
			this.quitTimer = this.scheduler.setTimeout(() => this.stop(), this.options.quitTimeoutMs ?? 2000);
		}

		if (next.quit === 'done' && !this.ended) {
			this.stop();
		}
	}
}
