/**
 * Opening a data directory on a real disk: where it is by default, the modes of what
 * is made, data kept across a reopen, a migration from the previous schema version,
 * the one-serve lock (across processes, and released by a kill -9), and each database
 * that is refused, one line and the file untouched.
 */
import {existsSync, readFileSync, statSync, writeFileSync, openSync, writeSync, closeSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import type {GroupMessage} from '../../protocol/index.js';
import {DATABASE_FILE, defaultDataDir, MEMORY, openStore} from '../../server/store/open-store.js';
import {migrate, SCHEMA_VERSION, schemaVersion} from '../../server/store/schema.js';
import {StoreOpenError} from '../../server/store/store-open-error.js';
import {holdStore} from '../helpers/store-holder.js';
import {tempDir} from '../helpers/store.js';

function msg(id: number, text: string): GroupMessage {
	return {type: 'MSG', id: String(id), time: '2026-01-02T03:04:05.000Z', group: 'lobby', from: 'alice', text};
}

const mode = (path: string) => statSync(path).mode & 0o777;

/** Opening must fail with exactly one line, and leave the database file byte for byte as it was. */
function refused(t: import('ava').ExecutionContext, dir: string, pattern: RegExp): void {
	const file = join(dir, DATABASE_FILE);
	const before = readFileSync(file);
	const error = t.throws(() => openStore(dir, 'serve'), {instanceOf: StoreOpenError});
	t.regex(error.message, pattern);
	t.false(error.message.includes('\n'), 'one line');
	t.deepEqual(readFileSync(file), before, 'the file is untouched');
	t.false(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0, 'nothing written to a WAL either');
}

test('the default data directory is $XDG_DATA_HOME/chat, else ~/.local/share/chat', (t) => {
	t.is(defaultDataDir({XDG_DATA_HOME: '/srv/data'}, '/home/a'), '/srv/data/chat');
	t.is(defaultDataDir({}, '/home/a'), '/home/a/.local/share/chat');
	t.is(defaultDataDir({XDG_DATA_HOME: ''}, '/home/a'), '/home/a/.local/share/chat');
	t.is(
		defaultDataDir({XDG_DATA_HOME: 'relative'}, '/home/a'),
		'/home/a/.local/share/chat',
		'relative is invalid per XDG',
	);
});

test('a new data directory is made 0700, the database and its WAL, shm, lock and pid files 0600', (t) => {
	const dir = join(tempDir(t), 'nested', 'chat');
	const store = openStore(dir, 'serve');
	store.appendGroupMessage(msg(1, 'hello'));
	store.flush();
	t.is(mode(dir), 0o700);
	t.is(mode(join(dir, '..')), 0o700, 'parents made along the way too');
	for (const file of ['chat.db', 'chat.db-wal', 'chat.db-shm', 'serve.lock', 'serve.pid']) {
		t.is(mode(join(dir, file)), 0o600, file);
	}

	t.is(readFileSync(join(dir, 'serve.pid'), 'utf8'), `${process.pid}\n`);
	store.close();
	t.false(existsSync(join(dir, 'serve.pid')), 'a clean close removes the pid file');
});

test('what was committed is there after a reopen, and ids continue above the highest', (t) => {
	const dir = tempDir(t);
	const first = openStore(dir, 'serve');
	t.is(first.lastMessageId(), 0);
	first.createAccount({name: 'alice', passwordHash: 'h', group: 'icu'});
	first.saveGroup('icu');
	first.appendGroupMessage(msg(41, 'kept'));
	first.flush();
	first.close();

	const second = openStore(dir, 'serve');
	t.teardown(() => second.close());
	t.is(second.lastMessageId(), 41);
	t.like(second.account('alice'), {group: 'icu'});
	t.deepEqual(second.groups(), [{name: 'icu', key: 'icu'}]);
	t.deepEqual(second.after({group: 'lobby'}, 0, 10).messages, [msg(41, 'kept')]);
	const db = new Database(join(dir, DATABASE_FILE), {readonly: true});
	t.teardown(() => db.close());
	t.is(db.pragma('journal_mode', {simple: true}), 'wal');
	t.is(schemaVersion(db), SCHEMA_VERSION);
});

test(':memory: is a fresh database each time, with nothing on disk', (t) => {
	const store = openStore(MEMORY, 'serve');
	store.appendGroupMessage(msg(1, 'gone later'));
	store.flush();
	t.is(store.lastMessageId(), 1);
	store.close();
	const again = openStore(MEMORY, 'serve');
	t.teardown(() => again.close());
	t.is(again.lastMessageId(), 0);
	t.false(existsSync(MEMORY));
});

test('a database of the previous schema version is migrated in place, its messages searchable', (t) => {
	const dir = tempDir(t);
	const file = join(dir, DATABASE_FILE);
	const v1 = new Database(file);
	migrate(v1, file, 1);
	v1.prepare(
		"INSERT INTO messages (id, time, sender, group_name, group_key, text) VALUES (7, '2025-12-01T00:00:00.000Z', 'bob', 'Lobby', 'lobby', 'bed seven is free')",
	).run();
	v1.prepare(
		"INSERT INTO accounts (key, name, password_hash, group_name, created) VALUES ('bob', 'bob', 'h', 'Lobby', 'x')",
	).run();
	t.is(schemaVersion(v1), 1);
	v1.close();

	const store = openStore(dir, 'serve');
	t.teardown(() => store.close());
	t.is(store.lastMessageId(), 7);
	t.like(store.account('bob'), {group: 'Lobby'});
	const old = {
		type: 'MSG',
		id: '7',
		time: '2025-12-01T00:00:00.000Z',
		group: 'Lobby',
		from: 'bob',
		text: 'bed seven is free',
	};
	t.deepEqual(store.search({group: 'lobby'}, ['seven'], 10).messages, [old]);
	store.appendGroupMessage(msg(8, 'seven new'));
	store.flush();
	t.deepEqual(
		store.search({group: 'lobby'}, ['seven'], 10).messages.map((message) => message.id),
		['8', '7'],
	);
	const db = new Database(file, {readonly: true});
	t.teardown(() => db.close());
	t.is(schemaVersion(db), SCHEMA_VERSION);
});

test('a database of schema version 2 (indexed by trigger) is migrated: every message stays searchable, new ones too', (t) => {
	const dir = tempDir(t);
	const file = join(dir, DATABASE_FILE);
	const v2 = new Database(file);
	migrate(v2, file, 2);
	const insert = v2.prepare(
		"INSERT INTO messages (id, time, sender, group_name, group_key, text) VALUES (?, '2025-12-01T00:00:00.000Z', 'bob', 'Lobby', 'lobby', ?)",
	);
	insert.run(3, 'seven beds');
	insert.run(5, 'bed seven is free');
	t.is(schemaVersion(v2), 2);
	v2.close();

	const store = openStore(dir, 'serve');
	t.teardown(() => store.close());
	store.appendGroupMessage(msg(8, 'seven new'));
	store.flush();
	t.deepEqual(
		store.search({group: 'lobby'}, ['seven'], 10).messages.map((message) => message.id),
		['8', '5', '3'],
	);
	const db = new Database(file, {readonly: true});
	t.teardown(() => db.close());
	t.is(schemaVersion(db), SCHEMA_VERSION);
	t.is(db.prepare('SELECT indexed_up_to FROM messages_text_progress').pluck().get(), 8);
});

test('a database from a newer chat is refused, untouched', (t) => {
	const dir = tempDir(t);
	const store = openStore(dir, 'serve');
	store.appendGroupMessage(msg(1, 'hello'));
	store.close();
	const db = new Database(join(dir, DATABASE_FILE));
	db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
	db.close();
	refused(
		t,
		dir,
		new RegExp(
			`chat\\.db was written by a newer chat \\(schema version ${SCHEMA_VERSION + 1}; this chat knows up to ${SCHEMA_VERSION}\\): upgrade chat, or use another --data-dir\\.$`,
		),
	);
	t.false(existsSync(join(dir, 'serve.pid')), 'the lock was released');
});

test('a file that is not a database is refused, untouched', (t) => {
	const dir = tempDir(t);
	writeFileSync(join(dir, DATABASE_FILE), 'Patient list, do not delete\n'.repeat(200));
	refused(
		t,
		dir,
		/chat\.db is not a SQLite database; it was left as it is: move it away, or use another --data-dir\.$/,
	);
});

test('a damaged database is refused, untouched', (t) => {
	const dir = tempDir(t);
	const store = openStore(dir, 'serve');
	for (let id = 1; id <= 300; id++) {
		store.appendGroupMessage(msg(id, `message number ${id}`));
	}

	store.close();
	// Page 4 onwards hold the tables' b-trees: overwrite one with junk.
	const fd = openSync(join(dir, DATABASE_FILE), 'r+');
	writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, 3 * 4096);
	closeSync(fd);
	refused(t, dir, /chat\.db is damaged \(.+\); it was left as it is: restore it from a backup\.$/);
});

