/**
 * When the disk fills: a MESSAGE or DM whose commit fails is answered ERR STORE_FAILED,
 * never OK, and is delivered to nobody; the same turn's other messages fail with it;
 * once there is room again the server goes on. A real SQLite database made full with
 * max_page_count, over real sockets.
 */
import test from 'ava';
import Database from 'better-sqlite3';
import {migrate} from '../../server/store/schema.js';
import {SqliteStore} from '../../server/store/sqlite-store.js';
import {CHEAP_PASSWORDS} from '../helpers/accounts.js';
import {registerAll, startTestServer} from '../helpers/server.js';

test('a message whose commit fails gets ERR STORE_FAILED and reaches nobody; the next one after room is freed does', async (t) => {
	const db = new Database(':memory:');
	migrate(db, ':memory:');
	const running = await startTestServer(t, {store: new SqliteStore(db), rate: 0});
	const [alice, bob] = await registerAll(t, running, 'alice', 'bob');
	t.regex((await alice.command('MESSAGE kept')).outcome, /^OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice kept$/);

	db.pragma(`max_page_count = ${db.pragma('page_count', {simple: true}) as number}`);
	// Two in one turn: one commit, which fails for both.
	await alice.sendRaw(`@id=a MESSAGE short\n@id=b DM bob ${'x'.repeat(6000)}\n`);
	const refusal =
		'ERR STORE_FAILED %s The server could not store that (its disk may be full); nothing was sent. Try again, or tell the operator.';
	t.deepEqual(
		[await alice.next(), await alice.next()],
		[`@id=a ${refusal.replace('%s', 'MESSAGE')}`, `@id=b ${refusal.replace('%s', 'DM')}`],
	);
	t.is(running.log.events('store_failed').length, 2);

	db.pragma('max_page_count = 1000000');
	// Not remembered as sent: the same id goes out now.
	t.regex((await alice.command('@id=a MESSAGE short')).outcome, /^@id=a OK MESSAGE \d+ /);
	t.regex(await bob.next(), /^MSG \d+ \S+ lobby alice short$/, 'bob got neither failed message');
	t.deepEqual(
		(await bob.command('HISTORY 0')).lines.map((line) => line.split(' ').at(-1)),
		['kept', 'short'],
	);
});

const resendInFailedTurn = test.macro(async (t, account: boolean) => {
	const db = new Database(':memory:');
	migrate(db, ':memory:');
	const running = await startTestServer(t, {store: new SqliteStore(db), rate: 0, passwords: CHEAP_PASSWORDS});
	const [alice, bob] = await registerAll(t, running, 'alice', 'bob');
	if (account) {
		t.regex((await alice.command('SET_PASSWORD correct-horse-9')).outcome, /^OK SET_PASSWORD /);
	}

	t.regex((await alice.command('MESSAGE kept')).outcome, /^OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice kept$/);

	db.pragma(`max_page_count = ${db.pragma('page_count', {simple: true}) as number}`);
	// The resend finds the first send's id remembered (this turn's, not yet committed); the
	// commit then fails for both, so neither may be told OK.
	const text = 'x'.repeat(6000);
	await alice.sendRaw(`@id=a MESSAGE ${text}\n@id=a MESSAGE ${text}\n`);
	const refusal =
		'@id=a ERR STORE_FAILED MESSAGE The server could not store that (its disk may be full); nothing was sent. Try again, or tell the operator.';
	t.deepEqual([await alice.next(), await alice.next()], [refusal, refusal]);

	db.pragma('max_page_count = 1000000');
	t.regex(
		(await alice.command('@id=a MESSAGE short')).outcome,
		/^@id=a OK MESSAGE \d+ /,
		'a is not remembered as sent',
	);
	t.regex(await bob.next(), /^MSG \d+ \S+ lobby alice short$/, 'bob got neither failed send');
});

test(
	"a guest's resend in the turn whose commit fails gets ERR STORE_FAILED too, not the OK its first send never got",
	resendInFailedTurn,
	false,
);
test("an account's resend in the turn whose commit fails gets ERR STORE_FAILED too", resendInFailedTurn, true);
