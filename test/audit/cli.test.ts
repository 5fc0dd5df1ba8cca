/**
 * `chat audit verify` and `chat audit export` as an operator runs them: the real command
 * on a real data directory, with the server running (its lock held) and stopped; and
 * `chat serve`'s retention flags.
 */
import {rmSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import {AUDIT_KEY_FILE} from '../../server/audit/signing-key.js';
import {DATABASE_FILE} from '../../server/store/open-store.js';
import {migrate} from '../../server/store/schema.js';
import {tamper} from '../helpers/audit.js';
import {runChat} from '../helpers/run-chat.js';
import {registerAll, startTestServer} from '../helpers/server.js';
import {tempDir} from '../helpers/store.js';

const KEY = /key [\da-f]{64}$/;

test('verify while the server runs and after it stops; export as JSON lines, all or for one user', async (t) => {
	const dir = tempDir(t);
	const server = await startTestServer(t, {dataDir: dir, clock: () => new Date('2026-12-06T08:00:00.000Z')});
	const [alice] = await registerAll(t, server, 'alice', 'bob');
	await alice.command('MESSAGE handover at 8');
	await alice.command('DM bob bed 4 is yours');

	const running = await runChat(t, ['audit', 'verify', '--data-dir', dir]);
	t.is(running.code, 0);
	t.regex(
		running.stdout,
		/^OK: 4 entries \(1 to 4\), head 4 [\da-f]{64}; no checkpoint signed yet; key [\da-f]{64}\n$/,
	);

	await server.close();
	const stopped = await runChat(t, ['audit', 'verify', '--data-dir', dir]);
	t.is(stopped.code, 0);
	t.regex(
		stopped.stdout.trimEnd(),
		/^OK: 4 entries \(1 to 4\), head 4 [\da-f]{64}; last signed at entry 4 \(.+Z\); key [\da-f]{64}$/,
	);
	t.regex(stopped.stdout.trimEnd(), KEY);

	const all = await runChat(t, ['audit', 'export', '--data-dir', dir]);
	t.is(all.code, 0);
	const lines = all.stdout.trimEnd().split('\n');
	// alice's and bob's guest logins, the message, the DM.
	t.is(lines.length, 4);
	t.like(JSON.parse(lines[1]!), {seq: 2, kind: 'guest_login', user: 'bob'});
	t.like(JSON.parse(lines[3]!), {
		seq: 4,
		time: '2026-12-06T08:00:00.000Z',
		kind: 'dm',
		from: 'alice',
		to: 'bob',
		text: 'bed 4 is yours',
	});
	const bobs = await runChat(t, ['audit', 'export', '--user', 'BOB', '--since', '2026-12-06', '--data-dir', dir]);
	t.deepEqual(bobs, {code: 0, stdout: `${lines[1]}\n${lines[3]}\n`, stderr: ''});
	t.deepEqual(await runChat(t, ['audit', 'export', '--since', '2026-12-07', '--data-dir', dir]), {
		code: 0,
		stdout: '',
		stderr: '',
	});
});

test('verify on a tampered trail: exit 1 and the first entry where it breaks', async (t) => {
	const dir = tempDir(t);
	const server = await startTestServer(t, {dataDir: dir});
	const [alice] = await registerAll(t, server, 'alice', 'bob');
	await alice.command('MESSAGE one');
	await alice.command('MESSAGE two');
	await server.close();
	tamper(t, dir).exec(`UPDATE audit SET fields = json_set(fields, '$.text', 'three') WHERE seq = 2`);
	t.deepEqual(await runChat(t, ['audit', 'verify', '--data-dir', dir]), {
		code: 1,
		stdout: 'BROKEN at entry 2: it was edited: its content does not match its hash.\n',
		stderr: '',
	});
});

test('refusals: no data directory, no database, no audit trail yet, no key, no time', async (t) => {
	const dir = tempDir(t);
	const refused = async (args: string[], line: RegExp) => {
		const run = await runChat(t, ['audit', ...args]);
		t.is(run.code, 1);
		t.is(run.stdout, '');
		t.regex(run.stderr, line);
	};

	await refused(
		['verify', '--data-dir', ':memory:'],
		/^chat: chat audit needs a data directory: :memory: keeps nothing\.\n$/,
	);
	await refused(
		['verify', '--data-dir', dir],
		/^chat: there is no database in .+ \(chat\.db\): is it the server's --data-dir\?\n$/,
	);

	const db = new Database(join(dir, DATABASE_FILE));
	migrate(db, 'old', 3);
	db.close();
	await refused(
		['export', '--data-dir', dir],
		/^chat: .+chat\.db has no audit trail yet \(schema version 3\): start this chat's server on it once to add one\.\n$/,
	);

	const server = await startTestServer(t, {dataDir: dir});
	await server.close();
	rmSync(join(dir, AUDIT_KEY_FILE));
	await refused(
		['verify', '--data-dir', dir],
		/^chat: cannot read the audit key .+audit-key\.pem: there is none \(the first chat serve on the directory makes it\); checkpoints cannot be checked without it\.\n$/,
	);
	await refused(['export', '--since', 'yesterday', '--data-dir', dir], /^chat: --since yesterday is not a time/);
});

test('chat serve refuses a retention of no days', async (t) => {
	for (const flag of ['--retain-days', '--audit-retain-days']) {
		t.deepEqual(await runChat(t, ['serve', '--port', '0', flag, '0']), {
			code: 1,
			stdout: '',
			stderr: `chat: ${flag} must be a number of days above 0 (at most 1000000).\n`,
		});
	}
});
