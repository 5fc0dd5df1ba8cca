/**
 * Accounts over real sockets: making one, logging in, every refusal, impersonation,
 * the throttle, several connections of one account, a guest holding an account's name,
 * and the order of a connection's lines while its login runs.
 */
import test from 'ava';
import {MAX_HELD_LINES} from '../../server/commands/dispatcher.js';
import {CHEAP_PASSWORDS} from '../helpers/accounts.js';
import {memoryStore} from '../helpers/store.js';
import {connect, register, registerAll, startTestServer} from '../helpers/server.js';
import {singleServerTest} from '../helpers/server-on-nats.js';
import type {TcpClient} from '../helpers/tcp-client.js';
import type {RunningServer, ServerOptions} from '../../server/serve.js';
import type {ExecutionContext} from 'ava';

const PASSWORD = 'correct horse battery';
const LOGIN_FAILED = 'ERR LOGIN_FAILED SET_NAME That name and password do not match an account.';

function server(t: ExecutionContext, options: ServerOptions = {}) {
	return startTestServer(t, {passwords: CHEAP_PASSWORDS, ...options});
}

/** A guest who makes its name an account, then stays online. */
async function account(t: ExecutionContext, running: RunningServer, name: string): Promise<TcpClient> {
	const client = await register(t, running, name);
	t.is(
		(await client.command(`SET_PASSWORD ${PASSWORD}`)).outcome,
		`OK SET_PASSWORD ${name} ${name} is now an account: log in with SET_NAME ${name} <password>.`,
	);
	return client;
}

async function login(t: ExecutionContext, running: RunningServer, name: string, group = 'lobby'): Promise<TcpClient> {
	const client = await connect(t, running);
	t.is(
		(await client.command(`SET_NAME ${name} ${PASSWORD}`)).outcome,
		`OK SET_NAME ${name} ${group} Welcome back, ${name}. You are in group ${group}.`,
	);
	return client;
}

test('SET_PASSWORD makes the name an account: nobody else can take it, its owner logs in with the password', async (t) => {
	const running = await server(t);
	const alice = await account(t, running, 'alice');
	await alice.command('CLOSE');

	const mallory = await connect(t, running);
	t.is(
		(await mallory.command('SET_NAME Alice')).outcome,
		'ERR ACCOUNT_PROTECTED SET_NAME "alice" is an account: log in with SET_NAME alice <password>.',
	);
	t.is((await mallory.command('SET_NAME alice not the password')).outcome, LOGIN_FAILED);
	// A name that is no account is refused in the very same words.
	t.is((await mallory.command(`SET_NAME nobody ${PASSWORD}`)).outcome, LOGIN_FAILED);
	t.is((await mallory.command('SET_NAME alice x')).outcome, LOGIN_FAILED);
	t.is((await mallory.command('LIST')).outcome, 'ERR NOT_REGISTERED LIST Register first: SET_NAME <name>.');

	const owner = await login(t, running, 'ALICE'.toLowerCase());
	t.is((await owner.command('LIST')).outcome, 'OK LIST 1 1 1 user in lobby, 1 online.');
	// Online or not, an account's name answers as an account's: its owner on a second
	// terminal is told to log in (a NAME_TAKEN would send the client to wait for the name).
	t.is(
		(await mallory.command('SET_NAME alice')).outcome,
		'ERR ACCOUNT_PROTECTED SET_NAME "alice" is an account: log in with SET_NAME alice <password>.',
	);
	const log = JSON.stringify(running.log.entries);
	t.false(log.includes(PASSWORD), 'the password is never logged');
	t.false(log.includes('not the password'), 'nor a wrong one');
});

test('SET_PASSWORD refusals: not registered, a bad password, already an account, registration closed', async (t) => {
	const running = await server(t);
	const visitor = await connect(t, running);
	t.is(
		(await visitor.command(`SET_PASSWORD ${PASSWORD}`)).outcome,
		'ERR NOT_REGISTERED SET_PASSWORD Register first: SET_NAME <name>.',
	);
	const bob = await register(t, running, 'bob');
	t.is(
		(await bob.command('SET_PASSWORD short')).outcome,
		'ERR PASSWORD_INVALID SET_PASSWORD A password is 8 to 1024 characters; that one has 5. Usage: SET_PASSWORD <password>.',
	);
	await account(t, running, 'carol').then(async (carol) => {
		t.is(
			(await carol.command(`SET_PASSWORD ${PASSWORD}2`)).outcome,
			'ERR ALREADY_ACCOUNT SET_PASSWORD carol is an account already; its password is changed by the operator (chat user passwd).',
		);
	});

	const closed = await server(t, {registration: 'admin'});
	const dave = await register(t, closed, 'dave');
	t.is(
		(await dave.command(`SET_PASSWORD ${PASSWORD}`)).outcome,
		"ERR REGISTRATION_CLOSED SET_PASSWORD This server's operator makes the accounts (chat user add); ask them for one.",
	);
	t.is((await connect(t, closed).then((c) => c.command(`SET_NAME dave ${PASSWORD}`))).outcome, LOGIN_FAILED);
});

