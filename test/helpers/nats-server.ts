/**
 * A test's own nats-server (or 3-node JetStream cluster) on loopback ports, in a temp
 * directory, stopped by PID and removed when the test ends, however it ends.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ExecutionContext} from 'ava';
import {
	startNatsCluster,
	startNatsServer,
	type NatsCluster,
	type NatsServer,
} from '../../server/cluster/nats-servers.js';

function tempDir(t: ExecutionContext): string {
	const dir = mkdtempSync(join(tmpdir(), 'chat-nats-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	return dir;
}

/** One JetStream server. */
export async function natsServer(t: ExecutionContext): Promise<NatsServer> {
	const server = await startNatsServer({name: 'n1', dir: tempDir(t)});
	t.teardown(() => server.stop('SIGKILL'));
	return server;
}

/** A 3-member JetStream cluster. */
export async function natsCluster(t: ExecutionContext): Promise<NatsCluster> {
	const cluster = await startNatsCluster(tempDir(t));
	t.teardown(async () => {
		await Promise.all(cluster.servers.filter((server) => server.running()).map((server) => server.stop('SIGKILL')));
	});
	return cluster;
}
