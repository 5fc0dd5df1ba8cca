/**
 * `chat serve`: run the server in the foreground until SIGINT or SIGTERM. Every limit
 * the server holds clients to is a flag here, with the default an ordinary ward needs.
 */
import {constants as osConstants} from 'node:os';
import {resolve} from 'node:path';
import type {Argv, CommandModule} from 'yargs';
import {DEFAULT_HOST, DEFAULT_PORT, MAX_ESCALATION_SECONDS, MAX_LINE_BYTES} from '../../protocol/index.js';
import type {Registration} from '../../server/chat/accounts.js';
import type {DmScope} from '../../server/chat/chat.js';
import {createLogger} from '../../server/log.js';
import {ListenError} from '../../server/net/listen-error.js';
import {DEFAULT_POLICY} from '../../server/net/policy.js';
import {loadTlsCredentials, TlsSetupError, type TlsCredentials} from '../../server/net/tls.js';
import type {RunningServer, ServerOptions} from '../../server/serve.js';
import {defaultDataDir, MEMORY} from '../../server/store/data-dir.js';
import {StoreOpenError} from '../../server/store/store-open-error.js';

/** However a shutdown goes, the process is gone this long after the signal. */
const SHUTDOWN_LIMIT_MS = 5000;

interface ServeArguments {
	readonly port: number;
	readonly host: string;
	readonly 'max-line-bytes': number;
	readonly 'max-queued-bytes': number;
	readonly 'max-connections': number;
	readonly 'max-connections-per-ip': number;
	readonly 'register-timeout': number;
	readonly 'idle-timeout': number;
	readonly rate: number;
	readonly burst: number;
	readonly 'data-dir': string;
	readonly registration: string;
	readonly 'dm-scope': string;
	readonly 'page-timeout': number;
	readonly 'escalate-to': string | undefined;
	readonly 'tls-cert': string | undefined;
	readonly 'tls-key': string | undefined;
	readonly 'ssh-port': number | undefined;
	readonly 'ssh-host': string;
	readonly 'ssh-host-key': string | undefined;
	readonly 'retain-days': number | undefined;
	readonly 'audit-retain-days': number | undefined;
	readonly nats: string | undefined;
}

const LIMITS = 'Limits (each refusal is a line that says why):';

