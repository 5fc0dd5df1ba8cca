/**
 * A client written for the lab works unchanged: the server says nothing to a
 * connection before its first line (HELLO comes just before the reply to it), so a
 * client that reads before it is ready for a line (lab-client.ts) does not die. Timers
 * too: a connection that never spoke is not PINGed, and is closed without a line.
 */
import {setImmediate as turn} from 'node:timers/promises';
import test, {type ExecutionContext} from 'ava';
import type {RunningServer, ServerOptions} from '../../server/serve.js';
import {HELLO} from '../helpers/hello.js';
import {LabClient} from '../helpers/lab-client.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {registerAll, startTestServer, type TestServer} from '../helpers/server.js';

async function labClient(t: ExecutionContext, server: RunningServer): Promise<LabClient> {
	const client = await LabClient.connect(server.port);
	t.teardown(() => client.destroy());
	return client;
}

/**
 * Proof that the server had every chance to speak to `lab` and did not: the server has
 * taken the connection (its log says so), and then answered another client a full
 * exchange. Anything written to lab's socket before that answer is in lab's hands
 * once the answer is in ours and the event loop has turned once more.
 */
async function serverHadItsChance(t: ExecutionContext, server: TestServer, lab: LabClient, conn: number) {
	await server.log.waitFor('connect', {conn});
	const [other] = await registerAll(t, server, `other${conn}`);
	t.is((await other.command('PING chance')).outcome, 'OK PING chance Pong.');
	await turn();
	t.is(lab.crash, undefined, 'no line before the lab client spoke');
	t.is(lab.bytesReceived, 0, 'not a byte before the lab client spoke');
}

test('a lab-style client hears nothing before its first line, then HELLO before the reply, and works as any other', async (t) => {
	const server = await startTestServer(t);
	const lab = await labClient(t, server);
	await serverHadItsChance(t, server, lab, 1);
	lab.send('SET_NAME erin');
	t.is(await lab.next(), HELLO);
	t.is(await lab.next(), 'OK SET_NAME erin lobby Welcome, erin. You are in group lobby.');
	const [bob] = await registerAll(t, server, 'bob');
	t.is(await lab.next(), 'ONLINE bob lobby');
	t.regex((await bob.command('MESSAGE hi erin')).outcome, /^OK MESSAGE /);
	t.regex(await lab.next(), /^MSG \d+ \S+ lobby bob hi erin$/);
	lab.send('LIST_GROUP');
	t.is(await lab.next(), 'GROUP lobby 3');
	t.is(await lab.next(), 'OK LIST_GROUP 1 1 group.');
});

test('whatever the first line is, even an empty one or one the server refuses, HELLO comes first', async (t) => {
	const server = await startTestServer(t);
	const cases: Array<[string, string | undefined]> = [
		['HELP', 'COMMAND HELP HELP — List every command with its parameters. Allowed before SET_NAME.'],
		['LIST', 'ERR NOT_REGISTERED LIST Register first: SET_NAME <name>.'],
		['NONSENSE', 'ERR UNKNOWN_COMMAND NONSENSE Unknown command "NONSENSE". Type HELP for the list of commands.'],
		// A telnet user who just presses Enter is greeted too; an empty line gets no reply of its own.
		['', undefined],
	];
	for (const [first, reply] of cases) {
		const lab = await labClient(t, server);
		lab.send(first);
		lab.send('PING after');
		const lines: string[] = [];
		while (lines.at(-1) !== 'OK PING after Pong.') {
			lines.push(await lab.next());
		}

		t.is(lines[0], HELLO, JSON.stringify(first));
		if (reply === undefined) {
			t.deepEqual(lines, [HELLO, 'OK PING after Pong.']);
		} else {
			t.is(lines[1], reply);
		}
	}
});

/**
 * A lab client that never speaks, on a server whose timeouts run on a manual clock: past
 * half the idle timeout (a client that had spoken would be PINGed by then), then to the
 * end, when the server closes it without a line.
 */
async function silentUntilClosed(t: ExecutionContext, options: ServerOptions, reason: string): Promise<void> {
	const clock = new ManualScheduler();
	const server = await startTestServer(t, {scheduler: clock, idleTimeoutMs: 60_000, ...options});
	const lab = await labClient(t, server);
	await server.log.waitFor('connect', {conn: 1});
	clock.advance(30_000);
	await serverHadItsChance(t, server, lab, 1);
	clock.advance(30_000);
	await lab.closed();
	t.is(lab.crash, undefined);
	t.is(lab.bytesReceived, 0, 'neither PING nor BYE');
	t.like(await server.log.waitFor('disconnect', {conn: 1}), {fields: {reason}});
}

test('a client that never spoke is never PINGed, and is closed without a line when the registration timeout comes', async (t) => {
	await silentUntilClosed(t, {registerTimeoutMs: 60_000, closeGraceMs: 100}, 'registration_timeout');
});

test('a client that never spoke is closed without a line at the idle timeout when there is no registration timeout', async (t) => {
	await silentUntilClosed(t, {registerTimeoutMs: 0}, 'idle');
});

test('a client that never spoke gets no BYE SHUTDOWN; one that spoke does', async (t) => {
	const server = await startTestServer(t);
	const silent = await labClient(t, server);
	await serverHadItsChance(t, server, silent, 1);
	const spoke = await labClient(t, server);
	spoke.send('PING');
	t.is(await spoke.next(), HELLO);
	t.is(await spoke.next(), 'OK PING 0 Pong.');
	await server.close();
	t.is(await spoke.next(), 'BYE SHUTDOWN The server is shutting down.');
	await Promise.all([silent.closed(), spoke.closed()]);
	t.is(silent.bytesReceived, 0);
});
