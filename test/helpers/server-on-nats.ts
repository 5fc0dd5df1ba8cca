/**
 * The same protocol tests against a chat node on NATS (issue 15: "the same tests pass
 * against both"): with CHAT_TEST_NATS set (`npm run test:nats` sets it), startTestServer
 * starts a cluster node here instead of a single SQLite server. Each test gets its own
 * nats-server (about 30 ms to start): the stream and bucket names are fixed
 * (cluster-node.ts), so a server of its own is what keeps one test's chat out of another's.
 */
import test, {type ExecutionContext, type Implementation} from 'ava';
import {startNode} from '../../server/cluster/start-node.js';
import type {Logger} from '../../server/log.js';
import type {RunningServer, ServerOptions} from '../../server/serve.js';
import {natsServer} from './nats-server.js';

export const ON_NATS = Boolean(process.env.CHAT_TEST_NATS);

/**
 * A node as `chat serve --nats` starts one, keeping the test's ids: the node is the only
 * writer to its own NATS, so ids counted from 1 still increase and are unique, and expected
 * lines can name them as they do against the single server.
 */
export async function startServerOnNats(
	t: ExecutionContext,
	options: ServerOptions & {readonly logger: Logger},
): Promise<RunningServer> {
	if (options.store !== undefined || options.dataDir !== undefined) {
		// A node's store is its replica of the log: a test that brings its own store or
		// directory tests the single server, and must not pass here with it ignored.
		throw new Error('a test with its own store or data directory cannot run on NATS (docs/CLUSTER.md, "Tests")');
	}

	const nats = await natsServer(t);
	return startNode({...options, nats: [nats.url]});
}

/**
 * A test that holds only against the single server, for a reason its caller states
 * (listed in docs/CLUSTER.md, "Tests"): skipped, and counted as skipped, on NATS.
 */
export const singleServerTest: (title: string, implementation: Implementation<[]>) => void = ON_NATS ? test.skip : test;