function builder(yargs: Argv): Argv<ServeArguments> {
	return yargs
		.option('port', {
			type: 'number',
			requiresArg: true,
			default: DEFAULT_PORT,
			describe: 'TCP port to listen on (0 picks a free one; the log says which)',
		})
		.option('host', {
			type: 'string',
			requiresArg: true,
			default: DEFAULT_HOST,
			describe: 'Address to listen on; 0.0.0.0 exposes the server to the network',
		})
		.option('tls-cert', {
			type: 'string',
			requiresArg: true,
			describe: 'PEM certificate (chain): with --tls-key, the port speaks TLS instead of plain TCP',
		})
		.option('tls-key', {type: 'string', requiresArg: true, describe: 'PEM private key of --tls-cert'})
		.option('ssh-port', {
			type: 'number',
			requiresArg: true,
			describe: 'Also serve the full-screen client over SSH on this port (off unless given; 0 picks one)',
		})
		.option('ssh-host', {
			type: 'string',
			requiresArg: true,
			default: DEFAULT_HOST,
			describe: 'Address the SSH port listens on; 0.0.0.0 exposes it to the network',
		})
		.option('ssh-host-key', {
			type: 'string',
			requiresArg: true,
			describe: 'SSH host private key (OpenSSH format); default: made on first start in the data directory',
		})
		.option('max-line-bytes', {
			type: 'number',
			requiresArg: true,
			default: DEFAULT_POLICY.maxLineBytes,
			describe: `Longest client line (ERR LINE_TOO_LONG past it); at most ${MAX_LINE_BYTES}, what clients size for`,
		})
		.option('max-connections', {
			type: 'number',
			requiresArg: true,
			default: DEFAULT_POLICY.maxConnections,
			describe: 'Connections in all (BYE TOO_MANY_CONNECTIONS past it)',
		})
		.option('max-connections-per-ip', {
			type: 'number',
			requiresArg: true,
			default: DEFAULT_POLICY.maxConnectionsPerIp,
			describe: 'Connections from one address; users who SSH in all come from loopback',
		})
		.option('register-timeout', {
			type: 'number',
			requiresArg: true,
			default: DEFAULT_POLICY.registerTimeoutMs / 1000,
			describe: 'Seconds to send SET_NAME (BYE REGISTRATION_TIMEOUT); 0: no limit',
		})
		.option('idle-timeout', {
			type: 'number',
			requiresArg: true,
			default: DEFAULT_POLICY.idleTimeoutMs / 1000,
			describe: 'Seconds of silence before BYE IDLE, with a PING at half of it; 0: never',
		})
		.option('rate', {
			type: 'number',
			requiresArg: true,
			default: DEFAULT_POLICY.rate,
			describe: 'Commands a second per client (ERR RATE_LIMITED past it); 0: no limit',
		})
		.option('burst', {
			type: 'number',
			requiresArg: true,
			default: DEFAULT_POLICY.burst,
			describe: 'Commands a client may send at once; far past it is BYE FLOOD',
		})
		.option('max-queued-bytes', {
			type: 'number',
			requiresArg: true,
			default: DEFAULT_POLICY.maxQueuedBytes,
			describe: 'Unread output per client (BYE SLOW_CONSUMER past it)',
		})
		.option('data-dir', {
			type: 'string',
			requiresArg: true,
			default: defaultDataDir(),
			defaultDescription: '$XDG_DATA_HOME/chat, else ~/.local/share/chat',
			describe: `Where accounts, groups and messages are kept (chat.db); ${MEMORY} keeps nothing after the server stops`,
		})
		.option('registration', {
			type: 'string',
			requiresArg: true,
			choices: ['open', 'admin'],
			default: 'open',
			describe: 'Who makes accounts: anyone with SET_PASSWORD (open), or only the operator with chat user add (admin)',
		})
		.option('dm-scope', {
			type: 'string',
			requiresArg: true,
			choices: ['group', 'all'],
			default: 'group',
			describe: "Whom a DM may reach: users of the sender's group (group), or anyone (all)",
		})
		.option('nats', {
			type: 'string',
			requiresArg: true,
			describe:
				'Join a cluster of chat nodes on NATS JetStream (URLs, comma-separated, e.g. nats://127.0.0.1:4222): accounts and messages are kept there, not in --data-dir (docs/CLUSTER.md)',
		})
		.option('page-timeout', {
			type: 'number',
			requiresArg: true,
			default: 120,
			describe:
				'Seconds a page waits for an acknowledgement before it is re-sent, and as long again before it escalates (where its group sets none: ESCALATION)',
		})
		.option('escalate-to', {
			type: 'string',
			requiresArg: true,
			describe: 'Where unacknowledged pages escalate to where their group sets no target: a user, or #group',
		})
		.option('retain-days', {
			type: 'number',
			requiresArg: true,
			describe: 'Remove messages older than this many days from history and search (not from the audit trail)',
		})
		.option('audit-retain-days', {
			type: 'number',
			requiresArg: true,
			describe: 'Remove audit entries older than this many days (kept for ever without it)',
		})
		.group(['port', 'host', 'tls-cert', 'tls-key'], 'Listening:')
		.group(['ssh-port', 'ssh-host', 'ssh-host-key'], 'SSH (docs/SSH.md):')
		.group(
			[
				'data-dir',
				'nats',
				'registration',
				'dm-scope',
				'page-timeout',
				'escalate-to',
				'retain-days',
				'audit-retain-days',
			],
			'Accounts and storage:',
		)
		.group(
			[
				'max-line-bytes',
				'max-connections',
				'max-connections-per-ip',
				'register-timeout',
				'idle-timeout',
				'rate',
				'burst',
				'max-queued-bytes',
			],
			LIMITS,
		)
		.check((argv) => {
			const problem = argumentProblem(argv as unknown as ServeArguments);
			if (problem) {
				throw new Error(problem);
			}

			return true;
		});
}

