/**
 * Chat nodes of a cluster for one test: in this process, each on its own loopback port
 * with a captured log, joined to the test's NATS, closed when the test ends.
 */
import type {ExecutionContext} from 'ava';
import {startNode, type NodeOptions, type RunningNode} from '../../server/cluster/start-node.js';
import {CHEAP_PASSWORDS} from './accounts.js';
import {CapturedLog} from './capture-log.js';

export interface TestNode extends RunningNode {
	readonly log: CapturedLog;
}

export async function startTestNode(
	t: ExecutionContext,
	nats: string,
	options: Partial<NodeOptions> = {},
): Promise<TestNode> {
	const log = new CapturedLog();
	const node = await startNode({
		passwords: CHEAP_PASSWORDS,
		beatMs: 200,
		deadAfterMs: 1000,
		...options,
		nats: nats.split(','),
		logger: log,
		host: '127.0.0.1',
		port: 0,
	});
	t.teardown(() => node.close());
	return {...node, log};
}

/** Nodes that have each heard from every other one (so each lists the others' users). */
export async function startTestNodes(
	t: ExecutionContext,
	nats: string,
	count: number,
	options: Partial<NodeOptions> = {},
): Promise<TestNode[]> {
	const nodes: TestNode[] = [];
	for (let index = 0; index < count; index++) {
		nodes.push(await startTestNode(t, nats, options));
	}

	for (const node of nodes) {
		for (const other of nodes) {
			if (other !== node) {
				await node.log.waitFor('cluster_node_up', {node: other.node.id});
			}
		}
	}

	return nodes;
}
