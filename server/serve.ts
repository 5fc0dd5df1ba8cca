/**
 * Starting and stopping a whole server: the chat, its command table, the edge and a
 * listener, wired together. Used by `chat serve` and by every server test.
 */
import type {Socket} from 'node:net';
import {DEFAULT_HOST, DEFAULT_PORT, type Ok, type Scheduler} from '../protocol/index.js';
import {hashPassword, verifyPassword} from './accounts/password.js';
import {Accounts, type Passwords, type Registration} from './chat/accounts.js';
import {Chat, type ChatObserver, type DmScope} from './chat/chat.js';
import {LoginThrottle, type LoginThrottleOptions} from './chat/login-throttle.js';
import {auditedPageEvents} from './chat/page-audit.js';
import {Pages, type PageEvents, type PageSteps} from './chat/pages.js';
import {Receipts} from './chat/receipts.js';
import {clockIds, type MessageIds} from './chat/message-ids.js';
import type {SentIds} from './chat/sent-ids.js';
import type {Store} from './chat/store.js';
import {Upkeep} from './chat/upkeep.js';
import {Dispatcher} from './commands/dispatcher.js';
import type {CommandTable} from './commands/handler.js';
import {DEFAULT_HISTORY_REPLY_BYTES} from './commands/history.js';
import {HANDLERS} from './commands/table.js';
import {createLogger, errorFields, type Logger} from './log.js';
import {Edge, formatRemote} from './net/edge.js';
import {listen, plainTcp, type ListenerFactory} from './net/listener.js';
import {DEFAULT_POLICY, type ConnectionPolicy} from './net/policy.js';
import {eventLoopBusy} from './net/event-loop-busy.js';
import {IdleMemory} from './net/idle-memory.js';
import {realScheduler} from './net/scheduler.js';
import {collectV8Garbage, readV8Heap} from './net/v8-heap.js';
import {tlsListener, type TlsCredentials} from './net/tls.js';
import {chatSessions} from './sessions.js';
import type {RunningSshServer, SshServerOptions} from './ssh/ssh-server.js';
import {MEMORY, openStore} from './store/open-store.js';

export interface ServerOptions extends Partial<ConnectionPolicy> {
	/** Loopback unless told otherwise: exposing the server is a decision, not a default. */
	readonly host?: string;
	/** 0 picks a free port; RunningServer.port says which. */
	readonly port?: number;
	readonly logger?: Logger;
	/** The command handlers; tests swap one to prove the safety nets. */
	readonly handlers?: CommandTable;
	/** How the listening socket is made; plain TCP unless `tls` is given. */
	readonly createListener?: ListenerFactory;
	/** Speak TLS instead of plain TCP on the port. */
	readonly tls?: TlsCredentials;
	readonly clock?: () => Date;
	readonly ids?: MessageIds;
	/** Clock and timers of the edge (keepalive, registration, rate); tests move time by hand. */
	readonly scheduler?: Scheduler;
	/**
	 * Where accounts, groups and messages are kept: a directory (its chat.db), or
	 * `:memory:` (the default here; `chat serve` defaults to the XDG data directory).
	 * Ignored when `store` is given.
	 */
	readonly dataDir?: string;
	/** An opened store, which the server then closes when it stops. */
	readonly store?: Store;
	/** Who makes accounts: SET_PASSWORD (open, the default) or only the operator (admin). */
	readonly registration?: Registration;
	/** Whom a DM may reach: users of the sender's group (the default) or anyone. */
	readonly dmScope?: DmScope;
	/** Password hashing; tests may make it cheaper. */
	readonly passwords?: Passwords;
	/** Failed-login throttle rates; its clock is `clock`. */
	readonly loginThrottle?: Partial<Omit<LoginThrottleOptions, 'now'>>;
	readonly sentIds?: SentIds<Ok>;
	/** How long a page waits for an acknowledgement before it is re-sent (then escalated), where its group sets none. */
	readonly pageTimeoutMs?: number;
	/** Where unacknowledged pages escalate to where their group sets no target: a user, or `#` and a group. */
	readonly escalateTo?: string;
	/** Told of every page, acknowledgement and escalation, after the audit trail is (tests listen here). */
	readonly pageEvents?: PageEvents;
	/** Messages older than this many days leave history and search (--retain-days); undefined keeps them. */
	readonly retainDays?: number;
	/** Audit entries older than this many days leave the audit trail (--audit-retain-days); undefined keeps them. */
	readonly auditRetainDays?: number;
	/**
	 * The timer of retention and of the audit checkpoints (every UPKEEP_INTERVAL_MS unless
	 * `upkeepIntervalMs` says otherwise); apart from the edge's, so tests move one without the other.
	 */
	readonly upkeepScheduler?: Scheduler;
	readonly upkeepIntervalMs?: number;
	/** This server as a node of a cluster (server/cluster/): told of the chat's changes, and of the chat once made. */
	readonly cluster?: {readonly observer: ChatObserver; start(chat: Chat): void; readonly steps?: PageSteps};
	/** Serve the full-screen client over SSH too (server/ssh/); off unless given. */
	readonly ssh?: SshOptions;
	/**
	 * Give V8's memory back once the server goes quiet after work (net/idle-memory.ts):
	 * `chat serve` does; off by default here, where tests run many servers in one process.
	 */
	readonly idleMemory?: boolean;
}