/** Whole numbers and their range. */
const WHOLE: ReadonlyArray<readonly [keyof ServeArguments, number, number]> = [
	// Lower only: clients size their buffers for the protocol's limit (server lines
	// repeat a whole client line), so a server cannot accept longer lines than that.
	['max-line-bytes', 256, MAX_LINE_BYTES],
	['max-connections', 1, Number.MAX_SAFE_INTEGER],
	['max-connections-per-ip', 1, Number.MAX_SAFE_INTEGER],
	['burst', 1, Number.MAX_SAFE_INTEGER],
	['max-queued-bytes', 64 * 1024, Number.MAX_SAFE_INTEGER],
	['page-timeout', 1, MAX_ESCALATION_SECONDS],
];

/** Seconds and rates: fractions allowed, 0 turns the limit off. */
const OFF_OR_MORE: ReadonlyArray<keyof ServeArguments> = ['register-timeout', 'idle-timeout', 'rate'];

/** What is wrong with the arguments, as one sentence, or undefined. */
export function argumentProblem(argv: ServeArguments): string | undefined {
	const {port} = argv;
	if (!Number.isInteger(port) || port < 0 || port > 65_535) {
		return '--port must be a whole number from 0 to 65535.';
	}

	for (const [name, least, most] of WHOLE) {
		const value = argv[name] as number;
		if (!Number.isSafeInteger(value) || value < least || value > most) {
			return most === Number.MAX_SAFE_INTEGER
				? `--${name} must be a whole number of at least ${least}.`
				: `--${name} must be a whole number from ${least} to ${most}.`;
		}
	}

	for (const name of OFF_OR_MORE) {
		const value = argv[name] as number;
		if (!Number.isFinite(value) || value < 0 || value > 1_000_000) {
			return `--${name} must be a number from 0 to 1000000 (0 turns it off).`;
		}
	}

	for (const name of ['retain-days', 'audit-retain-days'] as const) {
		const value = argv[name];
		if (value !== undefined && (!Number.isFinite(value) || value <= 0 || value > 1_000_000)) {
			return `--${name} must be a number of days above 0 (at most 1000000).`;
		}
	}

	if ((argv['tls-cert'] === undefined) !== (argv['tls-key'] === undefined)) {
		return 'TLS needs both --tls-cert and --tls-key.';
	}

	const sshPort = argv['ssh-port'];
	if (sshPort !== undefined && (!Number.isInteger(sshPort) || sshPort < 0 || sshPort > 65_535)) {
		return '--ssh-port must be a whole number from 0 to 65535.';
	}

	if (sshPort === undefined && argv['ssh-host-key'] !== undefined) {
		return '--ssh-host-key needs --ssh-port.';
	}

	if (argv.nats !== undefined && natsUrls(argv.nats).length === 0) {
		return '--nats needs at least one URL, e.g. nats://127.0.0.1:4222.';
	}

	return undefined;
}

