/**
 * Sessions against a real server on 127.0.0.1, and waiting for their state to reach
 * a condition: tests wait for what must happen, never for an amount of time.
 */
import type {Server, Socket} from 'node:net';
import type {ExecutionContext} from 'ava';
import type {Logger} from '../../../server/log.js';
import {plainTcp, type ListenerFactory} from '../../../server/net/listener.js';
import {startServer, type RunningServer, type ServerOptions} from '../../../server/serve.js';
import {PLAIN_TCP, type Transport} from '../../../tui/connection/index.js';
import {ChatSession, type ChatSessionOptions} from '../../../tui/session/index.js';
import type {ChatState, Entry, MessageEntry} from '../../../tui/state/index.js';
import {HANG_MS} from '../../helpers/hang.js';
import {ManualScheduler} from '../../helpers/manual-scheduler.js';

const SILENT: Logger = {info() {}, warn() {}, error() {}};

/** A real server; `port` 0 picks a free one, a given port restarts a server where a stopped one was. */
export async function startChatServer(
	t: ExecutionContext,
	port = 0,
	options: ServerOptions = {},
): Promise<RunningServer> {
	const server = await startServer({logger: SILENT, ...options, host: '127.0.0.1', port});
	t.teardown(() => server.close());
	return server;
}

export interface CrashableServer extends RunningServer {
	/**
	 * Stops the server the way a killed process does: no BYE, no flushing, every socket
	 * torn down at once (a reset where input was left unread) and the port freed.
	 */
	crash(): Promise<void>;
}

/** A real server that can also be stopped abruptly, in process. */
export async function startCrashableServer(t: ExecutionContext, port = 0): Promise<CrashableServer> {
	let listener: Server | undefined;
	const sockets = new Set<Socket>();
	const createListener: ListenerFactory = (onSocket) => {
		listener = plainTcp(onSocket);
		listener.on('connection', (socket: Socket) => {
			sockets.add(socket);
			socket.once('close', () => sockets.delete(socket));
		});
		return listener;
	};

	const server = await startChatServer(t, port, {createListener});
	const crash = async () => {
		const closed = new Promise<void>((resolve) => listener!.close(() => resolve()));
		for (const socket of sockets) {
			socket.resetAndDestroy();
		}

		await closed;
	};

	return {...server, close: () => server.close(), crash};
}

/** A transport that keeps every socket it opens, so a test can pause or cut the client's side. */
export function recordingTransport(inner: Transport = PLAIN_TCP): {
	readonly transport: Transport;
	readonly sockets: Socket[];
} {
	const sockets: Socket[] = [];
	return {
		sockets,
		transport: {
			open(host, port) {
				const opened = inner.open(host, port);
				sockets.push(opened.socket);
				return opened;
			},
			describe: inner.describe?.bind(inner),
		},
	};
}

export interface TestSession {
	readonly session: ChatSession;
	/** Retries wait for the test to fire them, so who reconnects first is the test's choice. */
	readonly scheduler: ManualScheduler;
	bells: number;
}

export function startSession(
	t: ExecutionContext,
	port: number,
	name: string | undefined,
	options: Partial<ChatSessionOptions> = {},
): TestSession {
	const scheduler = new ManualScheduler();
	const session = new ChatSession({...options, host: '127.0.0.1', port, name, scheduler});
	const started: TestSession = {session, scheduler, bells: 0};
	session.onBell(() => started.bells++);
	t.teardown(() => session.stop());
	session.start();
	return started;
}

/** Resolves with the state once `condition` holds for it. */
export function until(
	session: ChatSession,
	what: string,
	condition: (state: ChatState) => boolean,
): Promise<ChatState> {
	return new Promise((resolve, reject) => {
		const check = () => {
			const state = session.getState();
			if (condition(state)) {
				clearTimeout(timer);
				unsubscribe();
				resolve(state);
			}
		};

		const timer = setTimeout(() => {
			unsubscribe();
			reject(new Error(`Never happened: ${what}. Last state: ${describe(session.getState())}`));
		}, HANG_MS);
		const unsubscribe = session.subscribe(check);
		check();
	});
}

export function isOnline(state: ChatState): boolean {
	return state.connection.status === 'online';
}

export function messages(state: ChatState, key = state.current): MessageEntry[] {
	const entries: readonly Entry[] = state.conversations.get(key)?.entries.toArray() ?? [];
	return entries.filter((entry): entry is MessageEntry => entry.kind === 'message');
}

function describe(state: ChatState): string {
	const conversations = [...state.conversations.values()].map(
		(conversation) =>
			`${conversation.key}: ${conversation.entries
				.toArray()
				.map((entry) =>
					entry.kind === 'notice' ? `[${entry.text}]` : `${entry.from}> ${entry.text} (${entry.delivery ?? 'in'})`,
				)
				.join(' | ')}`,
	);
	return JSON.stringify({connection: state.connection, me: state.me, conversations}, undefined, 1);
}
