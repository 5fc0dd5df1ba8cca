/**
 * `chat serve`: run the server in the foreground until SIGINT or SIGTERM.
 */
import type {Argv, CommandModule} from 'yargs';
import {createLogger} from '../../server/log.js';
import {ListenError} from '../../server/net/listen-error.js';
import {DEFAULT_HOST, DEFAULT_PORT, startServer, type RunningServer} from '../../server/serve.js';

interface ServeArguments {
	readonly port: number;
	readonly host: string;
}

function builder(yargs: Argv): Argv<ServeArguments> {
	return yargs
		.option('port', {
			type: 'number',
			default: DEFAULT_PORT,
			describe: 'TCP port to listen on (0 picks a free one; the log says which)',
		})
		.option('host', {
			type: 'string',
			default: DEFAULT_HOST,
			describe: 'Address to listen on; 0.0.0.0 exposes the server to the network',
		})
		.check(({port}) => {
			if (!Number.isInteger(port) || port < 0 || port > 65_535) {
				throw new Error('--port must be a whole number from 0 to 65535.');
			}

			return true;
		});
}

async function serve({port, host}: ServeArguments): Promise<void> {
	const log = createLogger();
	let server: RunningServer;
	try {
		server = await startServer({host, port, logger: log});
	} catch (error) {
		// One line an operator can act on, not a stack trace.
		const reason = error instanceof ListenError ? error.message : `cannot start the server: ${String(error)}`;
		process.stderr.write(`chat: ${reason}\n`);
		process.exitCode = 1;
		return;
	}

	const stop = (signal: NodeJS.Signals) => {
		log.info('signal', {signal});
		void server.close().then(() => process.exit(0));
	};

	// `once`: a second Ctrl-C during the (short) graceful shutdown kills the process the usual way.
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

export const serveCommand: CommandModule<object, ServeArguments> = {
	command: 'serve',
	describe: 'Run the chat server (loopback only unless --host says otherwise)',
	builder,
	handler: serve,
};