async function serve(argv: ServeArguments): Promise<void> {
	const log = createLogger();
	const fail = (sentence: string) => {
		// One line an operator can act on, not a stack trace.
		process.stderr.write(`chat: ${sentence}\n`);
		process.exitCode = 1;
	};

	let tls: TlsCredentials | undefined;
	const certFile = argv['tls-cert'];
	const keyFile = argv['tls-key'];
	if (certFile !== undefined && keyFile !== undefined) {
		try {
			tls = loadTlsCredentials(certFile, keyFile);
		} catch (error) {
			fail(error instanceof TlsSetupError ? error.message : `cannot set up TLS: ${String(error)}`);
			return;
		}
	}

	let server: RunningServer;
	const nats = argv.nats === undefined ? undefined : natsUrls(argv.nats);
	try {
		// The server and SQLite (and the NATS client) load here, not with the command line: `chat tui` needs none.
		const {startServer} = await import('../../server/serve.js');
		const start = nats
			? async (options: ServerOptions) => {
					const {startNode} = await import('../../server/cluster/start-node.js');
					return startNode({...options, nats});
				}
			: startServer;
		server = await start({
			host: argv.host,
			port: argv.port,
			logger: log,
			tls,
			maxLineBytes: argv['max-line-bytes'],
			maxQueuedBytes: argv['max-queued-bytes'],
			maxConnections: argv['max-connections'],
			maxConnectionsPerIp: argv['max-connections-per-ip'],
			registerTimeoutMs: argv['register-timeout'] * 1000,
			idleTimeoutMs: argv['idle-timeout'] * 1000,
			rate: argv.rate,
			burst: argv.burst,
			dataDir: argv['data-dir'],
			registration: argv.registration as Registration,
			dmScope: argv['dm-scope'] as DmScope,
			pageTimeoutMs: argv['page-timeout'] * 1000,
			escalateTo: argv['escalate-to'],
			ssh:
				argv['ssh-port'] === undefined
					? undefined
					: {host: argv['ssh-host'], port: argv['ssh-port'], hostKeyFile: argv['ssh-host-key']},
			retainDays: argv['retain-days'],
			auditRetainDays: argv['audit-retain-days'],
			// What an idle server holds is what its users see: V8's heap shrunk once it goes quiet.
			idleMemory: true,
		});
	} catch (error) {
		// HostKeyError is told by name: its module loads ssh2, which only an SSH server needs.
		fail(
			error instanceof ListenError ||
				error instanceof StoreOpenError ||
				isClusterJoinError(error) ||
				(error instanceof Error && error.name === 'HostKeyError')
				? error.message
				: `cannot start the server: ${String(error)}`,
		);
		return;
	}

	// Where the accounts and messages are, so an operator knows what to back up (or that nothing is kept).
	const dataDir = argv['data-dir'];
	if (nats) {
		log.info('store', {nats: nats.join(','), kept: true});
	} else {
		log.info('store', {data_dir: dataDir === MEMORY ? dataDir : resolve(dataDir), kept: dataDir !== MEMORY});
	}

	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) {
			// A second Ctrl-C during the (short) graceful shutdown ends the process at once, as a signal would.
			process.exit(128 + (osConstants.signals[signal] ?? 0));
		}

		stopping = true;
		log.info('signal', {signal});
		// The shutdown itself is bounded (a client gets 2 s to take its BYE); this is the
		// backstop that keeps the promise to a supervisor whatever happens.
		setTimeout(() => {
			log.warn('shutdown_forced', {after_ms: SHUTDOWN_LIMIT_MS});
			process.exit(1);
		}, SHUTDOWN_LIMIT_MS).unref();
		void server.close().then(() => process.exit(0));
	};

	// `on`, not `once`: with SSH on, Ink (in each session's client) has its own signal
	// handler (signal-exit), which kills the process at once when it is the only
	// handler left, before the sessions could restore their users' terminals.
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

function natsUrls(value: string): string[] {
	return value
		.split(',')
		.map((url) => url.trim())
		.filter((url) => url.length > 0);
}

/** By name: the cluster's modules (and the NATS client) are loaded only with --nats. */
function isClusterJoinError(error: unknown): error is Error {
	return error instanceof Error && error.name === 'ClusterJoinError';
}

export const serveCommand: CommandModule<object, ServeArguments> = {
	command: 'serve',
	describe:
		'Run the chat server (loopback only unless --host says otherwise; TLS with --tls-cert and --tls-key; SSH with --ssh-port)',
	builder,
	handler: serve,
};