test('failed logins are throttled per name: 5, then one every 30 s, checked or not', async (t) => {
	let now = Date.parse('2026-11-24T05:00:00.000Z');
	const running = await server(t, {clock: () => new Date(now)});
	(await account(t, running, 'alice')).destroy();
	const guesser = await connect(t, running);
	for (let attempt = 1; attempt <= 5; attempt++) {
		t.is((await guesser.command(`SET_NAME alice guess-${attempt}`)).outcome, LOGIN_FAILED, `attempt ${attempt}`);
	}

	const throttled =
		'ERR LOGIN_THROTTLED SET_NAME Too many failed logins for that name or from your address; try again in 30 s.';
	t.is((await guesser.command('SET_NAME alice guess-6')).outcome, throttled);
	// Refused without checking: even the right password.
	t.is((await guesser.command(`SET_NAME alice ${PASSWORD}`)).outcome, throttled);
	now += 20_000;
	t.regex((await guesser.command('SET_NAME alice guess-7')).outcome, /try again in 10 s\.$/);
	now += 10_000;
	t.is(
		(await guesser.command(`SET_NAME alice ${PASSWORD}`)).outcome,
		'OK SET_NAME alice lobby Welcome back, alice. You are in group lobby.',
	);
});

test('the lines sent behind a login wait for it and run in order', async (t) => {
	const running = await server(t);
	(await account(t, running, 'alice')).destroy();
	const client = await connect(t, running);
	await client.sendRaw(`@id=1 SET_NAME alice ${PASSWORD}\n@id=2 LIST\n@id=3 PING x\n`);
	t.deepEqual(
		[await client.next(), await client.next(), await client.next(), await client.next(), await client.next()],
		[
			'@id=1 OK SET_NAME alice lobby Welcome back, alice. You are in group lobby.',
			'MEMBER lobby alice',
			'USER alice lobby',
			'@id=2 OK LIST 1 1 1 user in lobby, 1 online.',
			'@id=3 OK PING x Pong.',
		],
	);
});

test('behind a login at most MAX_HELD_LINES lines wait; the rest are refused, every outcome in the order sent', async (t) => {
	const running = await server(t, {rate: 0});
	(await account(t, running, 'alice')).destroy();
	const client = await connect(t, running);
	// All in one write: every line reaches the server while the password is being checked.
	const pings = Array.from({length: MAX_HELD_LINES + 2}, (_, index) => `PING p${index}\n`).join('');
	await client.sendRaw(`SET_NAME alice ${PASSWORD}\n${pings}`);
	const refused = `ERR RATE_LIMITED * More than ${MAX_HELD_LINES} lines came while your login was being checked; this one was not run.`;
	t.is(await client.next(), 'OK SET_NAME alice lobby Welcome back, alice. You are in group lobby.');
	for (let index = 0; index < MAX_HELD_LINES; index++) {
		t.is(await client.next(), `OK PING p${index} Pong.`);
	}

	t.is(await client.next(), refused);
	t.is(await client.next(), refused);
	t.is((await client.command('PING after')).outcome, 'OK PING after Pong.', 'and then all is as before');
});

test('an account on two connections: each gets what is sent to it, ONLINE at the first, OFFLINE at the last', async (t) => {
	const running = await server(t);
	const bob = await register(t, running, 'bob');
	const alice = await account(t, running, 'alice');
	t.is(await bob.next(), 'ONLINE alice lobby');
	const phone = await login(t, running, 'alice');
	t.deepEqual((await bob.command('LIST')).lines, [
		'MEMBER lobby alice',
		'MEMBER lobby bob',
		'USER alice lobby',
		'USER bob lobby',
	]);
	const dm = (await bob.command('DM alice bed 7?')).outcome;
	t.regex(dm, /^OK DM \d+ \S+ alice Sent to alice\.$/);
	t.regex(await alice.next(), /^DM \d+ \S+ bob alice bed 7\?$/);
	t.regex(await phone.next(), /^DM \d+ \S+ bob alice bed 7\?$/);
	// What one connection sends, the other shows too.
	t.regex((await phone.command('MESSAGE on my way')).outcome, /^OK MESSAGE \d+ \S+ lobby 1 /);
	t.regex(await bob.next(), /^MSG \d+ \S+ lobby alice on my way$/);
	t.regex(await alice.next(), /^MSG \d+ \S+ lobby alice on my way$/);
	await phone.command('CLOSE');
	t.regex((await bob.command('PING')).outcome, /^OK PING/, 'no OFFLINE while a connection is left');
	alice.destroy();
	t.is(await bob.next(), 'OFFLINE alice lobby');
});

// The operator writes the account straight into the server's own store: a node's store is its replica of the log.
singleServerTest(
	'a guest holding a name the operator made an account is told BYE ACCOUNT_CLAIMED when the owner logs in',
	async (t) => {
		const store = memoryStore(t);
		const running = await server(t, {store});
		const [bob, eve] = await registerAll(t, running, 'bob', 'eve');
		store.createAccount({name: 'eve', passwordHash: await CHEAP_PASSWORDS.hash(PASSWORD), group: 'lobby'});
		store.flush();
		await login(t, running, 'eve');
		t.is(
			await eve.next(),
			'BYE ACCOUNT_CLAIMED This name is now an account and its owner has logged in; choose another name.',
		);
		await eve.closed;
		t.deepEqual([await bob.next(), await bob.next()], ['OFFLINE eve lobby', 'ONLINE eve lobby']);
	},
);
