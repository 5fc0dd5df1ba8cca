/**
 * The SSH server inside a test server, reached by the system ssh: a session whose
 * client fails is closed with a message and a log line while another session goes on;
 * refused keys are throttled per name; a session's connection is counted against the
 * SSH client's address like any other, and a session the chat turns away (a connection
 * limit, its key removed before a reconnect) is told why once and closed, never left
 * retrying.
 */
import type {Socket} from 'node:net';
import test from 'ava';
import {runTui, type RunTuiOptions} from '../../tui/run.js';
import type {CapturedLog} from '../helpers/capture-log.js';
import {register, startTestServer} from '../helpers/server.js';
import {makeKey, runSsh, sshCommand} from '../helpers/ssh.js';
import {memoryStore} from '../helpers/store.js';

/** CapturedLog.waitFor, for up to a minute: an ssh process and its handshake can take seconds on a loaded machine. */
async function loggedSoon(log: CapturedLog, event: string, fields: Record<string, string>): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			await log.waitFor(event, fields);
			return;
		} catch (error) {
			if (attempt === 12) {
				throw error;
			}
		}
	}
}

test('a session whose client fails is closed with a message and a log line; the others go on', async (t) => {
	t.timeout(90_000);
	// The safety net is what is tested: mallory's client fails as it starts, anyone else's is the real one.
	const failing = async (options: RunTuiOptions): Promise<number> => {
		if (options.name === 'mallory') {
			options.stdout.write('drawing...\n');
			throw new Error('the client broke');
		}

		return runTui(options);
	};

	const server = await startTestServer(t, {ssh: {port: 0, runTui: failing}});
	const [bobsKey, mallorysKey] = await Promise.all([makeKey(t), makeKey(t)]);
	const bob = runSsh(t, sshCommand(server.ssh!.port, 'bob', bobsKey, ['-tt']));
	await loggedSoon(server.log, 'login', {user: 'bob'});

	const mallory = await runSsh(t, sshCommand(server.ssh!.port, 'mallory', mallorysKey, ['-tt']));
	t.is(mallory.code, 1);
	t.regex(
		mallory.stdout + mallory.stderr,
		/drawing\.\.\.\r\n[\s\S]*chat: this session failed and was closed \(the server logged why\); connect again to go on\./,
	);
	const failed = server.log.events('ssh_session_failed')[0];
	t.is(failed?.level, 'error');
	t.is(failed?.fields['user'], 'mallory');
	t.regex(String(failed?.fields['stack']), /the client broke/);

	// bob never noticed: still online, and still served.
	t.is(server.ssh!.sessionCount(), 1);
	t.is(server.userCount(), 1);
	await server.close();
	const ended = await bob;
	t.regex(ended.stderr, /chat: the server is shutting down; connect again in a moment\./);
});

test('refused keys count as failed logins: past the throttle the server refuses before anything is said', async (t) => {
	t.timeout(90_000);
	const server = await startTestServer(t, {
		ssh: {port: 0},
		loginThrottle: {perName: {burst: 2, everyMs: 600_000}, perAddress: {burst: 100, everyMs: 1000}},
	});
	const stranger = await makeKey(t);
	// bob is an account (made over TCP): a key that is not his is refused, and counted.
	const bob = await register(t, server, 'bob');
	t.regex((await bob.command('SET_PASSWORD correct horse battery')).outcome, /^OK SET_PASSWORD /);

	for (let attempt = 1; attempt <= 2; attempt++) {
		const refused = await runSsh(t, sshCommand(server.ssh!.port, 'bob', stranger, ['-T']));
		t.is(refused.code, 1, `attempt ${attempt} is let in to be told why`);
	}

	const throttled = await runSsh(t, sshCommand(server.ssh!.port, 'bob', stranger, ['-T']));
	t.is(throttled.code, 255);
	t.regex(throttled.stderr, /Permission denied/);
	t.true(server.log.events('ssh_auth_throttled').length > 0);
	// Per name: the same key and address may still try another name.
	t.is((await runSsh(t, sshCommand(server.ssh!.port, 'carol', stranger, ['-T']))).code, 1);
});

for (const {limit, options, says} of [
	{
		limit: 'connections from one address',
		options: {maxConnectionsPerIp: 1},
		says: 'chat: Your address has all the connections the server takes from one address (1); close one and try again.',
	},
	{
		limit: 'connections in all',
		// The SSH connection itself is held to the same number by ssh2, apart from the edge's count.
		options: {maxConnections: 1},
		says: 'chat: The server has all the connections it takes (1); try again later.',
	},
]) {
	test(`a session refused by the edge (${limit}) is told which limit once and closed, not left retrying`, async (t) => {
		t.timeout(90_000);
		const server = await startTestServer(t, {ssh: {port: 0}, ...options});
		// carol, at nc over TCP from the same loopback address, holds the one connection there is.
		await register(t, server, 'carol');
		const key = await makeKey(t);

		const bob = await runSsh(t, sshCommand(server.ssh!.port, 'bob', key, ['-tt']));
		t.is(bob.code, 1);
		const output = bob.stdout + bob.stderr;
		t.is(output.split(says).length - 1, 1, output);
		// The client's screen was restored before the line (the alternate screen left).
		t.regex(output, /\u001B\[\?1049l[\s\S]*chat: /);
		const turnedAway = server.log.events('ssh_refused').filter((event) => event.fields['what'] === 'chat');
		t.is(turnedAway.length, 1);
		t.is(server.ssh!.sessionCount(), 0);
		t.is(server.connectionCount(), 1);
	});
}

test('a session whose key is removed is closed at its next reconnect with why, not asked for a password', async (t) => {
	t.timeout(90_000);
	const store = memoryStore(t);
	// The real client, on a transport whose sockets the test can drop, as a lost link would.
	const sockets: Socket[] = [];
	const dropping = (options: RunTuiOptions): Promise<number> =>
		runTui({
			...options,
			transport: {
				open(host, port) {
					const opened = options.transport!.open(host, port);
					sockets.push(opened.socket);
					return opened;
				},
			},
		});
	const server = await startTestServer(t, {store, ssh: {port: 0, runTui: dropping}});
	const key = await makeKey(t);
	const bob = runSsh(t, sshCommand(server.ssh!.port, 'bob', key, ['-tt']));
	await loggedSoon(server.log, 'login', {user: 'bob'});

	t.true(store.deleteAccountKey('bob', key.fingerprint));
	sockets[0]!.destroy();
	const ended = await bob;
	t.is(ended.code, 1);
	t.true((ended.stdout + ended.stderr).includes(`chat: The SSH key ${key.fingerprint} no longer logs in to bob.`));
	// Refused before the chat heard of the reconnect: no second login, and no attempt after it.
	t.is(server.log.events('login').length, 1);
	t.is(sockets.length, 2);
	t.is(server.ssh!.sessionCount(), 0);
});