test("another program's SQLite database is refused, untouched", (t) => {
	const dir = tempDir(t);
	const db = new Database(join(dir, DATABASE_FILE));
	db.exec('CREATE TABLE patients (name TEXT)');
	db.close();
	refused(t, dir, /chat\.db is a database of some other program \(it has tables but no chat schema version\)\.$/);
});

test('a data directory that is a file is refused', (t) => {
	const file = join(tempDir(t), 'file');
	writeFileSync(file, 'x');
	const error = t.throws(() => openStore(file, 'serve'), {instanceOf: StoreOpenError});
	t.is(error.message, `the data directory ${file} is not a directory.`);
});

test('a second serve on the same data directory is refused while the first holds it; operators share it', (t) => {
	const dir = tempDir(t);
	const first = openStore(dir, 'serve');
	const error = t.throws(() => openStore(dir, 'serve'), {instanceOf: StoreOpenError});
	t.is(
		error.message,
		`${dir} is in use by another chat serve (pid ${process.pid}); stop it or use another --data-dir.`,
	);

	const operator = openStore(dir, 'operator');
	t.true(operator.createAccount({name: 'alice', passwordHash: 'h', group: 'lobby'}));
	operator.flush();
	t.like(first.account('alice'), {name: 'alice'}, 'the server sees what the operator committed');
	first.appendGroupMessage(msg(1, 'from the server'));
	first.flush();
	t.is(operator.lastMessageId(), 1);
	operator.close();

	first.close();
	const next = openStore(dir, 'serve');
	next.close();
	t.pass();
});

test('the lock holds across processes, and a holder killed with -9 leaves no stale lock', async (t) => {
	const dir = tempDir(t);
	const {process: holder, exited} = await holdStore(t, dir);

	const error = t.throws(() => openStore(dir, 'serve'), {instanceOf: StoreOpenError});
	t.is(error.message, `${dir} is in use by another chat serve (pid ${holder.pid}); stop it or use another --data-dir.`);

	holder.kill('SIGKILL');
	await exited;
	const store = openStore(dir, 'serve');
	t.teardown(() => store.close());
	t.is(readFileSync(join(dir, 'serve.pid'), 'utf8'), `${process.pid}\n`);
});
