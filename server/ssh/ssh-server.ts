/**
 * `chat serve --ssh-port`: the full-screen client served over SSH (ssh2), with the
 * user's key as their identity. Only public-key authentication is offered; a key that
 * proves itself is then either bound to an account (that account, whatever user name
 * the client sent), becomes the key of a new account named by the user name (open
 * registration, a free name: trust on first use), or is refused with a sentence shown
 * in the user's terminal (key-decision.ts). No password is asked over SSH: an account
 * reached by an unknown key is refused, and its owner asks the operator to add the key.
 *
 * Each session's client runs in this process and reaches the chat the way a TCP client
 * does: its lines go through the edge (framing, limits, keepalive, the same commands),
 * over an in-process socket pair (socket-pair.ts) counted against the SSH client's
 * address. The pair carries the verified account, which SET_NAME of that name accepts
 * without a password; nothing sent over TCP can carry one.
 */
import type {AddressInfo} from 'node:net';
import ssh2, {type AuthContext, type Connection as SshClient} from 'ssh2';
import {DEFAULT_GROUP, formatAddress, nameKey} from '../../protocol/index.js';
import type {Registration} from '../chat/accounts.js';
import {keyNoLongerLogsIn, type VerifiedAccount} from '../wire/verified-account.js';
import type {Chat} from '../chat/chat.js';
import {LoginThrottle, type LoginThrottleOptions} from '../chat/login-throttle.js';
import {errorFields, type Logger} from '../log.js';
import type {Edge} from '../net/edge.js';
import {ListenError} from '../net/listen-error.js';
import type {Transport} from '../../tui/connection/transport.js';
import type {RunTuiOptions} from '../../tui/run.js';
import type {HostKey} from './host-key.js';
import {decideKey, type KeyDecision} from './key-decision.js';
import {fingerprintOf} from './public-key.js';
import {socketPair} from './socket-pair.js';
import {sshCommandLine} from './ssh-command-line.js';
import {SshSession} from './ssh-session.js';

/**
 * The stored password hash of an account made for an SSH key: not a hash at all, so no
 * password opens it (password.ts: a malformed hash matches nothing) until the operator
 * gives it one with chat user passwd.
 */
export const KEY_ONLY_PASSWORD = 'none:ssh-key-only';

export const SHUTDOWN_NOTICE = 'chat: the server is shutting down; connect again in a moment.\r\n';

export interface SshServerOptions {
	/** Loopback unless told otherwise, as for the TCP port. */
	readonly host: string;
	/** 0 picks a free port. */
	readonly port: number;
	readonly hostKey: HostKey;
	readonly chat: Chat;
	readonly edge: Edge;
	readonly registration: Registration;
	readonly log: Logger;
	/** The chat's TCP address: where each session's client connects, in-process. */
	readonly chatAddress: {readonly host: string; readonly port: number};
	/** SSH keepalive every half of it, the connection dropped after a whole one unanswered: the edge's idle policy. 0: none. */
	readonly idleTimeoutMs: number;
	/** How long a closing session may take to deliver its last bytes (the edge's closeGraceMs). */
	readonly closeGraceMs: number;
	/** SSH connections at once, handshakes included (the edge's maxConnections). */
	readonly maxConnections: number;
	/** Failed authentications, per address (and per user name); the chat's clock. */
	readonly throttle?: Partial<LoginThrottleOptions>;
	/** The client each session runs; tests swap one that fails. Default: tui/run.tsx's, loaded at start. */
	readonly runTui?: (options: RunTuiOptions) => Promise<number>;
}

export interface RunningSshServer {
	readonly host: string;
	readonly port: number;
	readonly fingerprint: string;
	/** SSH sessions running a client now. */
	readonly sessionCount: () => number;
	/** Stops listening, ends every session (its user's terminal restored, told why), closes every connection. */
	close(): Promise<void>;
}

/** An IPv4 address seen through IPv6 counts as itself, as on the edge. */
function plainAddress(address: string): string {
	return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * Ink decides once, when it is loaded, whether it runs under CI (is-in-ci), and then
 * draws nothing until it unmounts. An SSH user's terminal is a terminal whatever the
 * server's environment says, so CI is cleared before the client's modules load.
 */
async function loadRunTui(): Promise<(options: RunTuiOptions) => Promise<number>> {
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
		if (name in process.env) {
			process.env[name] = 'false';
		}
	}

	return (await import('../../tui/run.js')).runTui;
}

let lastConnection = 0;

