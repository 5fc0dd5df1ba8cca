import test from 'ava';
import {jetstreamManager} from '@nats-io/jetstream';
import {connect} from '@nats-io/transport-node';
import {natsCluster, natsServer} from '../helpers/nats-server.js';

test('a JetStream server starts on a loopback port and stops by its PID', async (t) => {
	const server = await natsServer(t);
	t.regex(server.url, /^nats:\/\/127\.0\.0\.1:\d+$/);
	const nc = await connect({servers: server.url});
	const jsm = await jetstreamManager(nc);
	t.true((await jsm.getAccountInfo()).limits !== undefined);
	await nc.close();
	await server.stop();
	t.false(server.running());
	t.throws(() => process.kill(server.pid, 0));
});

test('a 3-node JetStream cluster keeps a replicated stream when a member is killed', async (t) => {
	const cluster = await natsCluster(t);
	t.is(cluster.servers.length, 3);
	const nc = await connect({servers: cluster.urls.split(','), reconnectTimeWait: 100});
	const jsm = await jetstreamManager(nc);
	const info = await jsm.streams.add({name: 'T', subjects: ['t.>'], num_replicas: 3});
	t.is(info.config.num_replicas, 3);
	await cluster.servers[2]!.stop('SIGKILL');
	t.false(cluster.servers[2]!.running());
	const js = jsm.jetstream();
	// Interest in the JetStream API moves while the cluster notices the loss (no responders
	// for a moment): the client's own retries with back-off, under one message id (the
	// stream keeps one), carry the publish across that.
	const ack = await js.publish('t.x', 'after the loss of a member', {msgID: 'm1', timeout: 2000, retries: 20});
	const seq = ack.seq;
	t.is(seq, 1);
	t.is((await jsm.streams.info('T')).state.messages, 1);
	await nc.close();
});
