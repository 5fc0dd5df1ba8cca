/**
 * `chat tui`: the full-screen client. Anything wrong with the arguments is said in one
 * line before the screen is touched.
 */
import {inspect} from 'node:util';
import type {Argv, CommandModule} from 'yargs';
import {checkName, DEFAULT_HOST, DEFAULT_PORT} from '../../protocol/index.js';
import {readCaFile} from '../../tui/connection/ca-file.js';
import {tlsTransport} from '../../tui/connection/tls-transport.js';
import type {ServerAddress} from '../../tui/connection/chat-connection.js';
import type {Transport} from '../../tui/connection/transport.js';
import {PASSWORD_ENV, readPasswordSource} from '../../tui/session/password-source.js';

interface TuiArguments {
	readonly host: string;
	readonly port: number;
	readonly name: string | undefined;
	readonly bell: boolean;
	readonly tls: boolean;
	readonly ca: string | undefined;
	readonly 'password-file': string | undefined;
	readonly plain: boolean;
}

function builder(yargs: Argv): Argv<TuiArguments> {
	return yargs
		.option('host', {
			type: 'string',
			requiresArg: true,
			default: DEFAULT_HOST,
			describe:
				'Server address; several nodes of one chat as a,b[:port],... (the client moves to the next when one fails)',
		})
		.option('port', {type: 'number', requiresArg: true, default: DEFAULT_PORT, describe: 'Server port'})
		.option('name', {type: 'string', requiresArg: true, describe: 'Your user name (without it, the app asks)'})
		.option('bell', {
			type: 'boolean',
			default: true,
			describe: 'Ring the bell on direct messages and mentions (--no-bell: never)',
		})
		.option('plain', {
			type: 'boolean',
			default: false,
			describe:
				'Lines instead of the full screen: for a screen reader, an Emacs shell, a serial console (the default when TERM=dumb)',
		})
		.option('tls', {type: 'boolean', default: false, describe: 'Connect with TLS (a server run with --tls-cert)'})
		.option('ca', {
			type: 'string',
			requiresArg: true,
			describe: 'With --tls: trust the PEM certificate(s) in this file instead of the system authorities',
		})
		.option('password-file', {
			type: 'string',
			requiresArg: true,
			describe: `Log in to the --name account with the password on this file's first line (mode 600); or set ${PASSWORD_ENV}. Without either, the app asks when the name is an account`,
		});
}

/** What is wrong with the arguments, as one sentence, or undefined. */
export function tuiArgumentProblem({
	host,
	port,
	name,
	tls = false,
	ca,
}: Pick<TuiArguments, 'host' | 'port' | 'name'> & Partial<Pick<TuiArguments, 'tls' | 'ca'>>): string | undefined {
	if (!Number.isInteger(port) || port < 1 || port > 65_535) {
		return '--port must be a whole number from 1 to 65535.';
	}

	if (host.trim() === '') {
		return '--host must not be empty.';
	}

	const servers = serversOf(host, port);
	if (typeof servers === 'string') {
		return servers;
	}

	if (name !== undefined) {
		const problem = checkName('user', name);
		if (problem) {
			return `--name: ${problem.message}`;
		}
	}

	if (ca !== undefined && !tls) {
		return '--ca is the certificate to trust for TLS; add --tls.';
	}

	return undefined;
}

/**
 * The servers of `--host`: one address, or several nodes of one chat separated by commas,
 * each `host`, `host:port` or `[v6 address]:port` (--port where none is given). A
 * sentence saying what is wrong instead, when something is.
 */
