/**
 * Offline delivery, read positions and what a connection may read, over real sockets:
 * DMs and group messages to offline accounts, UNREAD at login, READ, the DM scope,
 * HISTORY and SEARCH never showing another account's or an earlier guest's DMs, and
 * HISTORY_BEFORE paging.
 */
import test, {type ExecutionContext} from 'ava';
import type {RunningServer, ServerOptions} from '../../server/serve.js';
import {CHEAP_PASSWORDS} from '../helpers/accounts.js';
import {connect, register, startTestServer} from '../helpers/server.js';
import type {TcpClient} from '../helpers/tcp-client.js';

const PASSWORD = 'correct horse battery';
const TIME = / \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;
const untimed = (lines: readonly string[]) => lines.map((line) => line.replace(TIME, ' '));

function server(t: ExecutionContext, options: ServerOptions = {}) {
	return startTestServer(t, {passwords: CHEAP_PASSWORDS, ...options});
}

async function account(t: ExecutionContext, running: RunningServer, name: string): Promise<TcpClient> {
	const client = await register(t, running, name);
	t.regex((await client.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD /);
	return client;
}

/** Logs in; resolves with the client and the OK line (the UNREAD, if any, is left to read). */
async function login(t: ExecutionContext, running: RunningServer, name: string) {
	const client = await connect(t, running);
	const {outcome} = await client.command(`SET_NAME ${name} ${PASSWORD}`);
	t.regex(outcome, /^OK SET_NAME /);
	return {client, outcome};
}

test('a DM to an offline account is stored, counted as unread at login, paged with HISTORY, then READ', async (t) => {
	const running = await server(t);
	const alice = await account(t, running, 'alice');
	const bob = await register(t, running, 'bob');
	await alice.next();
	await alice.command('CLOSE');
	await bob.until((line) => line === 'OFFLINE alice lobby');
	t.is(
		(await bob.command('DM alice bed 7 needs you')).outcome.replace(TIME, ' '),
		'OK DM 1 alice alice is offline; they get it when they log in.',
	);
	t.is(
		(await bob.command('DM nobody hello')).outcome,
		'ERR NO_SUCH_USER DM There is no user named "nobody".',
		'neither online nor an account: refused as before',
	);
	const {client} = await login(t, running, 'alice');
	t.is(await client.next(), 'UNREAD 1 0 1 message since you last read: HISTORY 0 shows them.');
	t.deepEqual(untimed((await client.command('HISTORY 0')).lines), ['DM 1 bob alice bed 7 needs you']);
	t.is((await client.command('READ 1')).outcome, 'OK READ 1 Read up to 1.');
	t.is((await client.command('READ 0')).outcome, 'OK READ 0 Read up to 0.', 'never back: still read up to 1');
	await client.command('CLOSE');
	const again = await login(t, running, 'alice');
	t.is((await again.client.command('PING')).outcome, 'OK PING 0 Pong.', 'nothing unread: no UNREAD line');
	t.is(
		(await bob.command('READ 1')).outcome,
		'OK READ 1 Read up to 1; nothing is kept for guests.',
		'a guest is answered alike',
	);
});

test('a group keeps its offline accounts: a message to them alone is accepted, and waits for their login', async (t) => {
	const running = await server(t);
	const alice = await account(t, running, 'alice');
	await alice.command('NEW_GROUP night');
	alice.destroy();
	const bob = await register(t, running, 'bob');
	t.deepEqual((await bob.command('LIST_GROUP')).lines, ['GROUP lobby 1', 'GROUP night 0']);
	await bob.command('JOIN_GROUP night');
	t.is(
		(await bob.command('MESSAGE handover at 7')).outcome.replace(TIME, ' '),
		'OK MESSAGE 1 night 1 Sent to 1 user in night.',
	);
	const carol = await register(t, running, 'carol');
	t.is(
		(await carol.command('MESSAGE anyone?')).outcome,
		'ERR NO_RECIPIENTS MESSAGE Nobody else is in lobby to receive it; the message was not sent.',
	);
	const {client, outcome} = await login(t, running, 'alice');
	t.is(outcome, 'OK SET_NAME alice night Welcome back, alice. You are in group night.');
	t.regex(await client.next(), /^UNREAD 1 \d+ /);
	t.deepEqual(untimed((await client.command('HISTORY 0')).lines), ['MSG 1 night bob handover at 7']);
});

test('the DM scope: an offline account in another group is out of reach unless --dm-scope all', async (t) => {
	for (const [dmScope, expected] of [
		['group', /^ERR NOT_IN_YOUR_GROUP DM alice is in group night; DMs reach only users of your group \(lobby\)\.$/],
		['all', /^OK DM \d+ \S+ alice alice is offline; they get it when they log in\.$/],
	] as const) {
		const running = await server(t, {dmScope});
		const alice = await account(t, running, 'alice');
		await alice.command('NEW_GROUP night');
		alice.destroy();
		const bob = await register(t, running, 'bob');
		t.regex((await bob.command('DM alice hello')).outcome, expected, dmScope);
	}
});

test("HISTORY and SEARCH never show another account's DMs, nor an earlier guest's", async (t) => {
	const running = await server(t);
	const alice = await account(t, running, 'alice');
	const carol = await account(t, running, 'carol');
	const dave = await register(t, running, 'dave');
	const bob = await register(t, running, 'bob');
	await bob.command('DM alice bed 7 is confidential');
	await bob.command('DM dave bed 7 for dave');
	await bob.command('MESSAGE bed 7 round at noon');
	await alice.until((line) => line.includes('round at noon'));
	await dave.until((line) => line.includes('round at noon'));
	await carol.until((line) => line.includes('round at noon'));

	const search = async (client: TcpClient) => untimed((await client.command('SEARCH BED 7')).lines);
	t.deepEqual(await search(alice), ['MSG 3 lobby bob bed 7 round at noon', 'DM 1 bob alice bed 7 is confidential']);
	t.deepEqual(await search(carol), ['MSG 3 lobby bob bed 7 round at noon']);
	t.deepEqual(untimed((await carol.command('HISTORY 0')).lines), ['MSG 3 lobby bob bed 7 round at noon']);
	t.deepEqual(await search(dave), ['MSG 3 lobby bob bed 7 round at noon', 'DM 2 bob dave bed 7 for dave']);
	t.is((await carol.command('SEARCH confidential')).outcome, 'OK SEARCH 0 0 0 messages match "confidential".');

	// The case: the guest leaves, someone else takes the name and reads nothing of theirs.
	await dave.command('CLOSE');
	const impostor = await register(t, running, 'dave');
	t.deepEqual(await search(impostor), ['MSG 3 lobby bob bed 7 round at noon']);
	t.deepEqual(untimed((await impostor.command('HISTORY 0')).lines), ['MSG 3 lobby bob bed 7 round at noon']);
	// Nor can a guest take an account's name to read its DMs.
	t.regex((await connect(t, running).then((c) => c.command('SET_NAME carol'))).outcome, /^ERR ACCOUNT_PROTECTED /);
	t.is(
		(await bob.command('SEARCH "bed" OR *')).outcome,
		'OK SEARCH 0 0 0 messages match ""bed" OR *".',
		'the words are plain terms, never query syntax',
	);
});

test('HISTORY_BEFORE pages back from the newest, oldest first in each page', async (t) => {
	const running = await server(t, {rate: 0});
	const alice = await register(t, running, 'alice');
	const bob = await register(t, running, 'bob');
	await alice.next();
	for (let index = 1; index <= 5; index++) {
		await alice.command(`MESSAGE m${index}`);
	}

	await bob.until((line) => line.endsWith(' m5'));
	const page = async (line: string) => {
		const reply = await bob.command(line);
		return [reply.lines.map((message) => message.split(' ').at(-1)), reply.outcome];
	};

	t.deepEqual(await page('HISTORY_BEFORE 0 2'), [
		['m4', 'm5'],
		'OK HISTORY_BEFORE 2 1 2 messages from lobby and your DMs; older ones are kept: send HISTORY_BEFORE with the first id.',
	]);
	t.deepEqual(await page('HISTORY_BEFORE 4 2'), [
		['m2', 'm3'],
		'OK HISTORY_BEFORE 2 1 2 messages from lobby and your DMs before 4; older ones are kept: send HISTORY_BEFORE with the first id.',
	]);
	t.deepEqual(await page('HISTORY_BEFORE 2'), [
		['m1'],
		'OK HISTORY_BEFORE 1 0 1 message from lobby and your DMs before 2.',
	]);
	t.deepEqual(await page('HISTORY 2 2'), [
		['m3', 'm4'],
		'OK HISTORY 2 1 2 messages from lobby and your DMs; more are kept: send HISTORY with the last id again.',
	]);
});
