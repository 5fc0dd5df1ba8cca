/**
 * One SSH session channel: the full-screen client (runTui, the same as `chat tui`) on
 * the channel, and nothing else. The pty request gives the terminal's size and TERM,
 * window-change resizes it, `env` may give NO_COLOR and LANG; exec, subsystems, X11 and
 * agent forwarding are refused, each with a message; a shell without a pty gets one
 * line saying why and is closed.
 *
 * Whatever happens in here stays in here: a failure of this session's client ends this
 * session with a message to its user and a log line, and nobody else notices.
 */
import type {PseudoTtyInfo, ServerChannel, Session} from 'ssh2';
import type {VerifiedAccount} from '../wire/verified-account.js';
import {errorFields, type Logger} from '../log.js';
import type {RunTuiOptions} from '../../tui/run.js';
import type {Transport} from '../../tui/connection/transport.js';
import {channelTerminal, type ChannelScreen} from './channel-terminal.js';

/** The environment variables a client may send that the session uses; the rest are refused. */
const ACCEPTED_ENV = new Set(['NO_COLOR', 'LANG', 'LC_ALL', 'LC_CTYPE']);

export const NO_PTY =
	'chat: this server runs only the full-screen chat client, which needs a terminal: connect with ssh -t (and no command).\r\n';
export const NO_COMMANDS =
	'chat: this server runs no commands, subsystems or file transfers, only the chat: connect with ssh -p PORT user@host and no command.\r\n';

/** What the SSH server gives each session. */
export interface SessionServices {
	readonly log: Logger;
	/** runTui, loaded on the first session (the server needs no Ink and React until then). */
	readonly runTui: (options: RunTuiOptions) => Promise<number>;
	/**
	 * The account this connection's key logs in to, decided again now (the chat may have
	 * changed since authentication), the account made first if the key is to have one;
	 * or the reason it may not, as a sentence.
	 */
	identify(): VerifiedAccount | {readonly refused: string};
	/**
	 * A way to the chat for one in-process client holding `verified`. When the chat will
	 * not have this session's connection (a connection limit, the key no longer logs in),
	 * `turnedAway` is told why, in a sentence, instead of the client retrying for ever.
	 */
	transport(verified: VerifiedAccount, turnedAway: (why: string) => void): Transport;
	/** The chat's TCP address: the client's host and port (its transport reaches the chat in-process). */
	readonly chatAddress: {readonly host: string; readonly port: number};
	/** What the client's status line calls the server: `ssh -p 2222 host` (ssh-command-line.ts). */
	readonly shownAs: string;
	/** For the log. */
	readonly connection: number;
	/** The SSH client's host:port, for the log. */
	readonly remote: string;
}

/** How the session's client can be ended from outside (a closed channel, a shutdown). */
interface RunningClient {
	stop(): void;
}

export class SshSession {
	private pty: PseudoTtyInfo | undefined;
	private readonly env: Record<string, string> = {};
	/** What was refused before the shell started, said to the user before the client takes the screen. */
	private readonly refusals: string[] = [];
	private screen: ChannelScreen | undefined;
	private client: RunningClient | undefined;
	private stopping: string | undefined;
	/** The session ends because the chat turned it away: its exit status says it failed. */
	private turnedAway = false;
	/** Resolves once the session has ended, however it ended. */
	readonly done: Promise<void>;
	private resolveDone!: () => void;
	private started = false;

	constructor(
		session: Session,
		private readonly services: SessionServices,
	) {
		this.done = new Promise((resolve) => {
			this.resolveDone = resolve;
		});
		session.on('pty', (accept, _reject, info) => {
			this.pty = info;
			accept?.();
		});
		session.on('window-change', (accept, _reject, info) => {
			if (this.pty) {
				this.pty = {...this.pty, cols: info.cols, rows: info.rows};
			}

			this.screen?.resize(sizeOf(info.cols, info.rows));
			accept?.();
		});
		session.on('env', (accept, reject, {key, val}) => {
			if (ACCEPTED_ENV.has(key)) {
				this.env[key] = val;
				accept?.();
			} else {
				reject?.();
			}
		});
		session.on('x11', (_accept, reject) => {
			this.refuse('x11', 'chat: X11 forwarding is refused: this server runs only the chat.');
			reject?.();
		});
		session.on('auth-agent', (_accept, reject) => {
			this.refuse('agent', 'chat: agent forwarding is refused: the chat needs no agent.');
			reject?.();
		});
		session.on('signal', (accept) => accept?.());
		session.on('exec', (accept, _reject, info) => {
			this.services.log.info('ssh_refused', {ssh: this.services.connection, what: 'exec', command: info.command});
			this.closeWith(accept(), NO_COMMANDS);
		});
		session.on('subsystem', (_accept, reject, info) => {
			this.services.log.info('ssh_refused', {ssh: this.services.connection, what: 'subsystem', name: info.name});
			reject?.();
			this.resolveDone();
		});
		session.on('sftp', (_accept, reject) => {
			this.services.log.info('ssh_refused', {ssh: this.services.connection, what: 'subsystem', name: 'sftp'});
			reject?.();
			this.resolveDone();
		});
		session.once('shell', (accept) => {
			void this.shell(accept());
		});
		session.once('close', () => this.stop(undefined));
	}