export function serversOf(host: string, port: number): ServerAddress[] | string {
	const servers: ServerAddress[] = [];
	for (const entry of host.split(',').map((part) => part.trim())) {
		const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry) ?? /^([^:]+)(?::(\d+))?$/.exec(entry);
		if (!match && /^[\da-f]*:[\da-f]*:[\da-f:.]*$/i.test(entry)) {
			// A bare IPv6 address (two colons or more): the whole entry is the host.
			servers.push({host: entry, port});
			continue;
		}

		const entryPort = match?.[2] === undefined ? port : Number(match[2]);
		if (!match || match[1]!.trim() === '' || !Number.isInteger(entryPort) || entryPort < 1 || entryPort > 65_535) {
			return `--host: ${JSON.stringify(entry)} is not a host or host:port (port 1 to 65535).`;
		}

		servers.push({host: match[1]!, port: entryPort});
	}

	return servers;
}

/** Plain TCP, or TLS trusting --ca; or the sentence saying why --ca cannot be used. */
function transportFor(
	tls: boolean,
	caFile: string | undefined,
): {readonly transport: Transport | undefined} | {readonly problem: string} {
	if (!tls) {
		return {transport: undefined};
	}

	if (caFile === undefined) {
		return {transport: tlsTransport()};
	}

	const read = readCaFile(caFile);
	return 'problem' in read ? read : {transport: tlsTransport({ca: read.ca})};
}

/**
 * Plain line mode when asked for, or when the terminal cannot address the cursor: TERM=dumb
 * is what an Emacs shell and a bare serial console say they are.
 */
export function wantsPlain(plain: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
	return plain || env['TERM'] === 'dumb';
}

async function tui({
	host,
	port,
	name,
	bell,
	tls,
	ca,
	plain,
	'password-file': passwordFile,
}: TuiArguments): Promise<void> {
	const fail = (sentence: string) => {
		process.stderr.write(`chat: ${sentence}\n`);
		process.exitCode = 1;
	};

	const problem = tuiArgumentProblem({host, port, name, tls, ca});
	if (problem) {
		fail(problem);
		return;
	}

	const chosen = transportFor(tls, ca);
	if ('problem' in chosen) {
		fail(chosen.problem);
		return;
	}

	const password = readPasswordSource(passwordFile, process.env);
	if ('problem' in password) {
		fail(password.problem);
		return;
	}

	// Several nodes of one chat (--host a,b): the first, then the rest to move to when it fails.
	const [first, ...fallbacks] = serversOf(host, port) as ServerAddress[];
	if (wantsPlain(plain, process.env)) {
		const {runPlain} = await import('../../tui/plain/run-plain.js');
		let code = 0;
		try {
			code = await runPlain({
				host: first!.host,
				port: first!.port,
				fallbacks,
				name,
				password: password.password,
				bell,
				transport: chosen.transport,
				stdin: process.stdin,
				stdout: process.stdout,
				// Ctrl-C in cooked mode is SIGINT: the same goodbye as /quit.
				onSession: (session) => process.once('SIGINT', () => session.quit()),
			});
		} catch (error) {
			process.stderr.write(`chat: the client stopped on an error: ${inspect(error)}\n`);
			code = 1;
		}

		process.exit(code);
	}

	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		fail(
			`chat tui needs a terminal, but its ${process.stdout.isTTY ? 'input' : 'output'} is not one; talk to the server with nc ${host} ${port} instead.`,
		);
		return;
	}

	let code: number;
	try {
		// Imported here, not at the top: `chat serve` shares this command line, and Ink and
		// React loaded for nothing cost the server ~40 MiB of RSS.
		const {runTui} = await import('../../tui/run.js');
		code = await runTui({
			host: first!.host,
			port: first!.port,
			fallbacks,
			name,
			password: password.password,
			bell,
			transport: chosen.transport,
			env: process.env,
			stdin: process.stdin,
			stdout: process.stdout,
			stderr: process.stderr,
		});
	} catch (error) {
		// The screen is restored by now, so this is printed where the user can read it.
		process.stderr.write(`chat: the client stopped on an error: ${inspect(error)}\n`);
		code = 1;
	}

	// The terminal is restored by now; exit even if some handle would keep the loop alive.
	process.exit(code);
}

export const tuiCommand: CommandModule<object, TuiArguments> = {
	command: 'tui',
	describe: 'Open the full-screen chat client',
	builder,
	handler: tui,
};
