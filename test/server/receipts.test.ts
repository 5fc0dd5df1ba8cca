/**
 * Receipts between real TCP clients: a DM sent with @receipts is told delivered and
 * read; one sent without gets no line a client did not ask for; read receipts can be
 * turned off (a page's delivery is still told); an offline recipient's are told at login.
 */
import test, {type ExecutionContext} from 'ava';
import {CHEAP_PASSWORDS} from '../helpers/accounts.js';
import {connect, register, registerAll, startTestServer} from '../helpers/server.js';

const TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
const PASSWORD = 'correct horse battery';

function like(t: ExecutionContext, line: string, pattern: string): void {
	t.regex(line, new RegExp(`^${pattern.replaceAll('TIME', TIME)}$`));
}

test('a DM with @receipts: delivered follows the OK, read comes when the recipient says SEEN', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	like(t, (await alice.command('@id=a1;receipts DM bob Bed 4 obs?')).outcome, '@id=a1 OK DM 1 TIME bob Sent to bob.');
	like(t, await alice.next(), 'RECEIPT 1 bob delivered TIME');
	like(t, await bob.next(), 'DM 1 TIME alice bob Bed 4 obs\\?');

	t.is((await bob.command('SEEN 1')).outcome, 'OK SEEN 1 Seen 1.');
	like(t, await alice.next(), 'RECEIPT 1 bob read TIME');
	// Told once: showing it again tells nobody anything.
	t.is((await bob.command('SEEN 1')).outcome, 'OK SEEN 1 Seen 1.');
	// SEEN answers the same for an id that is not the user's, and tells nobody.
	t.is((await alice.command('SEEN 1')).outcome, 'OK SEEN 1 Seen 1.');
	t.is((await alice.command('SEEN 999')).outcome, 'OK SEEN 999 Seen 999.');

	// Without the tag, as every client before receipts sends it: no RECEIPT line at all.
	like(t, (await alice.command('DM bob plain')).outcome, 'OK DM 2 TIME bob Sent to bob.');
	like(t, await bob.next(), 'DM 2 TIME alice bob plain');
	await bob.command('SEEN 2');
	t.is((await alice.command('PING')).outcome, 'OK PING 0 Pong.');
	t.deepEqual([alice.unread(), bob.unread()], [[], []]);
});

test('READ_RECEIPTS off: SEEN tells no sender, of DMs or pages; a page is still told delivered', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	t.is(
		(await bob.command('READ_RECEIPTS off')).outcome,
		'OK READ_RECEIPTS off Senders are no longer told when you read; pages still tell them when they reach you.',
	);
	await alice.command('@receipts DM bob one');
	like(t, await alice.next(), 'RECEIPT 1 bob delivered TIME');
	like(t, await bob.next(), 'DM 1 TIME alice bob one');
	await bob.command('SEEN 1');
	await alice.command('PAGE bob two');
	like(t, await alice.next(), 'RECEIPT 2 bob delivered TIME');
	like(t, await bob.next(), '@page DM 2 TIME alice bob two');
	await bob.command('SEEN 2');
	t.is((await alice.command('PING quiet')).outcome, 'OK PING quiet Pong.');

	t.regex((await bob.command('READ_RECEIPTS on')).outcome, /^OK READ_RECEIPTS on /);
	await bob.command('SEEN 2');
	like(t, await alice.next(), 'RECEIPT 2 bob read TIME');
	t.deepEqual([alice.unread(), bob.unread()], [[], []]);
});

test("an offline account's DM receipts: delivered when it logs in, read when it says SEEN", async (t) => {
	const server = await startTestServer(t, {passwords: CHEAP_PASSWORDS});
	const [alice] = await registerAll(t, server, 'alice');
	const bob = await register(t, server, 'bob');
	t.is(await alice.next(), 'ONLINE bob lobby');
	t.regex((await bob.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD /);
	await bob.command('CLOSE');
	t.is(await alice.next(), 'OFFLINE bob lobby');

	like(t, (await alice.command('@receipts DM bob are you on tonight?')).outcome, 'OK DM 1 TIME bob bob is offline; .*');
	const again = await connect(t, server);
	t.regex((await again.command(`SET_NAME bob ${PASSWORD}`)).outcome, /^OK SET_NAME bob /);
	like(t, await again.next(), 'UNREAD 1 0 .*');
	t.is(await alice.next(), 'ONLINE bob lobby');
	like(t, await alice.next(), 'RECEIPT 1 bob delivered TIME');
	await again.command('SEEN 1');
	like(t, await alice.next(), 'RECEIPT 1 bob read TIME');
});