export async function startSshServer(options: SshServerOptions): Promise<RunningSshServer> {
	const {log, hostKey} = options;
	const runTui = options.runTui ?? (await loadRunTui());
	const throttle = new LoginThrottle(options.throttle);
	const connections = new Set<SshConnection>();
	const keepalive =
		options.idleTimeoutMs > 0 ? {keepaliveInterval: options.idleTimeoutMs / 2, keepaliveCountMax: 1} : {};
	const server = new ssh2.Server({hostKeys: [hostKey.privateKey], ident: 'chat', ...keepalive}, (client, info) => {
		// Listening by now: the port is the one picked when options.port is 0.
		const shownAs = sshCommandLine(options.host, (server.address() as AddressInfo).port);
		const connection = new SshConnection(
			client,
			++lastConnection,
			info.ip,
			info.port,
			options,
			throttle,
			runTui,
			shownAs,
		);
		connections.add(connection);
		client.once('close', () => connections.delete(connection));
	});
	server.maxConnections = options.maxConnections;

	const port = await new Promise<number>((resolve, reject) => {
		const onError = (error: NodeJS.ErrnoException) => reject(new ListenError(options.host, options.port, error));
		server.once('error', onError);
		server.listen(options.port, options.host, () => {
			server.off('error', onError);
			resolve((server.address() as AddressInfo).port);
		});
	});
	server.on('error', (error: Error) => log.error('ssh_error', errorFields(error)));
	log.info('ssh_started', {
		host: options.host,
		port,
		fingerprint: hostKey.fingerprint,
		host_key: hostKey.file ?? 'ephemeral',
	});

	return {
		host: options.host,
		port,
		fingerprint: hostKey.fingerprint,
		sessionCount: () => [...connections].reduce((sum, connection) => sum + connection.sessions.size, 0),
		async close() {
			const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
			await Promise.all([...connections].map((connection) => connection.shutdown(options.closeGraceMs)));
			await stopped;
		},
	};
}

/** One SSH client connection: its authentication and its sessions. */
class SshConnection {
	readonly sessions = new Set<SshSession>();
	private readonly address: string;
	private readonly remote: string;
	/** The key that proved itself and what it gets; set once authentication succeeded. */
	private proven: {readonly fingerprint: string; readonly authorized: string; readonly username: string} | undefined;

	constructor(
		private readonly client: SshClient,
		private readonly id: number,
		ip: string,
		private readonly port: number,
		private readonly options: SshServerOptions,
		private readonly throttle: LoginThrottle,
		private readonly runTui: (options: RunTuiOptions) => Promise<number>,
		/** What this connection's sessions call the server (ssh-command-line.ts). */
		private readonly shownAs: string,
	) {
		this.address = plainAddress(ip);
		this.remote = formatAddress(this.address, port);
		options.log.info('ssh_connect', {ssh: id, remote: this.remote});
		client.on('authentication', (context) => this.authenticate(context));
		client.on('ready', () => {
			client.on('session', (accept) => this.session(new SshSession(accept(), this.services())));
		});
		// Port forwarding asked of the server (-R): refused; OpenSSH says "remote port forwarding failed".
		// Forwarding through it (-L, -W) gets no 'tcpip' listener, so ssh2 refuses it as "administratively prohibited".
		client.on('request', (_accept, reject, name) => {
			options.log.info('ssh_refused', {ssh: id, what: name});
			reject?.();
		});
		client.on('error', (error: Error) => options.log.info('ssh_error', {ssh: id, ...errorFields(error)}));
		client.once('close', () => {
			for (const session of this.sessions) {
				session.stop(undefined);
			}

			options.log.info('ssh_disconnect', {ssh: id, remote: this.remote});
		});
	}

	/**
	 * Ends every session with the shutdown notice, then the connection once the sessions
	 * are done, or after `graceMs` for a client that does not close its side.
	 */
	async shutdown(graceMs: number): Promise<void> {
		const sessions = [...this.sessions];
		for (const session of sessions) {
			session.stop(SHUTDOWN_NOTICE);
		}

		let timer: NodeJS.Timeout | undefined;
		await Promise.race([
			Promise.all(sessions.map((session) => session.done)),
			new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
		]);
		clearTimeout(timer);
		await new Promise<void>((resolve) => {
			this.client.once('close', () => resolve());
			this.client.end();
			timer = setTimeout(() => {
				this.client.end();
				resolve();
			}, graceMs);
		});
		clearTimeout(timer);
	}

	private session(session: SshSession): void {
		this.sessions.add(session);
		void session.done.then(() => this.sessions.delete(session));
	}

