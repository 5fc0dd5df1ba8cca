/**
 * Starting a whole chat node of a cluster: it joins the cluster (cluster-node.ts), then
 * a server runs on it exactly as a single server does, on the node's store, ids and
 * membership. Used by `chat serve --nats` and by the cluster tests and bench.
 */
import {createLogger} from '../log.js';
import {HANDLERS} from '../commands/table.js';
import {startServer, type RunningServer, type ServerOptions} from '../serve.js';
import {ClusterNode, type ClusterNodeOptions} from './cluster-node.js';

export interface NodeOptions extends ServerOptions, Omit<ClusterNodeOptions, 'log' | 'servers'> {
	/** NATS URLs. */
	readonly nats: readonly string[];
}

export interface RunningNode extends RunningServer {
	readonly node: ClusterNode;
}

/** Rejects with a ClusterJoinError when NATS cannot be used, and as startServer does. */
export async function startNode(options: NodeOptions): Promise<RunningNode> {
	const log = options.logger ?? createLogger();
	const node = await ClusterNode.join({...options, servers: options.nats, log});
	let server: RunningServer;
	try {
		server = await startServer({
			...options,
			logger: log,
			store: node.store,
			// The node's ids (its slot of the log's clock) unless the caller brings its own:
			// only a node that is the one writer of its NATS may (the tests that run the single
			// server's tests on a node count ids from 1, test/helpers/server-on-nats.ts).
			ids: options.ids ?? node.ids,
			sentIds: node.sentIds,
			handlers: node.handlers(options.handlers ?? HANDLERS),
			cluster: node.server,
		});
	} catch (error) {
		await node.close();
		throw error;
	}

	let closing: Promise<void> | undefined;
	return {
		...server,
		node,
		// The server first (its users are told, the last writes published), then the node leaves.
		close: () => (closing ??= server.close().then(() => node.close())),
	};
}
