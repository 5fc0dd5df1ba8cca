/**
 * The real `chat` command from dist/ (npm test builds it first): help, version,
 * `chat serve` over TCP, its one-line listen errors, and SIGTERM/SIGINT.
 */
import {readFileSync} from 'node:fs';
import net from 'node:net';
import test, {type ExecutionContext} from 'ava';
import type {CommandModule} from 'yargs';
import {spawnChat} from '../helpers/chat-process.js';
import {COMMAND_MODULES, commandModulesIn, declaredOptions, takesValue} from '../helpers/cli-options.js';
import {listenOnLoopback} from '../helpers/loopback-server.js';
import {HELLO} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';
import {runProcess} from '../helpers/test-process.js';

const STARTED = /level=info event=started host=127\.0\.0\.1 port=(\d+) pid=(\d+)\n/;

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
	version: string;
	bin: Record<string, string>;
	scripts: Record<string, string>;
};

/** Holds a port on 127.0.0.1 for the length of the test. */
const occupyPort = (t: ExecutionContext) => listenOnLoopback(t, net.createServer());

test('package.json names the chat command', (t) => {
	t.deepEqual(manifest.bin, {chat: 'dist/bin/chat.js'});
});

test('the build runs on npm ci, never when npx chat runs the command from a clone', async (t) => {
	const prepare = manifest.scripts['prepare']!;
	// npx installs the clone into its cache and runs `prepare` there (npm_command=exec): a
	// build then would make every first `npx chat` wait for tsc. With no npm on the PATH,
	// trying to build fails, so exit 0 means it did not try.
	const run = async (npmCommand: string) =>
		(await runProcess(t, '/bin/sh', ['-c', prepare], {env: {PATH: '/nonexistent', npm_command: npmCommand}})).code;
	t.is(await run('exec'), 0);
	t.not(await run('ci'), 0);
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

test('chat without a command lists every command, one line each, and exits 1', async (t) => {
	const bare = spawnChat(t, []);
	t.is((await bare.exited).code, 1);
	const lines = bare.stderr.trimEnd().split('\n');
	t.is(lines[0], 'chat: name a command:');
	t.regex(lines[1]!, /^ {2}chat serve +Run the chat server/);
	t.regex(lines[2]!, /^ {2}chat tui +Open the full-screen chat client$/);
	t.is(lines.at(-1), 'chat <command> --help lists its options.');
	t.is(bare.stdout, '');
});

// Each is one line on stderr and exit 1: the help is for --help, not printed above the one line that matters.
for (const [args, line] of [
	[['talk'], 'chat: Unknown argument: talk'],
	[['serve', '--port', '70000'], 'chat: --port must be a whole number from 0 to 65535.'],
	[['serve', '--port', '99999'], 'chat: --port must be a whole number from 0 to 65535.'],
	[['serve', '--bogus'], 'chat: Unknown argument: bogus'],
	[['tui', '--port', 'abc'], 'chat: --port must be a whole number from 1 to 65535.'],
] as const) {
	test(`chat ${args.join(' ')}: one line, exit 1, nothing started`, async (t) => {
		const chat = spawnChat(t, [...args]);
		t.is((await chat.exited).code, 1);
		t.is(chat.stderr, `${line}\n`);
		t.is(chat.stdout, '');
	});
}

// An option that takes a value and is given none (last, or followed by another flag) is
// refused: `chat serve --port` once started a server on the default port. Every such
// option of every command, as bin/commands/ declares them, so a new one is covered too.
const VALUE_OPTIONS = declaredOptions().filter(({options}) => takesValue(options));

test('the options are read from every command bin/commands/ defines', async (t) => {
	const defined = await commandModulesIn();
	const words = (modules: readonly CommandModule[]) => modules.map((module) => String(module.command)).sort();
	t.deepEqual(words(COMMAND_MODULES), words(defined));
});

test('every option that takes a value is declared with requiresArg', (t) => {
	t.true(VALUE_OPTIONS.length > 30, `${VALUE_OPTIONS.length} value options found in bin/commands/`);
	const without = VALUE_OPTIONS.filter(({options, inherited}) => !inherited && options.requiresArg !== true);
	t.deepEqual(
		without.map(({command, name}) => `chat ${command} --${name}`),
		[],
	);
});

for (const {command, name} of VALUE_OPTIONS) {
	test(`chat ${command} --${name} without a value: one line, exit 1, nothing started`, async (t) => {
		const chat = spawnChat(t, [...command.split(' '), `--${name}`]);
		t.is((await chat.exited).code, 1);
		t.is(chat.stderr, `chat: --${name} needs a value.\n`);
		t.is(chat.stdout, '');
	});
}

test('chat serve --port followed by another flag is refused, not read as the default', async (t) => {
	const chat = spawnChat(t, ['serve', '--port', '--host', '127.0.0.1']);
	t.is((await chat.exited).code, 1);
	t.is(chat.stderr, 'chat: --port needs a value.\n');
});

test('chat serve listens on loopback, logs the real port, and serves real clients', async (t) => {
	const chat = spawnChat(t, ['serve', '--port', '0']);
	const [, port] = await chat.waitForStderr(STARTED);
	const alice = await TcpClient.connect(Number(port), {greeting: HELLO});
	t.teardown(() => alice.destroy());
	t.is(
		(await alice.command('SET_NAME alice')).outcome,
		'OK SET_NAME alice lobby Welcome, alice. You are in group lobby.',
	);
	t.deepEqual(await alice.command('LIST'), {
		lines: ['MEMBER lobby alice', 'USER alice lobby'],
		outcome: 'OK LIST 1 1 1 user in lobby, 1 online.',
	});
	await chat.waitForStderr(/level=info event=register conn=1 user=alice users=1\n/);
	t.regex(chat.stderr, /event=connect conn=1 remote=127\.0\.0\.1:\d+ connections=1\n/);
	t.is(chat.stdout, '');
});

test('SIGTERM: every client gets BYE SHUTDOWN, the process logs it and exits 0', async (t) => {
	const chat = spawnChat(t, ['serve', '--port', '0']);
	const [, port] = await chat.waitForStderr(STARTED);
	const alice = await TcpClient.connect(Number(port), {greeting: HELLO});
	const visitor = await TcpClient.connect(Number(port), {greeting: HELLO});
	t.teardown(() => {
		alice.destroy();
		visitor.destroy();
	});
	await alice.command('SET_NAME alice');
	// Unregistered, but it has spoken: a connection that never spoke is closed without a word.
	t.is((await visitor.command('PING')).outcome, 'OK PING 0 Pong.');

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
	const client = await TcpClient.connect(Number(port), {greeting: HELLO});
	t.teardown(() => client.destroy());
	t.is((await client.command('PING')).outcome, 'OK PING 0 Pong.');
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

test("an address that is not this machine's is one line on stderr and exit code 1", async (t) => {
	// 192.0.2.1 is reserved for documentation: binding to it fails locally, nothing is sent.
	const chat = spawnChat(t, ['serve', '--host', '192.0.2.1', '--port', '0']);
	t.deepEqual(await chat.exited, {code: 1, signal: null});
	t.is(chat.stderr, 'chat: cannot listen on 192.0.2.1:0: the address does not belong to this machine\n');
});

test('chat serve --help lists every limit with its default, and says TLS replaces plain TCP', async (t) => {
	const chat = spawnChat(t, ['serve', '--help']);
	t.deepEqual(await chat.exited, {code: 0, signal: null});
	const defaults: Array<[string, string]> = [
		['max-line-bytes', '8192'],
		['max-connections', '20000'],
		['max-connections-per-ip', '1000'],
		['register-timeout', '60'],
		['idle-timeout', '120'],
		['rate', '20'],
		['burst', '200'],
		['max-queued-bytes', '1048576'],
		// --history and --history-bytes went with the in-memory history (issue 9): the database keeps every message.
		['registration', '"open"'],
		['dm-scope', '"group"'],
	];
	for (const [flag, value] of defaults) {
		t.regex(chat.stdout, new RegExp(`--${flag} [\\s\\S]*?\\[default: ${value}\\]`), flag);
	}

	t.regex(
		chat.stdout,
		/--tls-cert +PEM certificate \(chain\): with --tls-key, the port speaks TLS\s+instead of plain TCP/,
	);
});

test('limits that make no sense are refused before anything starts', async (t) => {
	const cases: Array<[string[], string]> = [
		[['--max-connections', '0'], '--max-connections must be a whole number of at least 1.'],
		[['--max-line-bytes', '10'], '--max-line-bytes must be a whole number from 256 to 8192.'],
		[['--max-line-bytes', '8193'], '--max-line-bytes must be a whole number from 256 to 8192.'],
		[['--burst', '1.5'], '--burst must be a whole number of at least 1.'],
		[['--idle-timeout', '-1'], '--idle-timeout must be a number from 0 to 1000000 (0 turns it off).'],
		[['--rate', 'fast'], '--rate must be a number from 0 to 1000000 (0 turns it off).'],
	];
	for (const [args, message] of cases) {
		const chat = spawnChat(t, ['serve', '--port', '0', ...args]);
		t.is((await chat.exited).code, 1, args.join(' '));
		t.true(chat.stderr.endsWith(`${message}\n`), chat.stderr);
		t.notRegex(chat.stderr, /event=started/);
	}
});

test('the flags reach the server: a tiny idle timeout drops a silent client with BYE IDLE', async (t) => {
	const chat = spawnChat(t, ['serve', '--port', '0', '--idle-timeout', '0.3', '--register-timeout', '0']);
	const [, port] = await chat.waitForStderr(STARTED);
	const client = await TcpClient.connect(Number(port), {greeting: HELLO});
	t.teardown(() => client.destroy());
	// Silent from its first line on (one that never spoke is closed without a word).
	t.is((await client.command('PING')).outcome, 'OK PING 0 Pong.');
	t.is(await client.next(), 'PING 1 Reply PONG 1 (or send anything) to stay connected.');
	t.is(
		await client.next(),
		'BYE IDLE Nothing came from you for 0.3 seconds; the connection is closed. Reconnect to continue.',
	);
	await chat.waitForStderr(/event=disconnect conn=1 reason=idle users=0\n/);
});

test('SIGTERM with a client that does not read still exits 0, the graceful way', async (t) => {
	const chat = spawnChat(t, ['serve', '--port', '0', '--rate', '0']);
	const [, port] = await chat.waitForStderr(STARTED);
	const [stuck, talker] = await Promise.all([
		TcpClient.connect(Number(port), {greeting: HELLO}),
		TcpClient.connect(Number(port), {greeting: HELLO}),
	]);
	t.teardown(() => {
		stuck.destroy();
		talker.destroy();
	});
	await stuck.command('SET_NAME stuck');
	await talker.command('SET_NAME talker');
	stuck.pause();
	// Fill what the stuck client will not read.
	await talker.sendRaw(Array.from({length: 300}, () => `MESSAGE ${'q'.repeat(4000)}\n`).join(''));
	let oks = 0;
	await talker.until((line) => line.startsWith('OK MESSAGE') && ++oks === 300);
	chat.child.kill('SIGTERM');
	t.deepEqual(await chat.exited, {code: 0, signal: null});
	t.regex(chat.stderr, /event=stopped\n$/);
	t.notRegex(chat.stderr, /shutdown_forced/);
});

test('chat serve killed with SIGKILL restarts on the same port, and its message ids keep increasing', async (t) => {
	const first = spawnChat(t, ['serve', '--port', '0']);
	const [, port] = await first.waitForStderr(STARTED);
	const ids: number[] = [];
	const exchange = async () => {
		const [alice, bob] = await Promise.all([
			TcpClient.connect(Number(port), {greeting: HELLO}),
			TcpClient.connect(Number(port), {greeting: HELLO}),
		]);
		t.teardown(() => {
			alice.destroy();
			bob.destroy();
		});
		await alice.command('SET_NAME alice');
		await bob.command('SET_NAME bob');
		for (let i = 0; i < 3; i++) {
			const {outcome} = await alice.command(`@id=m${ids.length} MESSAGE ${i}`);
			t.regex(outcome, /^@id=m\d+ OK MESSAGE \d{16} /);
			ids.push(Number(outcome.split(' ')[3]));
		}

		return alice;
	};

	const alice = await exchange();
	first.child.kill('SIGKILL');
	t.is((await first.exited).signal, 'SIGKILL');
	await alice.closed;

	const second = spawnChat(t, ['serve', '--port', port!]);
	await second.waitForStderr(new RegExp(`event=started host=127\\.0\\.0\\.1 port=${port} `));
	await exchange();
	t.deepEqual(
		ids,
		[...ids].sort((a, b) => a - b),
	);
	t.is(new Set(ids).size, 6);
	t.true(ids[3]! > ids[2]!, 'the restarted server went on after the last id of the first');
});