	/**
	 * Ends the session: the client restores the user's terminal, `notice` (if any) is
	 * said below it, and the channel closes.
	 */
	stop(notice: string | undefined): void {
		this.stopping ??= notice ?? '';
		this.client?.stop();
		if (!this.started) {
			this.resolveDone();
		}
	}

	/**
	 * The chat refused this session's connection: a client in this process that retried
	 * would only be refused again, and its user would watch it do so. The user is told
	 * why below the restored screen, and the channel closes.
	 */
	private turnAway(why: string): void {
		if (this.stopping !== undefined) {
			return;
		}

		this.services.log.info('ssh_refused', {ssh: this.services.connection, what: 'chat', reason: why});
		this.turnedAway = true;
		this.stop(`chat: ${why}\r\n`);
	}

	private refuse(what: string, line: string): void {
		this.services.log.info('ssh_refused', {ssh: this.services.connection, what});
		this.refusals.push(line);
	}

	/**
	 * Says `text` on stderr, gives the exit status and closes the channel; done once the
	 * client has closed its side too, so everything written before has reached it.
	 */
	private closeWith(channel: ServerChannel, text: string, status = 1): void {
		if (channel.destroyed) {
			this.resolveDone();
			return;
		}

		channel.once('close', () => this.resolveDone());
		if (text !== '') {
			channel.stderr.write(text);
		}

		channel.exit(status);
		channel.end();
	}

	private async shell(channel: ServerChannel): Promise<void> {
		const {log, connection} = this.services;
		if (!this.pty) {
			log.info('ssh_refused', {ssh: connection, what: 'no_pty'});
			this.closeWith(channel, NO_PTY);
			return;
		}

		if (this.stopping !== undefined) {
			this.closeWith(channel, this.stopping);
			return;
		}

		const identity = this.services.identify();
		if ('refused' in identity) {
			log.info('ssh_refused', {ssh: connection, what: 'key', reason: identity.refused});
			this.closeWith(channel, `chat: ${identity.refused}\r\n`);
			return;
		}

		this.started = true;
		for (const line of this.refusals) {
			channel.stderr.write(`${line}\r\n`);
		}

		const {keyboard, screen} = channelTerminal(channel, sizeOf(this.pty.cols, this.pty.rows));
		this.screen = screen;
		let status = 0;
		let farewell = '';
		log.info('ssh_session', {ssh: connection, user: identity.account, key: identity.fingerprint, term: this.pty.term});
		try {
			await this.services.runTui({
				host: this.services.chatAddress.host,
				port: this.services.chatAddress.port,
				shownAs: this.services.shownAs,
				name: identity.account,
				// The transport carries the key's proof: the client knows it is the account's (its read position is kept).
				verifiedAccount: identity.account,
				transport: this.services.transport(identity, (why) => this.turnAway(why)),
				env: {TERM: this.pty.term, ...this.env},
				stdin: keyboard as unknown as RunTuiOptions['stdin'],
				stdout: screen as unknown as RunTuiOptions['stdout'],
				stderr: screen as unknown as RunTuiOptions['stderr'],
				// The server's own process is not this session's: the session restores its channel itself.
				exitGuard: false,
				onSession: (session) => {
					this.client = session;
					if (this.stopping !== undefined) {
						session.stop();
					}
				},
			});
		} catch (error) {
			status = 1;
			log.error('ssh_session_failed', {ssh: connection, user: identity.account, ...errorFields(error, {stack: true})});
			farewell = 'chat: this session failed and was closed (the server logged why); connect again to go on.\r\n';
		}

		if (this.stopping) {
			farewell += this.stopping;
		}

		if (this.turnedAway) {
			status = 1;
		}

		log.info('ssh_session_end', {ssh: connection, user: identity.account, bytes: screen.bytesWritten});
		keyboard.end();
		if (channel.destroyed) {
			this.resolveDone();
			return;
		}

		// After the client's own writes (the restored screen), in order, on the same channel.
		screen.end(() => this.closeWith(channel, farewell, status));
	}
}

/** A pty of 0x0 (some clients send it) is the usual 80x24. */
function sizeOf(cols: number, rows: number): {columns: number; rows: number} {
	return {columns: cols > 0 ? cols : 80, rows: rows > 0 ? rows : 24};
}
