/**
 * `chat audit verify`'s walk over a real data directory: OK on an intact trail, and on
 * each kind of tampering an attacker with the database file could do (the triggers
 * dropped first, as they would), the first place it breaks and why.
 */
import {statSync} from 'node:fs';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import Database from 'better-sqlite3';
import {entryHash} from '../../server/audit/canonical.js';
import {AUDIT_KEY_FILE, ephemeralAuditKey, signCheckpoint} from '../../server/audit/signing-key.js';
import type {AuditEvent} from '../../server/chat/audit.js';
import {DATABASE_FILE, openStore} from '../../server/store/open-store.js';
import {tamper, verified} from '../helpers/audit.js';
import {tempDir} from '../helpers/store.js';

const EVENTS: readonly AuditEvent[] = [
	{kind: 'login', user: 'alice', address: '127.0.0.1', transport: 'plain'},
	{kind: 'message', id: '11', group: 'lobby', from: 'alice', text: 'bed 4 needs a review'},
	{kind: 'dm', id: '12', from: 'alice', to: 'bob', text: 'give 5 mg now'},
	{kind: 'group_created', group: 'ward', user: 'bob'},
	{kind: 'group_left', group: 'lobby', user: 'bob'},
	{kind: 'group_joined', group: 'ward', user: 'bob'},
];

const time = (seq: number) => `2026-12-06T08:00:0${seq}.000Z`;

/** Six entries; the head signed after the fourth and after the sixth. */
function trail(t: ExecutionContext): string {
	const dir = tempDir(t);
	const store = openStore(dir, 'serve');
	EVENTS.forEach((event, index) => {
		store.audit(event, time(index + 1));
		if (index === 3 || index === 5) {
			store.flush();
			store.signAuditHead(time(index + 1));
		}
	});
	store.close();
	return dir;
}

interface Row {
	seq: number;
	time: string;
	kind: string;
	fields: string;
	prev: string;
	hash: string;
}

/** Recomputes the hashes from `from` on, as an attacker covering an edit would. */
function rehash(db: Database.Database, from: number): void {
	const rows = db.prepare('SELECT * FROM audit WHERE seq >= ? ORDER BY seq').all(from) as Row[];
	let prev =
		(db
			.prepare('SELECT hash FROM audit WHERE seq = ?')
			.pluck()
			.get(from - 1) as string | undefined) ?? '';
	for (const row of rows) {
		const {seq, time, kind} = row;
		const hash = entryHash({prev, seq, time, kind, fields: JSON.parse(row.fields) as Record<string, string>});
		db.prepare('UPDATE audit SET prev = ?, hash = ? WHERE seq = ?').run(prev, hash, seq);
		prev = hash;
	}
}

function broken(t: ExecutionContext, dir: string, entry: number, problem: RegExp): void {
	const verdict = verified(dir);
	if (verdict.ok) {
		t.fail(`verify said OK: ${JSON.stringify(verdict)}`);
		return;
	}

	t.is(verdict.entry, entry);
	t.regex(verdict.problem, problem);
}

test('an intact trail is OK: the count, the head and the last checkpoint', (t) => {
	const dir = trail(t);
	const verdict = verified(dir);
	t.like(verdict, {ok: true, entries: 6, first: 1, head: {seq: 6}, signed: {seq: 6, time: time(6)}});
	t.is(statSync(join(dir, AUDIT_KEY_FILE)).mode & 0o777, 0o600);
});

test('the database itself refuses to change or delete an entry, a checkpoint or the horizon', (t) => {
	const dir = trail(t);
	// Through SQLite directly, as a careless script would, the triggers in place.
	const db = new Database(join(dir, DATABASE_FILE));
	t.teardown(() => db.close());
	const refused = (sql: string, message: RegExp) => t.throws(() => db.exec(sql), {any: true, message});
	refused("UPDATE audit SET fields = '{}' WHERE seq = 2", /^the audit trail is append-only$/);
	refused(
		'DELETE FROM audit WHERE seq = 6',
		/^the audit trail is append-only \(only audit retention removes entries\)$/,
	);
	refused('UPDATE audit_checkpoints SET seq = 1', /^audit checkpoints are append-only$/);
	refused('DELETE FROM audit_checkpoints', /^audit checkpoints are append-only$/);
	refused('DELETE FROM audit_horizon', /^the audit retention horizon is kept$/);
	t.like(verified(dir), {ok: true, entries: 6});
});

test('an edited entry: its content no longer matches its hash', (t) => {
	const dir = trail(t);
	tamper(t, dir).exec(`UPDATE audit SET fields = json_set(fields, '$.text', 'give 50 mg now') WHERE seq = 3`);
	broken(t, dir, 3, /^it was edited: its content does not match its hash\.$/);
});

test('an edited time is an edit too', (t) => {
	const dir = trail(t);
	tamper(t, dir).exec(`UPDATE audit SET time = '2026-12-06T07:00:00.000Z' WHERE seq = 2`);
	broken(t, dir, 2, /^it was edited/);
});

