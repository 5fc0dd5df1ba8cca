/**
 * The real `chat` command from dist/ (npm test builds it first): help, version,
 * `chat serve` over TCP, its one-line listen errors, and SIGTERM/SIGINT.
 */
import {readFileSync} from 'node:fs';
import net from 'node:net';
import test from 'ava';
import {spawnChat} from '../helpers/chat-process.js';
import {HELLO} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';

const STARTED = /level=info event=started host=127\.0\.0\.1 port=(\d+) pid=(\d+)\n/;

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
	version: string;
	bin: Record<string, string>;
};

/** Holds a port on 127.0.0.1 for the length of the test. */
async function occupyPort(t: import('ava').ExecutionContext): Promise<number> {
	const blocker = net.createServer();
	await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
	t.teardown(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
	return (blocker.address() as net.AddressInfo).port;
}

test('package.json names the chat command', (t) => {
	t.deepEqual(manifest.bin, {chat: 'dist/bin/chat.js'});
});

test('chat --help lists serve and exits 0', async (t) => {
	const chat = spawnChat(t, ['--help']);
	t.deepEqual(await chat.exited, {code: 0, signal: null});
	t.regex(chat.stdout, /^chat <command> \[options\]/);
	t.regex(chat.stdout, /chat serve +Run the chat server/);
	t.regex(chat.stdout, /--version/);
	t.is(chat.stderr, '');
});

test('chat serve --help shows --port and --host with their defaults', async (t) => {
	const chat = spawnChat(t, ['serve', '--help']);
	t.deepEqual(await chat.exited, {code: 0, signal: null});
	t.regex(chat.stdout, /--port[\s\S]*\[default: 8090\]/);
	t.regex(chat.stdout, /--host[\s\S]*\[default: "127\.0\.0\.1"\]/);
});

test('chat --version prints the version of package.json, run through its shebang', async (t) => {
	const chat = spawnChat(t, ['--version'], {direct: true});
	t.deepEqual(await chat.exited, {code: 0, signal: null});
	t.is(chat.stdout, `${manifest.version}\n`);
});

test('chat without a command, or with an unknown one, says so and exits 1', async (t) => {
	const bare = spawnChat(t, []);
	t.is((await bare.exited).code, 1);
	t.regex(bare.stderr, /Name a command: chat serve\. chat --help lists them\.\n$/);
	const unknown = spawnChat(t, ['talk']);
	t.is((await unknown.exited).code, 1);
	t.regex(unknown.stderr, /Unknown argument: talk\n$/);
});

test('a port that is not a port is refused before anything starts', async (t) => {
	const chat = spawnChat(t, ['serve', '--port', '70000']);
	t.is((await chat.exited).code, 1);
	t.regex(chat.stderr, /--port must be a whole number from 0 to 65535\.\n$/);
	t.notRegex(chat.stderr, /event=started/);
});

test('chat serve listens on loopback, logs the real port, and serves real clients', async (t) => {
	const chat = spawnChat(t, ['serve', '--port', '0']);
	const [, port] = await chat.waitForStderr(STARTED);
	const alice = await TcpClient.connect(Number(port));
	t.teardown(() => alice.destroy());
	t.is(await alice.next(), HELLO);
	t.is((await alice.command('SET_NAME alice')).outcome, 'OK SET_NAME alice lobby Welcome, alice. You are in group lobby.');
	t.deepEqual(await alice.command('LIST'), {lines: ['MEMBER lobby alice', 'USER alice lobby'], outcome: 'OK LIST 1 1 1 user in lobby, 1 online.'});
	await chat.waitForStderr(/level=info event=register conn=1 user=alice users=1\n/);
	t.regex(chat.stderr, /event=connect conn=1 remote=127\.0\.0\.1:\d+ connections=1\n/);
	t.is(chat.stdout, '');
});

test('SIGTERM: every client gets BYE SHUTDOWN, the process logs it and exits 0', async (t) => {
	const chat = spawnChat(t, ['serve', '--port', '0']);
	const [, port] = await chat.waitForStderr(STARTED);
	const alice = await TcpClient.connect(Number(port));
	const visitor = await TcpClient.connect(Number(port));
	t.teardown(() => {
		alice.destroy();
		visitor.destroy();
	});
	t.is(await alice.next(), HELLO);
	t.is(await visitor.next(), HELLO);
	await alice.command('SET_NAME alice');

	chat.child.kill('SIGTERM');
	for (const client of [alice, visitor]) {
		t.is(await client.next(), 'BYE SHUTDOWN The server is shutting down.');
		await client.closed;
	}

	t.deepEqual(await chat.exited, {code: 0, signal: null});
	const events = [...chat.stderr.matchAll(/ event=(\S+)/g)].map((match) => match[1]);
	t.deepEqual(events.slice(-5), ['signal', 'shutdown', 'disconnect', 'disconnect', 'stopped']);
	t.regex(chat.stderr, /event=signal signal=SIGTERM\n/);
	t.regex(chat.stderr, /event=shutdown connections=2 users=1\n/);
});

test('SIGINT shuts down the same way', async (t) => {
	const chat = spawnChat(t, ['serve', '--port', '0']);
	const [, port] = await chat.waitForStderr(STARTED);
	const client = await TcpClient.connect(Number(port));
	t.teardown(() => client.destroy());
	t.is(await client.next(), HELLO);
	chat.child.kill('SIGINT');
	t.is(await client.next(), 'BYE SHUTDOWN The server is shutting down.');
	t.deepEqual(await chat.exited, {code: 0, signal: null});
	t.regex(chat.stderr, /event=signal signal=SIGINT\n[\s\S]*event=stopped\n$/);
});

test('a port in use is one line on stderr and exit code 1', async (t) => {
	const port = await occupyPort(t);
	const chat = spawnChat(t, ['serve', '--port', String(port)]);
	t.deepEqual(await chat.exited, {code: 1, signal: null});
	t.is(chat.stderr, `chat: cannot listen on 127.0.0.1:${port}: the port is already in use\n`);
	t.is(chat.stdout, '');
});

test('an address that is not this machine\'s is one line on stderr and exit code 1', async (t) => {
	// 192.0.2.1 is reserved for documentation: binding to it fails locally, nothing is sent.
	const chat = spawnChat(t, ['serve', '--host', '192.0.2.1', '--port', '0']);
	t.deepEqual(await chat.exited, {code: 1, signal: null});
	t.is(chat.stderr, 'chat: cannot listen on 192.0.2.1:0: the address does not belong to this machine\n');
});