	private authenticate(context: AuthContext): void {
		const {log} = this.options;
		const {username} = context;
		if (this.throttle.waitSeconds(nameKey(username), this.address) > 0) {
			log.info('ssh_auth_throttled', {ssh: this.id, user: username, remote: this.remote});
			context.reject();
			return;
		}

		if (context.method !== 'publickey') {
			// 'none' is how every client starts; it is told what may follow. Passwords are never asked over SSH.
			context.reject(['publickey']);
			return;
		}

		const key = ssh2.utils.parseKey(context.key.data);
		if (key instanceof Error) {
			context.reject(['publickey']);
			return;
		}

		const fingerprint = fingerprintOf(context.key.data);
		if (context.signature === undefined || context.blob === undefined) {
			// The client asks whether this key would do: any key may, and what it gets is decided once it is proven.
			context.accept();
			return;
		}

		if (!key.verify(context.blob, context.signature, context.hashAlgo)) {
			this.throttle.failed(nameKey(username), this.address);
			log.info('ssh_auth_failed', {ssh: this.id, user: username, key: fingerprint, remote: this.remote});
			context.reject(['publickey']);
			return;
		}

		const decision = this.decide(fingerprint, username);
		if (decision.kind === 'refuse') {
			// Let in to be told why (the session says it and closes), and counted as a failure.
			this.throttle.failed(nameKey(username), this.address);
		} else {
			this.throttle.succeeded(nameKey(username));
		}

		log.info('ssh_auth', {
			ssh: this.id,
			user: username,
			key: fingerprint,
			decision: decision.kind,
			account: decision.kind === 'account' ? decision.account : undefined,
		});
		this.proven = {fingerprint, authorized: `${key.type} ${context.key.data.toString('base64')}`, username};
		context.accept();
	}

	private decide(fingerprint: string, username: string): KeyDecision {
		const {chat, registration} = this.options;
		const online = chat.onlineUser(username);
		return decideKey({
			fingerprint,
			boundTo: chat.store.accountKey(fingerprint)?.account,
			username,
			registration,
			isAccount: chat.account(username) !== undefined,
			guestOnline: online !== undefined && !online.isAccount,
		});
	}

	/** The account for a session starting now: decided again, and made if the key is to have a new one. */
	private identify(): VerifiedAccount | {readonly refused: string} {
		const proven = this.proven!;
		const decision = this.decide(proven.fingerprint, proven.username);
		if (decision.kind === 'refuse') {
			return {refused: decision.reason};
		}

		if (decision.kind === 'account') {
			return {account: decision.account, fingerprint: proven.fingerprint, firstUse: false};
		}

		const {store} = this.options.chat;
		// Both in this turn's transaction, just after the decision: nothing can come between.
		if (
			!store.createAccount({name: decision.name, passwordHash: KEY_ONLY_PASSWORD, group: DEFAULT_GROUP}) ||
			!store.addAccountKey(decision.name, proven.fingerprint, proven.authorized)
		) {
			return {refused: `${decision.name} became an account a moment ago; connect again.`};
		}

		this.options.chat.audit({kind: 'account_created', user: decision.name, by: 'self'});
		this.options.chat.audit({kind: 'key_added', user: decision.name, key: proven.fingerprint, by: 'self'});
		this.options.log.info('ssh_account', {ssh: this.id, user: decision.name, key: proven.fingerprint});
		return {account: decision.name, fingerprint: proven.fingerprint, firstUse: true};
	}

	/** Whether the session's key still logs in to the account it logged in to. */
	private stillLogsIn({account, fingerprint}: VerifiedAccount): boolean {
		const {chat} = this.options;
		const held = chat.account(account);
		return held !== undefined && chat.store.accountKey(fingerprint)?.account === held.name;
	}

	private services() {
		const {log, edge, chatAddress} = this.options;
		const from = {address: this.address, port: this.port};
		const to = {address: chatAddress.host, port: chatAddress.port};
		const transport = (verified: VerifiedAccount, turnedAway: (why: string) => void): Transport => {
			let identity = verified;
			return {
				open: () => {
					const pair = socketPair(from, to);
					let refusal: string | undefined;
					// A reconnect (after BYE IDLE, say) checks the key again: the operator may
					// have removed it, or the account, since. The first connect was just decided.
					if (identity !== verified && !this.stillLogsIn(verified)) {
						refusal = keyNoLongerLogsIn(verified);
						pair.server.destroy();
					} else {
						refusal = edge.accept(pair.server, identity);
					}

					if (refusal === undefined) {
						// A reconnect logs in to an account that is no longer new.
						identity = {...verified, firstUse: false};
					} else {
						// Once this attempt has begun: the client is inside its connect now.
						process.nextTick(() => turnedAway(refusal));
					}

					return {socket: pair.client, ready: 'connect'};
				},
			};
		};
		return {
			log,
			runTui: this.runTui,
			identify: () => this.identify(),
			transport,
			chatAddress,
			shownAs: this.shownAs,
			connection: this.id,
			remote: this.remote,
		};
	}
}
