/**
 * A real server on 127.0.0.1 and a free port for one test, with a captured log, closed
 * when the test ends; and clients connected to it, each destroyed when the test ends.
 */
import type {ExecutionContext} from 'ava';
import {counterIds} from '../../server/chat/message-ids.js';
import {startServer, type RunningServer, type ServerOptions} from '../../server/serve.js';
import {CapturedLog} from './capture-log.js';
import {HANG_MS} from './hang.js';
import {HELLO} from './hello.js';
import {ON_NATS, startServerOnNats} from './server-on-nats.js';
import {TcpClient} from './tcp-client.js';

export {HELLO} from './hello.js';

export interface TestServer extends RunningServer {
	readonly log: CapturedLog;
}

/**
 * Ids count from 1 unless a test asks otherwise, so expected lines can name them; the
 * real server's clock-based ids have their own tests. With CHAT_TEST_NATS set, the server
 * is a chat node on a NATS of the test's own (server-on-nats.ts).
 */
export async function startTestServer(t: ExecutionContext, options: ServerOptions = {}): Promise<TestServer> {
	const log = new CapturedLog();
	const settings = {logger: log, ids: counterIds(), ...options, host: '127.0.0.1', port: 0};
	const server = ON_NATS ? await startServerOnNats(t, settings) : await startServer(settings);
	t.teardown(() => server.close());
	return {...server, close: () => server.close(), log};
}

/**
 * A connected client, to which the server has said nothing yet: HELLO comes before the
 * reply to its first line, and the client checks that (tcp-client.ts), so tests read
 * from the reply on.
 */
export async function connect(t: ExecutionContext, server: RunningServer): Promise<TcpClient> {
	const client = await TcpClient.connect(server.port, {greeting: HELLO});
	t.teardown(() => client.destroy());
	return client;
}

/** A client registered as `name`, its OK read. Others already online get an ONLINE line the test reads. */
export async function register(t: ExecutionContext, server: RunningServer, name: string): Promise<TcpClient> {
	const client = await connect(t, server);
	const {lines, outcome} = await client.command(`SET_NAME ${name}`);
	t.deepEqual(lines, []);
	t.is(outcome, `OK SET_NAME ${name} lobby Welcome, ${name}. You are in group lobby.`);
	return client;
}

/** Registers several users in order; each earlier one reads the ONLINE of every later one. */
export async function registerAll<const Names extends readonly string[]>(
	t: ExecutionContext,
	server: RunningServer,
	...names: Names
): Promise<{[Index in keyof Names]: TcpClient}> {
	const clients: TcpClient[] = [];
	for (const name of names) {
		const client = await register(t, server, name);
		for (const earlier of clients) {
			t.is(await earlier.next(), `ONLINE ${name} lobby`);
		}

		clients.push(client);
	}

	return clients as {[Index in keyof Names]: TcpClient};
}

/**
 * Resolves once `condition` holds, checking every few milliseconds: for state the
 * server reaches on its own (a socket it closes after the client saw the close). The
 * bound (hang.ts) only turns a condition that never holds into a failure naming it.
 */
export async function eventually(what: string, condition: () => boolean): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > HANG_MS) {
			throw new Error(`Never happened within ${HANG_MS} ms: ${what}`);
		}

		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