test('an entry edited and given a new hash: the next entry does not follow it', (t) => {
	const dir = trail(t);
	const db = tamper(t, dir);
	db.exec(`UPDATE audit SET fields = json_set(fields, '$.text', 'give 50 mg now') WHERE seq = 3`);
	const row = db.prepare('SELECT * FROM audit WHERE seq = 3').get() as Row;
	const {seq, kind, prev} = row;
	const hash = entryHash({prev, seq, time: row.time, kind, fields: JSON.parse(row.fields) as Record<string, string>});
	db.prepare('UPDATE audit SET hash = ? WHERE seq = 3').run(hash);
	broken(
		t,
		dir,
		4,
		/^it does not follow entry 3 \(it holds no entry's hash\): entry 3 was changed and given a new hash/,
	);
});

test('the chain rewritten from an edit on: only the signed checkpoint tells', (t) => {
	const dir = trail(t);
	const db = tamper(t, dir);
	db.exec(`UPDATE audit SET fields = json_set(fields, '$.text', 'give 50 mg now') WHERE seq = 3`);
	rehash(db, 3);
	broken(t, dir, 4, /^it is not the entry checkpoint 1 \(2026-12-06T08:00:04\.000Z\) signed: the trail was rewritten/);
});

test('a deleted entry: a gap in the sequence', (t) => {
	const dir = trail(t);
	tamper(t, dir).exec('DELETE FROM audit WHERE seq = 3');
	broken(t, dir, 3, /^entry 3 is missing: deleted\.$/);
});

test('a deleted entry, the rest renumbered: the next one does not follow', (t) => {
	const dir = trail(t);
	const db = tamper(t, dir);
	db.exec('DELETE FROM audit WHERE seq = 3');
	db.exec('UPDATE audit SET seq = seq - 1 WHERE seq > 3');
	broken(t, dir, 3, /^it does not follow entry 2 .*or entries before this one were removed and the rest renumbered\.$/);
});

test('the newest entries cut off: the last checkpoint signed more than is left', (t) => {
	const dir = trail(t);
	tamper(t, dir).exec('DELETE FROM audit WHERE seq > 4');
	broken(t, dir, 6, /^checkpoint 2 \(.+\) signed entry 6, but the trail ends at 4: entries were cut off the end\.$/);
});

test('the oldest entries removed outside retention: nothing vouches for the horizon', (t) => {
	const dir = trail(t);
	const db = tamper(t, dir);
	db.exec('DELETE FROM audit WHERE seq <= 2');
	t.like(verified(dir), {ok: false, entry: 1, problem: 'entries 1 to 2 are missing: deleted.'});
	// Covered by moving the horizon up, as retention would, but without its entry.
	db.exec(`UPDATE audit_horizon SET through = 2, hash = '${'0'.repeat(64)}'`);
	db.exec(`UPDATE audit_horizon SET hash = (SELECT prev FROM audit WHERE seq = 3)`);
	broken(t, dir, 2, /^entries up to 2 are gone, and no audit retention entry says it removed them: deleted\.$/);
});

test('re-ordered entries: one written after another now stands before it', (t) => {
	const dir = trail(t);
	const db = tamper(t, dir);
	db.exec('UPDATE audit SET seq = -1 WHERE seq = 2');
	db.exec('UPDATE audit SET seq = 2 WHERE seq = 3');
	db.exec('UPDATE audit SET seq = 3 WHERE seq = -1');
	broken(t, dir, 2, /^it was written after what is now entry 3, not after entry 1: the entries were re-ordered\.$/);
});

test('a forged checkpoint: signed by another key', (t) => {
	const dir = trail(t);
	const db = tamper(t, dir);
	const head = db.prepare('SELECT seq, hash FROM audit WHERE seq = 6').get() as {seq: number; hash: string};
	const when = '2026-12-06T09:00:00.000Z';
	db.prepare('INSERT INTO audit_checkpoints (time, seq, hash, signature) VALUES (?, ?, ?, ?)').run(
		when,
		head.seq,
		head.hash,
		signCheckpoint(ephemeralAuditKey(), head.seq, head.hash, when),
	);
	broken(
		t,
		dir,
		6,
		/^checkpoint 3 \(2026-12-06T09:00:00\.000Z\) is forged: its signature is not by this data directory's audit key\.$/,
	);
});

test('a checkpoint altered to match a rewritten chain: its signature no longer holds', (t) => {
	const dir = trail(t);
	const db = tamper(t, dir);
	db.exec(`UPDATE audit SET fields = json_set(fields, '$.text', 'give 50 mg now') WHERE seq = 3`);
	rehash(db, 3);
	db.exec('UPDATE audit_checkpoints SET hash = (SELECT hash FROM audit WHERE audit.seq = audit_checkpoints.seq)');
	broken(t, dir, 4, /^checkpoint 1 .* is forged/);
});
