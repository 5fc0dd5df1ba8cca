/**
 * `chat demo-cluster`: 3 NATS servers and 2 chat nodes come up on loopback, a user of
 * each node reaches the other, and Ctrl-C (SIGINT) stops every process it started.
 */
import test from 'ava';
import {spawnChat} from '../helpers/chat-process.js';
import {HELLO} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';

const TRY = /chat tui --host 127\.0\.0\.1:(\d+),127\.0\.0\.1:(\d+) --name alice/;

function running(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

test('chat demo-cluster starts a cluster two users can chat on, and stops all of it on SIGINT', async (t) => {
	const demo = spawnChat(t, ['demo-cluster', '--port', '0']);
	const ports = await new Promise<RegExpMatchArray>((resolve, reject) => {
		const check = () => {
			const match = TRY.exec(demo.stdout);
			if (match) {
				resolve(match);
			}
		};

		demo.child.stdout!.on('data', check);
		void demo.exited.then(() => reject(new Error(`the demo exited:\n${demo.stderr}`)));
	});
	const pids = [...demo.stdout.matchAll(/\(pid (\d+)\)/g)].map((match) => Number(match[1]));
	t.is(pids.length, 5);

	const clients = await Promise.all(
		[ports[1], ports[2]].map(async (port) => {
			const client = await TcpClient.connect(Number(port), {greeting: HELLO});
			t.teardown(() => client.destroy());
			return client;
		}),
	);
	const [alice, bob] = clients as [TcpClient, TcpClient];
	t.regex((await alice.command('SET_NAME alice')).outcome, /^OK SET_NAME /);
	t.regex((await bob.command('SET_NAME bob')).outcome, /^OK SET_NAME /);
	await alice.until((line) => line === 'ONLINE bob lobby');
	t.regex((await alice.command('MESSAGE hello from node 1')).outcome, /^OK MESSAGE /);
	t.regex(await bob.next(), /^MSG \d+ \S+ lobby alice hello from node 1$/);

	process.kill(demo.child.pid!, 'SIGINT');
	t.is((await demo.exited).code, 0);
	t.deepEqual(
		pids.filter((pid) => running(pid)),
		[],
	);
});