export interface SshOptions {
	/** Loopback unless told otherwise, as for the TCP port. */
	readonly host?: string;
	/** 0 picks a free port; RunningServer.ssh says which. */
	readonly port: number;
	/**
	 * The host key's file (--ssh-host-key). Without it: the data directory's, made on
	 * first start; a server that keeps nothing (:memory:, or a `store` given) makes one
	 * for this run only.
	 */
	readonly hostKeyFile?: string;
	/** The client each session runs; tests swap one that fails to prove the safety net. Default: tui/run.tsx's. */
	readonly runTui?: SshServerOptions['runTui'];
}

const SCRYPT: Passwords = {hash: (password) => hashPassword(password), verify: verifyPassword};

export interface RunningServer {
	readonly host: string;
	readonly port: number;
	/** Connections the edge holds, for tests and the log. */
	readonly connectionCount: () => number;
	/** Registered users, for tests and the log. */
	readonly userCount: () => number;
	/** Sockets the listener still has open, handshaking and refused ones included (net.Server#getConnections). */
	readonly socketCount: () => Promise<number>;
	/** The SSH port, when it serves one. */
	readonly ssh: {readonly host: string; readonly port: number; readonly sessionCount: () => number} | undefined;
	/** Stops accepting, says BYE SHUTDOWN to every client, closes every connection. Safe to call twice. */
	close(): Promise<void>;
}

function policyOf(options: ServerOptions): ConnectionPolicy {
	const policy: Record<string, number> = {...DEFAULT_POLICY};
	for (const key of Object.keys(DEFAULT_POLICY) as Array<keyof ConnectionPolicy>) {
		const value = options[key];
		if (value !== undefined) {
			policy[key] = value;
		}
	}

	return policy as unknown as ConnectionPolicy;
}

