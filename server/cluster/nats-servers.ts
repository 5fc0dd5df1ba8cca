/**
 * nats-server processes on loopback, for the tests, the bench and `chat demo-cluster`:
 * one JetStream server, or a 3-node JetStream cluster. Each is started with its own
 * store directory, waited for by what it logs (never by time), and stopped by its PID.
 * A chat node never starts NATS itself: in production NATS is the operator's.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import {createServer} from 'node:net';
import {join} from 'node:path';

/** Where nats-server is looked for: PATH (Debian installs it in /usr/sbin, which may not be on it). */
export const NATS_SERVER_BIN = process.env.NATS_SERVER ?? 'nats-server';
const SEARCH_PATH = `${process.env.PATH ?? ''}:/usr/sbin:/usr/local/sbin`;
// Generous: on a loaded 2-core machine a JetStream cluster takes seconds to elect a leader.
const READY_MS = 30_000;

export interface NatsServerOptions {
	/** Shown in errors, and the server's name in a cluster (must be unique there). */
	readonly name: string;
	/** JetStream's store directory (made if missing). */
	readonly dir: string;
	/** The client port; 0 (default) lets nats-server pick one, which `url` then names. */
	readonly port?: number;
	/** For a cluster member: its route port and every member's route URL. */
	readonly cluster?: {readonly name: string; readonly port: number; readonly routes: readonly string[]};
}

export interface NatsServer {
	readonly name: string;
	readonly pid: number;
	/** nats://127.0.0.1:<port> */
	readonly url: string;
	readonly port: number;
	/** Its JetStream store directory: a server started again on it (and the port) has the same streams. */
	readonly dir: string;
	/** Everything the server logged so far (for error reports). */
	output(): string;
	/** Resolves once the process has exited. */
	readonly exited: Promise<void>;
	/** Sends `signal` (SIGTERM by default: a clean stop) to the PID and waits for the exit. */
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Whether the process is still running. */
	running(): boolean;
}

/** A free TCP port on loopback, for route ports that must be known before any member starts. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (address === null || typeof address === 'string') {
		throw new Error('no port from the kernel');
	}

	return address.port;
}

/**
 * Starts one nats-server with JetStream on 127.0.0.1 and resolves once it accepts
 * clients (and, in a cluster, once it knows the JetStream metadata leader).
 */
export async function startNatsServer(options: NatsServerOptions): Promise<NatsServer> {
	mkdirSync(options.dir, {recursive: true});
	const args = ['-js', '-sd', options.dir, '-a', '127.0.0.1', '-p', String(options.port ?? -1), '-n', options.name];
	if (options.cluster) {
		const {name, port, routes} = options.cluster;
		args.push('--cluster_name', name, '--cluster', `nats://127.0.0.1:${port}`, '--routes', routes.join(','));
	}

	const child = spawn(NATS_SERVER_BIN, args, {
		stdio: ['ignore', 'ignore', 'pipe'],
		env: {...process.env, PATH: SEARCH_PATH},
	});
	let log = '';
	const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
	const spawnFailed = new Promise<never>((_resolve, reject) => {
		child.once('error', (error) => reject(new Error(`cannot start ${NATS_SERVER_BIN}: ${error.message}`)));
	});
	const ready = new RegExp(options.cluster ? 'metadata leader' : 'Server is ready');
	const port = await Promise.race([
		spawnFailed,
		new Promise<number>((resolve, reject) => {
			let listening: number | undefined;
			const timer = setTimeout(
				() => reject(new Error(`nats-server ${options.name} not ready within ${READY_MS} ms:\n${log}`)),
				READY_MS,
			);
			child.stderr!.setEncoding('utf8').on('data', (text: string) => {
				log += text;
				listening ??= Number(/Listening for client connections on [\d.]+:(\d+)/.exec(log)?.[1] ?? Number.NaN);
				if (Number.isNaN(listening)) {
					listening = undefined;
				}

				if (listening !== undefined && ready.test(log)) {
					clearTimeout(timer);
					resolve(listening);
				}
			});
			void exited.then(() => {
				clearTimeout(timer);
				reject(new Error(`nats-server ${options.name} exited before it was ready:\n${log}`));
			});
		}),
	]).catch((error: unknown) => {
		kill(child, 'SIGKILL');
		throw error;
	});

	return {
		name: options.name,
		pid: child.pid!,
		url: `nats://127.0.0.1:${port}`,
		port,
		dir: options.dir,
		output: () => log,
		exited,
		running: () => child.exitCode === null && child.signalCode === null,
		async stop(signal: NodeJS.Signals = 'SIGTERM') {
			kill(child, signal);
			await exited;
		},
	};
}

export interface NatsCluster {
	readonly servers: readonly NatsServer[];
	/** Every member's client URL, comma-separated: what `chat serve --nats` takes. */
	readonly urls: string;
	/** Starts a stopped member again, on the same ports and store (a patched machine coming back). */
	restart(index: number): Promise<NatsServer>;
	/** Stops every member still running (SIGTERM by PID). */
	stop(): Promise<void>;
}

/** A JetStream cluster of `size` members (3: one may die and the streams go on) under `baseDir`. */
export async function startNatsCluster(baseDir: string, size = 3, name = 'chat'): Promise<NatsCluster> {
	const routePorts: number[] = [];
	const clientPorts: number[] = [];
	for (let index = 0; index < size; index++) {
		routePorts.push(await freePort());
		clientPorts.push(await freePort());
	}

	const routes = routePorts.map((port) => `nats://127.0.0.1:${port}`);
	const optionsOf = (index: number): NatsServerOptions => ({
		name: `n${index + 1}`,
		dir: join(baseDir, `n${index + 1}`),
		port: clientPorts[index],
		cluster: {name, port: routePorts[index]!, routes},
	});
	// Together: a member waits for the others before JetStream elects a leader.
	const started = await Promise.allSettled(routePorts.map((_port, index) => startNatsServer(optionsOf(index))));
	const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
	const failed = started.find((result) => result.status === 'rejected');
	if (failed) {
		await Promise.all(servers.map((server) => server.stop('SIGKILL')));
		throw failed.reason;
	}

	return {
		servers,
		urls: servers.map((server) => server.url).join(','),
		async restart(index: number) {
			const server = await startNatsServer(optionsOf(index));
			servers[index] = server;
			return server;
		},
		async stop() {
			await Promise.all(servers.filter((server) => server.running()).map((server) => server.stop()));
		},
	};
}

function kill(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
		process.kill(child.pid, signal);
	}
}
