/**
 * Every kind of event that exists on the server today reaches the audit trail, over
 * real sockets and the real `chat user`, into a real data directory, in the order it
 * happened; and the trail then verifies. What was said is in the audit trail, never in
 * the operational log.
 */
import {join} from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {GENESIS} from '../../server/audit/canonical.js';
import {Chat} from '../../server/chat/chat.js';
import {DATABASE_FILE, openStore} from '../../server/store/open-store.js';
import {CHEAP_PASSWORDS, testAccounts} from '../helpers/accounts.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {exported, kinds, verified} from '../helpers/audit.js';
import {runChat} from '../helpers/run-chat.js';
import {connect, registerAll, startTestServer} from '../helpers/server.js';
import {tempDir} from '../helpers/store.js';

const TIME = new Date('2026-12-06T08:00:00.000Z');
const PASSWORD = 'correct horse';

/** The entries without what every entry has: the chain's hashes and the time. */
function contents(dir: string) {
	return exported(dir).map(({prev, hash, time, seq, ...rest}) => {
		void [prev, hash, time, seq];
		return rest;
	});
}

test('messages, DMs, accounts, guests and logins, failed logins and group changes are audited in order', async (t) => {
	const dir = tempDir(t);
	const server = await startTestServer(t, {dataDir: dir, passwords: CHEAP_PASSWORDS, clock: () => TIME});
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	t.regex((await alice.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD alice /);
	t.regex((await bob.command('MESSAGE bed 4 needs a review')).outcome, /^OK MESSAGE 1 /);
	t.regex((await bob.command('DM Alice give 5 mg now')).outcome, /^OK DM 2 /);
	await bob.command('NEW_GROUP ward');
	await alice.command('JOIN_GROUP WARD');

	const second = await connect(t, server);
	t.regex((await second.command('SET_NAME alice not the password')).outcome, /^ERR LOGIN_FAILED /);
	t.regex((await second.command(`SET_NAME ALICE ${PASSWORD}`)).outcome, /^OK SET_NAME alice ward /);

	// The operator's changes, from another process while the server runs.
	const user = (args: string[], input?: string) => runChat(t, ['user', ...args, '--data-dir', dir], {input});
	t.is((await user(['add', 'carol'], 'first password\n')).code, 0);
	t.is((await user(['passwd', 'carol'], 'second password\n')).code, 0);
	t.is((await user(['del', 'carol'])).code, 0);

	t.deepEqual(contents(dir), [
		{kind: 'guest_login', user: 'alice', address: '127.0.0.1', transport: 'plain'},
		{kind: 'guest_login', user: 'bob', address: '127.0.0.1', transport: 'plain'},
		{kind: 'account_created', user: 'alice', by: 'self'},
		{kind: 'message', id: '1', group: 'lobby', from: 'bob', text: 'bed 4 needs a review'},
		{kind: 'dm', id: '2', from: 'bob', to: 'alice', text: 'give 5 mg now'},
		{kind: 'group_created', group: 'ward', user: 'bob'},
		{kind: 'group_left', group: 'lobby', user: 'bob'},
		{kind: 'group_joined', group: 'ward', user: 'bob'},
		{kind: 'group_left', group: 'lobby', user: 'alice'},
		{kind: 'group_joined', group: 'ward', user: 'alice'},
		{kind: 'login_failed', user: 'alice', address: '127.0.0.1', code: 'LOGIN_FAILED'},
		{kind: 'login', user: 'alice', address: '127.0.0.1', transport: 'plain'},
		{kind: 'account_created', user: 'carol', by: 'operator'},
		{kind: 'password_changed', user: 'carol', by: 'operator'},
		{kind: 'account_deleted', user: 'carol', by: 'operator'},
	]);
	const entries = exported(dir);
	t.deepEqual(
		entries.map((entry) => entry['seq']),
		entries.map((_, index) => index + 1),
	);
	t.true(entries.slice(0, 12).every((entry) => entry['time'] === TIME.toISOString()));
	t.like(verified(dir), {ok: true, entries: 15, head: {seq: 15}});

	const log = server.log.entries.map((entry) => entry.line).join('\n');
	for (const text of ['bed 4 needs a review', 'give 5 mg now', PASSWORD]) {
		t.false(log.includes(text), `the operational log never holds ${text}`);
	}
});

test('pages, acknowledgements, escalations and receipts are audited in order, on a fake clock', async (t) => {
	const dir = tempDir(t);
	const scheduler = new ManualScheduler();
	const server = await startTestServer(t, {
		dataDir: dir,
		passwords: CHEAP_PASSWORDS,
		scheduler,
		clock: () => new Date(scheduler.now()),
		idleTimeoutMs: 0,
		registerTimeoutMs: 0,
		rate: 0,
		pageTimeoutMs: 60_000,
		escalateTo: 'dave',
	});
	const [alice, bob, dave] = await registerAll(t, server, 'alice', 'bob', 'dave');
	t.regex((await alice.command('@receipts DM bob obs due')).outcome, /^OK DM 1 /);
	t.regex(await alice.next(), /^RECEIPT 1 bob delivered /);
	t.regex(await bob.next(), /^DM 1 /);
	t.regex((await bob.command('SEEN 1')).outcome, /^OK SEEN /);
	t.regex(await alice.next(), /^RECEIPT 1 bob read /);
	t.regex((await alice.command('PAGE bob Bed 4 BP 70/40')).outcome, /^OK PAGE 2 /);
	t.regex(await alice.next(), /^RECEIPT 2 bob delivered /);
	scheduler.advance(120_000);
	t.regex(await dave.next(), /^@page;escalated DM 2 /);
	t.regex((await dave.command('ACK 2')).outcome, /^OK ACK 2 /);

	const clinical = contents(dir).filter(({kind}) =>
		['dm', 'page', 'ack', 'escalation', 'receipt'].includes(kind as string),
	);
	t.deepEqual(clinical, [
		{kind: 'dm', id: '1', from: 'alice', to: 'bob', text: 'obs due'},
		{kind: 'receipt', id: '1', user: 'bob', receipt: 'delivered'},
		{kind: 'receipt', id: '1', user: 'bob', receipt: 'read'},
		{kind: 'page', id: '2', from: 'alice', to: 'bob', text: 'Bed 4 BP 70/40'},
		{kind: 'receipt', id: '2', user: 'bob', receipt: 'delivered'},
		{kind: 'receipt', id: '2', user: 'dave', receipt: 'delivered'},
		{kind: 'escalation', id: '2', to: 'dave', unanswered: 'bob'},
		{kind: 'ack', id: '2', user: 'dave'},
	]);
	t.like(verified(dir), {ok: true});
});

test('a refused login is audited whatever refused it: a wrong password, the throttle', async (t) => {
	const dir = tempDir(t);
	const server = await startTestServer(t, {
		dataDir: dir,
		passwords: CHEAP_PASSWORDS,
		loginThrottle: {perName: {burst: 1, everyMs: 30_000}},
	});
	const client = await connect(t, server);
	t.regex((await client.command('SET_NAME nobody wrong password')).outcome, /^ERR LOGIN_FAILED /);
	t.regex((await client.command('SET_NAME nobody wrong password')).outcome, /^ERR LOGIN_THROTTLED /);
	t.deepEqual(
		exported(dir).map((entry) => entry['code']),
		['LOGIN_FAILED', 'LOGIN_THROTTLED'],
	);
	t.deepEqual(kinds(exported(dir, {user: 'NOBODY'})), ['login_failed', 'login_failed']);
	t.deepEqual(exported(dir, {user: 'somebody'}), []);
});

test('a password from off the host without TLS is refused unchecked, and audited', async (t) => {
	const dir = tempDir(t);
	const store = openStore(dir, 'serve');
	t.teardown(() => store.close());
	const accounts = testAccounts(new Chat({store, clock: () => new Date('2026-12-06T08:00:00.000Z')}));
	t.like(await accounts.check('alice', 'a password', {address: '192.0.2.7', secure: false}), {code: 'NEEDS_TLS'});
	store.flush();
	t.deepEqual(exported(dir), [
		{
			seq: 1,
			time: '2026-12-06T08:00:00.000Z',
			kind: 'login_failed',
			user: 'alice',
			address: '192.0.2.7',
			code: 'NEEDS_TLS',
			prev: GENESIS,
			hash: exported(dir)[0]!['hash']!,
		},
	]);
});

test('export --since keeps the entries from that time on', async (t) => {
	const dir = tempDir(t);
	let now = new Date('2026-12-01T08:00:00.000Z');
	const server = await startTestServer(t, {dataDir: dir, clock: () => now});
	const [alice] = await registerAll(t, server, 'alice', 'bob');
	await alice.command('MESSAGE first');
	now = new Date('2026-12-02T08:00:00.000Z');
	await alice.command('MESSAGE second');
	t.deepEqual(
		exported(dir, {since: '2026-12-02T00:00:00.000Z'}).map((entry) => entry['text']),
		['second'],
	);
	// alice's and bob's guest logins, then the two messages.
	t.is(exported(dir).length, 4);
});

test('a message whose audit entry cannot be written is not acknowledged, stored or delivered', async (t) => {
	const dir = tempDir(t);
	const server = await startTestServer(t, {dataDir: dir});
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	t.regex((await alice.command('MESSAGE before')).outcome, /^OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 /);

	// The audit table refuses every new entry from now on, as a full disk would.
	const db = new Database(join(dir, DATABASE_FILE));
	t.teardown(() => db.close());
	db.exec("CREATE TRIGGER audit_refused BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
	t.regex((await alice.command('MESSAGE after')).outcome, /^ERR STORE_FAILED MESSAGE /);
	t.regex((await alice.command('DM bob after')).outcome, /^ERR STORE_FAILED DM /);
	t.deepEqual(db.prepare('SELECT id FROM messages').pluck().all(), [1]);

	db.exec('DROP TRIGGER audit_refused');
	t.regex((await alice.command('MESSAGE again')).outcome, /^OK MESSAGE 4 /);
	t.regex(await bob.next(), /^MSG 4 .* again$/, 'nothing of the refused ones reached bob');
	t.deepEqual(
		exported(dir).map((entry) => entry['text'] ?? entry['kind']),
		['guest_login', 'guest_login', 'before', 'again'],
	);
});

test('a group made again for an account whose group was not kept is audited as created', (t) => {
	const dir = tempDir(t);
	const store = openStore(dir, 'serve');
	t.teardown(() => store.close());
	// Made by hand: the account remembers a group the store has no row for.
	store.createAccount({name: 'alice', passwordHash: 'unused', group: 'Night'});
	store.flush();
	new Chat({store, clock: () => new Date('2026-12-06T08:00:00.000Z')});
	store.flush();
	const entries = exported(dir);
	t.is(entries.length, 1);
	t.like(entries[0], {kind: 'group_created', group: 'Night', user: 'alice', time: '2026-12-06T08:00:00.000Z'});
});
