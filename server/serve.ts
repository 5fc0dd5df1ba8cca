/**
 * Starting and stopping a whole server: the chat, its command table, the edge and a
 * listener, wired together. Used by `chat serve` and by every server test.
 */
import {Chat} from './chat/chat.js';
import type {MessageIds} from './chat/message-ids.js';
import {Dispatcher} from './commands/dispatcher.js';
import type {CommandTable} from './commands/handler.js';
import {HANDLERS} from './commands/table.js';
import {createLogger, type Logger} from './log.js';
import {Edge} from './net/edge.js';
import {listen, plainTcp, type ListenerFactory} from './net/listener.js';
import {DEFAULT_POLICY, type ConnectionPolicy} from './net/policy.js';
import {chatSessions} from './sessions.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8090;

export interface ServerOptions extends Partial<ConnectionPolicy> {
	/** Loopback unless told otherwise: exposing the server is a decision, not a default. */
	readonly host?: string;
	/** 0 picks a free port; RunningServer.port says which. */
	readonly port?: number;
	readonly logger?: Logger;
	/** The command handlers; tests swap one to prove the safety nets. */
	readonly handlers?: CommandTable;
	readonly createListener?: ListenerFactory;
	readonly clock?: () => Date;
	readonly ids?: MessageIds;
}

export interface RunningServer {
	readonly host: string;
	readonly port: number;
	/** Stops accepting, says BYE SHUTDOWN to every client, closes every connection. Safe to call twice. */
	close(): Promise<void>;
}

/** Rejects with a ListenError when the address cannot be bound. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
	const host = options.host ?? DEFAULT_HOST;
	const log = options.logger ?? createLogger();
	const policy: ConnectionPolicy = {
		maxQueuedBytes: options.maxQueuedBytes ?? DEFAULT_POLICY.maxQueuedBytes,
		maxLineBytes: options.maxLineBytes ?? DEFAULT_POLICY.maxLineBytes,
		closeGraceMs: options.closeGraceMs ?? DEFAULT_POLICY.closeGraceMs,
	};
	const chat = new Chat({clock: options.clock, ids: options.ids});
	const dispatcher = new Dispatcher({chat, log, table: options.handlers ?? HANDLERS});
	const edge = new Edge({handler: chatSessions({chat, dispatcher, log}), policy, log});
	const listener = (options.createListener ?? plainTcp)((socket) => edge.accept(socket));
	// After listening, a listener error (EMFILE on accept, ...) is logged; the server goes on.
	const port = await listen(listener, host, options.port ?? DEFAULT_PORT);
	listener.on('error', (error: NodeJS.ErrnoException) => log.error('error', {code: error.code, error: error.message}));
	log.info('started', {host, port, pid: process.pid});

	let closing: Promise<void> | undefined;
	const close = async () => {
		log.info('shutdown', {connections: edge.connectionCount, users: chat.userCount});
		const stopped = new Promise<void>((resolve) => listener.close(() => resolve()));
		await edge.shutdown();
		await stopped;
		log.info('stopped');
	};

	return {
		host,
		port,
		close: () => (closing ??= close()),
	};
}
