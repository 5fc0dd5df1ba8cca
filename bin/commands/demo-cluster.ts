/**
 * `chat demo-cluster`: a local cluster for a newcomer to try, all on loopback: a 3-member
 * NATS JetStream cluster and two `chat serve --nats` nodes, each its own process. It
 * prints how to connect (and what to kill to see a node fail), and stops everything, by
 * PID, on Ctrl-C. Nothing is kept: the NATS store is a temporary directory.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Argv, CommandModule} from 'yargs';
import {DEFAULT_PORT} from '../../protocol/index.js';

interface DemoArguments {
	readonly port: number;
}

const NODES = 2;
const STARTED = /event=started host=\S+ port=(\d+)/;
const STARTUP_MS = 60_000;

function builder(yargs: Argv): Argv<DemoArguments> {
	return yargs.option('port', {
		type: 'number',
		requiresArg: true,
		default: DEFAULT_PORT,
		describe: 'Port of the first chat node; the second listens on the next one (0: any free ports)',
	});
}

interface ChatNode {
	readonly child: ChildProcess;
	readonly port: number;
}

/** Starts `chat serve --nats` as a child process and resolves with its port once it listens. */
function startChatNode(index: number, port: number, urls: string): Promise<ChatNode> {
	const child = spawn(process.execPath, [process.argv[1]!, 'serve', '--port', String(port), '--nats', urls], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => reject(new Error(`chat node ${index} did not start:\n${output}`)), STARTUP_MS);
		child.stderr!.setEncoding('utf8').on('data', (text: string) => {
			output += text;
			for (const line of text.split('\n').filter((line) => line.length > 0)) {
				process.stderr.write(`[chat ${index}] ${line}\n`);
			}

			const match = STARTED.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve({child, port: Number(match[1])});
			}
		});
		child.once('exit', () => {
			clearTimeout(timer);
			reject(new Error(`chat node ${index} exited:\n${output}`));
		});
	});
}

async function demo(argv: DemoArguments): Promise<void> {
	const {startNatsCluster} = await import('../../server/cluster/nats-servers.js');
	const dir = mkdtempSync(join(tmpdir(), 'chat-demo-'));
	const nodes: ChatNode[] = [];
	let nats: Awaited<ReturnType<typeof startNatsCluster>> | undefined;
	const stop = async () => {
		for (const node of nodes) {
			node.child.kill('SIGTERM');
		}

		await Promise.all(
			nodes.map((node) =>
				node.child.exitCode === null && node.child.signalCode === null
					? new Promise((resolve) => node.child.once('exit', resolve))
					: undefined,
			),
		);
		await nats?.stop();
		rmSync(dir, {recursive: true, force: true});
	};

	try {
		nats = await startNatsCluster(dir);
		for (let index = 0; index < NODES; index++) {
			const port = argv.port === 0 ? 0 : argv.port + index;
			nodes.push(await startChatNode(index + 1, port, nats.urls));
		}
	} catch (error) {
		process.stderr.write(
			`chat: cannot start the demo cluster: ${error instanceof Error ? error.message : String(error)}\n`,
		);
		await stop();
		process.exitCode = 1;
		return;
	}

	const hosts = nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
	process.stdout.write(
		[
			'A chat cluster is running on this machine (loopback only):',
			`  NATS JetStream: ${nats.servers.map((server) => `${server.url} (pid ${server.pid})`).join(', ')}`,
			...nodes.map((node, index) => `  chat node ${index + 1}: 127.0.0.1:${node.port} (pid ${node.child.pid})`),
			'Try it, in two more terminals:',
			`  chat tui --host ${hosts} --name alice`,
			`  chat tui --host ${nodes
				.map((node) => `127.0.0.1:${node.port}`)
				.reverse()
				.join(',')} --name bob`,
			'Kill a chat node (kill -9 <pid>): its users go offline on the other, and a TUI moves there.',
			'Kill one NATS server: the chat carries on. Ctrl-C here stops everything.',
			'',
		].join('\n'),
	);

	const shutdown = (signal: NodeJS.Signals) => {
		process.stderr.write(`chat: ${signal}: stopping the demo cluster\n`);
		void stop().then(() => process.exit(0));
	};

	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

export const demoClusterCommand: CommandModule<object, DemoArguments> = {
	command: 'demo-cluster',
	describe: 'Start a local demo cluster: 3 NATS servers and 2 chat nodes on loopback (needs nats-server)',
	builder,
	handler: demo,
};
