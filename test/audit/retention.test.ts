/**
 * Retention and the signed checkpoints on a fake clock: messages past --retain-days
 * leave history and search (the full-text index too) but stay in the audit trail, the
 * removal is itself audited, audit entries past --audit-retain-days leave the trail
 * behind an entry that anchors what is kept, and the chain still verifies.
 */
import {join} from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {UPKEEP_INTERVAL_MS, Upkeep} from '../../server/chat/upkeep.js';
import {DATABASE_FILE, openStore} from '../../server/store/open-store.js';
import {exported, kinds, verified} from '../helpers/audit.js';
import {ManualScheduler} from '../helpers/manual-scheduler.js';
import {registerAll, startTestServer} from '../helpers/server.js';
import {tempDir} from '../helpers/store.js';

const DAY = 24 * 60 * 60 * 1000;

function readOnly(dir: string): Database.Database {
	return new Database(join(dir, DATABASE_FILE), {readonly: true});
}

test('--retain-days: old messages leave history and search, stay in the audit trail, and the removal is audited', async (t) => {
	const dir = tempDir(t);
	const start = new Date('2026-12-01T08:00:00.000Z');
	let now = start;
	const upkeep = new ManualScheduler();
	const server = await startTestServer(t, {dataDir: dir, clock: () => now, upkeepScheduler: upkeep, retainDays: 7});
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	await alice.command('MESSAGE penicillin allergy in bed 4');
	// Indexed now, by the search: the removal must take it out of the index.
	t.is((await bob.command('SEARCH penicillin')).lines.length, 2);
	// Never indexed before it goes.
	await alice.command('DM bob morphine given');
	t.regex(await bob.next(), /^DM 2 /);
	now = new Date(start.getTime() + 4 * DAY);
	await alice.command('MESSAGE penicillin allergy confirmed');
	t.regex(await bob.next(), /^MSG 3 /);

	now = new Date(start.getTime() + 7 * DAY + 1000);
	upkeep.advance(UPKEEP_INTERVAL_MS);
	// Answered after the upkeep's turn is committed.
	const history = await bob.command('HISTORY 0');
	t.is(history.outcome, 'OK HISTORY 1 0 1 message from lobby and your DMs after 0.');
	t.regex(history.lines[0]!, /^MSG 3 .* lobby alice penicillin allergy confirmed$/);
	const search = await bob.command('SEARCH penicillin');
	t.deepEqual(
		search.lines.filter((line) => line.startsWith('MSG')).map((line) => line.split(' ')[1]),
		['3'],
	);
	t.deepEqual((await bob.command('SEARCH morphine')).lines, []);

	const db = readOnly(dir);
	t.teardown(() => db.close());
	t.deepEqual(db.prepare("SELECT rowid FROM messages_text WHERE messages_text MATCH 'penicillin'").pluck().all(), [3]);
	t.deepEqual(db.prepare('SELECT id FROM messages').pluck().all(), [3]);

	const entries = exported(dir);
	t.deepEqual(kinds(entries), ['guest_login', 'guest_login', 'message', 'dm', 'message', 'retention']);
	t.like(entries[5], {
		kind: 'retention',
		time: now.toISOString(),
		messages: 2,
		first: '1',
		last: '2',
		before: new Date(now.getTime() - 7 * DAY).toISOString(),
	});
	t.like(entries[2], {text: 'penicillin allergy in bed 4'});
	t.like(verified(dir), {ok: true, entries: 6, signed: {seq: 6}});

	// Nothing more is due: the next round removes nothing and signs nothing new.
	upkeep.advance(UPKEEP_INTERVAL_MS);
	await bob.command('PING');
	t.is(exported(dir).length, 6);
	t.is(db.prepare('SELECT count(*) FROM audit_checkpoints').pluck().get(), 1);
});

test('--audit-retain-days: old entries leave behind an entry that anchors the rest, and the chain verifies', (t) => {
	const dir = tempDir(t);
	const store = openStore(dir, 'serve');
	t.teardown(() => store.close());
	const start = new Date('2026-01-01T00:00:00.000Z');
	for (let day = 0; day < 5; day++) {
		store.audit(
			{kind: 'group_created', group: `ward${day}`, user: 'alice'},
			new Date(start.getTime() + day * DAY).toISOString(),
		);
	}

	store.flush();
	store.signAuditHead(start.toISOString());
	store.flush();
	let now = new Date(start.getTime() + 33 * DAY);
	const scheduler = new ManualScheduler();
	const upkeep = new Upkeep({store, clock: () => now, scheduler, auditRetainDays: 30});
	upkeep.start();
	scheduler.advance(UPKEEP_INTERVAL_MS);
	store.flush();

	// Days 0 to 2 are older than 30 days on day 33 (and a minute).
	const entries = exported(dir);
	t.deepEqual(
		entries.map((entry) => [entry['seq'], entry['kind']]),
		[
			[4, 'group_created'],
			[5, 'group_created'],
			[6, 'audit_retention'],
		],
	);
	t.like(entries[2], {entries: 3, through: 3, anchor: entries[0]!['prev'], before: '2026-01-04T00:00:00.000Z'});
	t.like(verified(dir), {ok: true, entries: 3, first: 4, head: {seq: 6}, signed: {seq: 6}});

	// The horizon only moves forward, even for a careless script.
	const db = new Database(join(dir, DATABASE_FILE));
	t.teardown(() => db.close());
	t.throws(() => db.exec('UPDATE audit_horizon SET through = 1'), {
		any: true,
		message: 'the audit retention horizon only moves forward',
	});

	now = new Date(now.getTime() + 10 * DAY);
	scheduler.advance(UPKEEP_INTERVAL_MS);
	store.flush();
	t.deepEqual(kinds(exported(dir)), ['audit_retention', 'audit_retention']);
	t.like(verified(dir), {ok: true, entries: 2, first: 6});
	upkeep.stop();
});

test('the head is signed every interval while it moves, and once more when the upkeep stops', (t) => {
	const dir = tempDir(t);
	const store = openStore(dir, 'serve');
	t.teardown(() => store.close());
	const now = new Date('2026-12-06T08:00:00.000Z');
	const scheduler = new ManualScheduler();
	const upkeep = new Upkeep({store, clock: () => now, scheduler, intervalMs: 1000});
	upkeep.start();
	const checkpoints = () => {
		store.flush();
		return exported(dir).length === 0 ? [] : (verified(dir) as {signed?: {seq: number}}).signed?.seq;
	};

	scheduler.advance(1000);
	t.deepEqual(checkpoints(), [], 'nothing to sign yet');
	store.audit({kind: 'login', user: 'alice', address: '127.0.0.1', transport: 'plain'}, now.toISOString());
	t.is(checkpoints(), undefined, 'written, not yet signed');
	scheduler.advance(1000);
	t.is(checkpoints(), 1);
	store.audit({kind: 'login', user: 'bob', address: '127.0.0.1', transport: 'plain'}, now.toISOString());
	upkeep.stop();
	t.is(checkpoints(), 2);
	t.is(scheduler.pending, 0, 'no timer left behind');
});