/**
 * Rejects with a StoreOpenError when the data directory cannot be used, and with a
 * ListenError when the address cannot be bound (the store is closed again then).
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
	const store = options.store ?? openStore(options.dataDir ?? MEMORY, 'serve');
	try {
		return await start(options, store);
	} catch (error) {
		store.close();
		throw error;
	}
}

async function start(options: ServerOptions, store: Store): Promise<RunningServer> {
	const host = options.host ?? DEFAULT_HOST;
	const log = options.logger ?? createLogger();
	const policy = policyOf(options);
	const clock = options.clock ?? (() => new Date());
	const chat = new Chat({
		store,
		clock,
		// Clock-based ids keep increasing across a restart even where the store is ephemeral,
		// which is what lets a client resume with HISTORY <last id seen>; the chat also keeps
		// them above the highest id stored.
		ids: options.ids ?? clockIds(() => clock().getTime()),
		sentIds: options.sentIds,
		dmScope: options.dmScope,
		observer: options.cluster?.observer,
	});
	options.cluster?.start(chat);
	const accounts = new Accounts(chat, {
		passwords: options.passwords ?? SCRYPT,
		registration: options.registration ?? 'open',
		throttle: new LoginThrottle({...options.loginThrottle, now: () => clock().getTime()}),
	});
	// A HISTORY reply must never by itself trip the slow-consumer cap.
	const historyReplyBytes = Math.min(DEFAULT_HISTORY_REPLY_BYTES, Math.floor(policy.maxQueuedBytes / 4));
	const upkeep = new Upkeep({
		store,
		clock,
		scheduler: options.upkeepScheduler ?? realScheduler,
		intervalMs: options.upkeepIntervalMs,
		retainDays: options.retainDays,
		auditRetainDays: options.auditRetainDays,
	});
	const receipts = new Receipts(chat, clock);
	// Escalation runs on the same timers as the edge (a test's fake clock moves both), and
	// its due times on the chat's clock, which is what the store keeps across a restart.
	const pages = new Pages({
		chat,
		receipts,
		scheduler: options.scheduler ?? realScheduler,
		clock,
		timeoutMs: options.pageTimeoutMs,
		escalateTo: options.escalateTo,
		events: auditedPageEvents(chat, options.pageEvents),
		steps: options.cluster?.steps,
	});
	const dispatcher = new Dispatcher({
		chat,
		accounts,
		log,
		table: options.handlers ?? HANDLERS,
		historyReplyBytes,
		pages,
		receipts,
	});
	const edge = new Edge({handler: chatSessions({chat, dispatcher, log}), policy, log, scheduler: options.scheduler});
	const createListener = options.createListener ?? (options.tls ? tlsListener(options.tls) : plainTcp);
	const listener = createListener((socket) => edge.accept(socket));
	// Every socket the listener accepted that the edge does not answer for (a TLS socket
	// still handshaking): a shutdown destroys whatever is left, so it ends in bounded time.
	// A plain socket reaches the edge first (the listener's own callback runs before this)
	// and is not held here too: a set entry and a second 'close' listener were about 100
	// bytes of every idle connection.
	const sockets = new Set<Socket>();
	// One listener for every socket (`this` is the socket), not a once() closure each: that
	// was about 270 bytes of every idle connection. 'close' is emitted once.
	function forget(this: Socket): void {
		sockets.delete(this);
	}

	listener.on('connection', (socket: Socket) => {
		if (!edge.owns(socket)) {
			sockets.add(socket);
			socket.on('close', forget);
		}
	});
	// A plain client on the TLS port, or a broken TLS client: one line, and the server goes on.
	listener.on('tlsClientError', (error: Error, socket: Socket) => {
		log.warn('tls_error', {remote: formatRemote(socket), ...errorFields(error)});
	});
	// After listening, a listener error (EMFILE on accept, ...) is logged; the server goes on.
	const port = await listen(listener, host, options.port ?? DEFAULT_PORT);
	listener.on('error', (error: NodeJS.ErrnoException) => log.error('error', {code: error.code, error: error.message}));
	log.info('started', {host, port, pid: process.pid, tls: options.tls ? true : undefined});
	let ssh: RunningSshServer | undefined;
	if (options.ssh) {
		try {
			// Loaded only here: a server without SSH needs neither ssh2 nor the client's Ink and React.
			const {startSshServer} = await import('./ssh/ssh-server.js');
			const {dataDirHostKey, ephemeralHostKey, readHostKey} = await import('./ssh/host-key.js');
			const {hostKeyFile} = options.ssh;
			const dataDir = options.store ? undefined : options.dataDir;
			ssh = await startSshServer({
				host: options.ssh.host ?? DEFAULT_HOST,
				port: options.ssh.port,
				hostKey:
					hostKeyFile !== undefined
						? readHostKey(hostKeyFile)
						: dataDir === undefined || dataDir === MEMORY
							? ephemeralHostKey()
							: dataDirHostKey(dataDir),
				chat,
				edge,
				registration: options.registration ?? 'open',
				log,
				chatAddress: {host, port},
				idleTimeoutMs: policy.idleTimeoutMs,
				maxConnections: policy.maxConnections,
				closeGraceMs: policy.closeGraceMs,
				runTui: options.ssh.runTui,
				throttle: {...options.loginThrottle, now: () => clock().getTime()},
			});
		} catch (error) {
			await new Promise<void>((resolve) => listener.close(() => resolve()));
			throw error;
		}
	}
	upkeep.start();
	const idleMemory = options.idleMemory
		? new IdleMemory({
				scheduler: realScheduler,
				readBusy: eventLoopBusy(),
				readHeap: readV8Heap,
				collect: collectV8Garbage,
			})
		: undefined;
	idleMemory?.start();

	let closing: Promise<void> | undefined;
	const close = async () => {
		log.info('shutdown', {connections: edge.connectionCount, users: chat.userCount});
		const stopped = new Promise<void>((resolve) => listener.close(() => resolve()));
		// First: each SSH user's terminal is restored and told why while their client still runs.
		await ssh?.close();
		await edge.shutdown();
		for (const socket of sockets) {
			socket.destroy();
		}

		await stopped;
		pages.stop();
		idleMemory?.stop();
		// After the edge: the last commands' entries are in the chain the last checkpoint signs.
		upkeep.stop();
		// What the last commands wrote is committed before the file closes.
		store.close();
		log.info('stopped');
	};

	return {
		host,
		port,
		ssh: ssh && {host: ssh.host, port: ssh.port, sessionCount: ssh.sessionCount},
		connectionCount: () => edge.connectionCount,
		userCount: () => chat.userCount,
		socketCount: () =>
			new Promise((resolve, reject) =>
				listener.getConnections((error, count) => (error ? reject(error) : resolve(count))),
			),
		close: () => (closing ??= close()),
	};
}
