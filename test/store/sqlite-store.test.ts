/**
 * The SQLite store through the chat's Store interface, on SQLite's in-memory database:
 * who may read which message, paging both ways, search, accounts, groups, client ids,
 * and the grouping of a turn's writes into one commit, including a commit that fails.
 */
import test from 'ava';
import Database from 'better-sqlite3';
import type {DirectMessage, GroupMessage, Ok} from '../../protocol/index.js';
import {StoreFailure, type StoredMessage, type Viewer} from '../../server/chat/store.js';
import {BATCH_ROWS} from '../../server/store/row-batch.js';
import {migrate} from '../../server/store/schema.js';
import {CLIENT_IDS_PER_USER, CLIENT_IDS_SLACK, INDEX_BATCH, SqliteStore} from '../../server/store/sqlite-store.js';
import {ManualCommits, memoryStore} from '../helpers/store.js';

const TIME = '2026-01-02T03:04:05.000Z';

function msg(id: number, group: string, from: string, text: string): GroupMessage {
	return {type: 'MSG', id: String(id), time: TIME, group, from, text};
}

function dm(id: number, from: string, to: string, text: string): DirectMessage {
	return {type: 'DM', id: String(id), time: TIME, from, to, text};
}

/** A store in memory whose commits run when the test says, with its database at hand to look into or fill. */
function storeWithDb(t: import('ava').ExecutionContext) {
	const commits = new ManualCommits();
	const db = new Database(':memory:');
	migrate(db, ':memory:');
	const store = new SqliteStore(db, {schedule: commits.schedule});
	t.teardown(() => store.close());
	return {commits, db, store};
}

const ids = (messages: readonly StoredMessage[]) => messages.map((message) => Number(message.id));

function okMessage(id: string): Ok {
	return {type: 'OK', command: 'MESSAGE', id, time: TIME, group: 'lobby', recipients: 2, text: 'Sent.'};
}

test('messages come back as they were stored, MSG and DM, by id in both directions', (t) => {
	const store = memoryStore(t);
	store.appendGroupMessage(msg(1, 'Lobby', 'Alice', 'hello all'));
	store.appendDirectMessage(dm(2, 'Alice', 'Bob', 'hi bob'), {session: 's-alice'}, {session: 's-bob'});
	store.flush();
	const alice: Viewer = {group: 'lobby', session: 's-alice'};
	t.deepEqual(store.after(alice, 0, 10), {
		messages: [msg(1, 'Lobby', 'Alice', 'hello all'), dm(2, 'Alice', 'Bob', 'hi bob')],
		more: false,
	});
	t.deepEqual(store.before(alice, 0, 10).messages, [
		msg(1, 'Lobby', 'Alice', 'hello all'),
		dm(2, 'Alice', 'Bob', 'hi bob'),
	]);
	t.is(store.lastMessageId(), 2);
});

test('after and before page by id with a limit, oldest first, and say when there is more', (t) => {
	const store = memoryStore(t);
	for (let id = 1; id <= 10; id++) {
		store.appendGroupMessage(msg(id, 'lobby', 'alice', `m${id}`));
	}

	store.appendGroupMessage(msg(11, 'other', 'bob', 'not in lobby'));
	store.flush();
	const viewer = {group: 'LOBBY'};
	t.deepEqual(ids(store.after(viewer, 0, 4).messages), [1, 2, 3, 4]);
	t.true(store.after(viewer, 0, 4).more);
	t.deepEqual(ids(store.after(viewer, 6, 4).messages), [7, 8, 9, 10]);
	t.false(store.after(viewer, 6, 4).more);
	t.deepEqual(ids(store.before(viewer, 0, 3).messages), [8, 9, 10]);
	t.true(store.before(viewer, 0, 3).more);
	t.deepEqual(ids(store.before(viewer, 4, 3).messages), [1, 2, 3]);
	t.false(store.before(viewer, 4, 3).more);
	t.deepEqual(ids(store.before(viewer, 1, 3).messages), []);
	t.is(store.countAfter(viewer, 0), 10);
	t.is(store.countAfter(viewer, 7), 3);
});

test("an account reads its own DMs from any session; a guest only its session's; nobody another's", (t) => {
	const store = memoryStore(t);
	t.true(store.createAccount({name: 'Alice', passwordHash: 'h', group: 'lobby'}));
	t.true(store.createAccount({name: 'bob', passwordHash: 'h', group: 'lobby'}));
	store.appendDirectMessage(dm(1, 'bob', 'Alice', 'to alice'), {account: 'bob'}, {account: 'alice'});
	store.appendDirectMessage(dm(2, 'Alice', 'carol', 'to guest carol'), {account: 'ALICE'}, {session: 'carol-1'});
	store.appendDirectMessage(dm(3, 'carol', 'bob', 'from guest carol'), {session: 'carol-1'}, {account: 'bob'});
	store.appendDirectMessage(dm(4, 'carol', 'dave', 'guests only'), {session: 'carol-1'}, {session: 'dave-1'});
	store.flush();
	const visible = (viewer: Viewer) => ids(store.after(viewer, 0, 100).messages);
	t.deepEqual(visible({group: 'elsewhere', account: 'alice'}), [1, 2]);
	t.deepEqual(visible({group: 'elsewhere', account: 'bob'}), [1, 3]);
	t.deepEqual(visible({group: 'elsewhere', session: 'carol-1'}), [2, 3, 4]);
	// A later guest named carol has another session: none of the first carol's DMs.
	t.deepEqual(visible({group: 'elsewhere', session: 'carol-2'}), []);
	t.deepEqual(visible({group: 'elsewhere', session: 'dave-1'}), [4]);
	// A name that is no account owns no DMs, whatever it is called.
	t.deepEqual(visible({group: 'elsewhere', account: 'carol'}), []);
	// Logged in to an account and holding a session (a guest who claimed the name): both.
	t.deepEqual(visible({group: 'elsewhere', account: 'bob', session: 'dave-1'}), [1, 3, 4]);
	t.is(store.countAfter({group: 'elsewhere', account: 'bob', session: 'dave-1'}, 1), 2);
	t.deepEqual(ids(store.before({group: 'elsewhere', account: 'alice'}, 0, 1).messages), [2]);
});

test('an account deleted and made again with the same name does not own the old DMs', (t) => {
	const store = memoryStore(t);
	store.createAccount({name: 'alice', passwordHash: 'h', group: 'lobby'});
	store.appendDirectMessage(dm(1, 'bob', 'alice', 'secret'), {session: 'bob-1'}, {account: 'alice'});
	store.flush();
	t.true(store.deleteAccount('alice'));
	t.true(store.createAccount({name: 'alice', passwordHash: 'h2', group: 'lobby'}));
	store.flush();
	t.deepEqual(store.after({group: 'lobby', account: 'alice'}, 0, 10).messages, []);
	t.deepEqual(ids(store.after({group: 'lobby', session: 'bob-1'}, 0, 10).messages), [1]);
});

test('search: every word, whole words in any case and accent, newest first, within what the viewer may see', (t) => {
	const store = memoryStore(t);
	store.createAccount({name: 'alice', passwordHash: 'h', group: 'lobby'});
	store.appendGroupMessage(msg(1, 'lobby', 'bob', 'Bed 7 needs a review'));
	store.appendGroupMessage(msg(2, 'lobby', 'bob', 'bed 9 is free'));
	store.appendGroupMessage(msg(3, 'icu', 'bob', 'bed 7 in the ICU'));
	store.appendDirectMessage(dm(4, 'bob', 'alice', 'bed 7 café'), {session: 'b'}, {account: 'alice'});
	store.appendDirectMessage(dm(5, 'bob', 'carol', 'bed 7 private'), {session: 'b'}, {session: 'c'});
	store.flush();
	const alice = {group: 'lobby', account: 'alice'};
	t.deepEqual(ids(store.search(alice, ['BED', '7'], 10).messages), [4, 1]);
	t.deepEqual(ids(store.search(alice, ['cafe'], 10).messages), [4]);
	t.deepEqual(ids(store.search(alice, ['be'], 10).messages), [], 'whole words only');
	t.deepEqual(store.search(alice, ['bed'], 2), {
		messages: [dm(4, 'bob', 'alice', 'bed 7 café'), msg(2, 'lobby', 'bob', 'bed 9 is free')],
		more: true,
	});
	t.deepEqual(store.search(alice, [], 10), {messages: [], more: false});
});

test('search words are plain terms, never FTS5 query syntax', (t) => {
	const store = memoryStore(t);
	store.appendGroupMessage(msg(1, 'lobby', 'bob', 'alpha beta'));
	store.appendGroupMessage(msg(2, 'lobby', 'bob', 'say "NOT" twice: NOT NOT'));
	store.flush();
	const viewer = {group: 'lobby'};
	for (const words of [
		['alpha', 'OR', 'zzz'],
		['NOT'],
		['al*'],
		['"alpha'],
		['text:alpha'],
		['(alpha'],
		['NEAR(alpha'],
		['^alpha'],
		['-'],
	]) {
		t.notThrows(() => store.search(viewer, words, 10), words.join(' '));
	}

	t.deepEqual(ids(store.search(viewer, ['alpha', 'OR', 'zzz'], 10).messages), []);
	t.deepEqual(ids(store.search(viewer, ['not'], 10).messages), [2]);
	t.deepEqual(ids(store.search(viewer, ['al*'], 10).messages), []);
	t.deepEqual(ids(store.search(viewer, ['"alpha'], 10).messages), [1]);
});

test('accounts: made once per name (any case), password and group changed, read position only forward, deleted', (t) => {
	const store = memoryStore(t, {now: () => new Date(TIME)});
	t.true(store.createAccount({name: 'Alice', passwordHash: 'h1', group: 'lobby'}));
	t.false(store.createAccount({name: 'ALICE', passwordHash: 'h2', group: 'x'}));
	store.createAccount({name: 'bob', passwordHash: 'h3', group: 'icu'});
	store.flush();
	t.deepEqual(store.account('alice'), {
		name: 'Alice',
		key: 'alice',
		passwordHash: 'h1',
		group: 'lobby',
		readPosition: 0,
		created: TIME,
	});
	t.true(store.setPasswordHash('alice', 'h4'));
	t.false(store.setPasswordHash('nobody', 'h4'));
	store.setAccountGroup('Alice', 'ward-3');
	store.advanceReadPosition('alice', 10);
	store.advanceReadPosition('alice', 5);
	store.setAccountGroup('nobody', 'ward-3');
	store.advanceReadPosition('nobody', 5);
	store.flush();
	t.like(store.account('alice'), {passwordHash: 'h4', group: 'ward-3', readPosition: 10});
	t.deepEqual(
		store.accounts().map((account) => account.name),
		['Alice', 'bob'],
	);
	t.true(store.deleteAccount('ALICE'));
	t.false(store.deleteAccount('alice'));
	store.flush();
	t.is(store.account('alice'), undefined);
	t.deepEqual(
		store.accounts().map((account) => account.name),
		['bob'],
	);
});

test('groups: kept once per name, listed in the order first saved, deleted', (t) => {
	const store = memoryStore(t);
	store.saveGroup('ICU');
	store.saveGroup('ward-3');
	store.saveGroup('icu');
	store.flush();
	t.deepEqual(store.groups(), [
		{name: 'ICU', key: 'icu'},
		{name: 'ward-3', key: 'ward-3'},
	]);
	store.deleteGroup('Icu');
	store.flush();
	t.deepEqual(store.groups(), [{name: 'ward-3', key: 'ward-3'}]);
});

test('client ids: recalled with their OK, this turn included, per user; the newest 1000 always kept, at most 1100', (t) => {
	const store = memoryStore(t);
	store.rememberClientId('Alice', 'c1', okMessage('1'));
	t.deepEqual(store.recallClientId('alice', 'c1'), okMessage('1'), 'a resend in the same turn is a duplicate too');
	t.is(store.recallClientId('bob', 'c1'), undefined);
	const most = CLIENT_IDS_PER_USER + CLIENT_IDS_SLACK;
	for (let n = 2; n <= most; n++) {
		store.rememberClientId('alice', `c${n}`, okMessage(String(n)));
	}

	store.flush();
	t.deepEqual(store.recallClientId('alice', 'c1'), okMessage('1'), 'not past the slack yet');
	store.rememberClientId('alice', `c${most + 1}`, okMessage(String(most + 1)));
	store.flush();
	const oldestKept = most + 1 - CLIENT_IDS_PER_USER + 1;
	t.is(store.recallClientId('alice', `c${oldestKept - 1}`), undefined, 'past the slack: back to the newest 1000');
	t.deepEqual(store.recallClientId('alice', `c${oldestKept}`), okMessage(String(oldestKept)));
	t.deepEqual(store.recallClientId('alice', `c${most + 1}`), okMessage(String(most + 1)));
	store.forgetClientIds('ALICE');
	store.flush();
	t.is(store.recallClientId('alice', `c${most + 1}`), undefined);
});

/** A migrated in-memory store whose background indexer runs only when the test ticks it. */
function indexedByHand(t: import('ava').ExecutionContext) {
	const db = new Database(':memory:');
	migrate(db, ':memory:');
	let tick = () => {};
	let stopped = false;
	const store = new SqliteStore(db, {
		indexTimer(run) {
			tick = run;
			return () => {
				stopped = true;
			};
		},
	});
	t.teardown(() => store.close());
	const indexedUpTo = () => db.prepare('SELECT indexed_up_to FROM messages_text_progress').pluck().get() as number;
	const matching = (word: string) =>
		db.prepare('SELECT rowid FROM messages_text WHERE messages_text MATCH ? ORDER BY rowid').pluck().all(word);
	const intact = () => db.exec("INSERT INTO messages_text (messages_text, rank) VALUES ('integrity-check', 1)");
	return {db, store, tick: () => tick(), stopped: () => stopped, indexedUpTo, matching, intact};
}

test('a message is searchable as soon as it is stored: search catches the index up, in the turn too', (t) => {
	const {store, indexedUpTo, intact} = indexedByHand(t);
	store.appendGroupMessage(msg(1, 'lobby', 'bob', 'bed seven'));
	store.flush();
	t.is(indexedUpTo(), 0, 'storing does not index');
	t.deepEqual(ids(store.search({group: 'lobby'}, ['seven'], 10).messages), [1]);
	t.is(indexedUpTo(), 1);
	store.appendGroupMessage(msg(2, 'lobby', 'bob', 'seven again'));
	t.true(store.pending);
	t.deepEqual(ids(store.search({group: 'lobby'}, ['seven'], 10).messages), [2, 1], 'before its commit');
	store.flush();
	t.deepEqual(ids(store.search({group: 'lobby'}, ['seven'], 10).messages), [2, 1]);
	t.notThrows(intact);
});

test('indexing done in a turn that rolls back is undone with its messages', (t) => {
	const {db, store, indexedUpTo, matching, intact} = indexedByHand(t);
	store.appendGroupMessage(msg(1, 'lobby', 'bob', 'kept'));
	store.flush();
	db.exec(
		'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent REFERENCES parent DEFERRABLE INITIALLY DEFERRED)',
	);
	db.pragma('foreign_keys = ON');
	store.appendGroupMessage(msg(2, 'lobby', 'bob', 'lost'));
	t.deepEqual(ids(store.search({group: 'lobby'}, ['lost'], 10).messages), [2]);
	db.exec('INSERT INTO child VALUES (42)');
	t.throws(() => store.flush(), {instanceOf: StoreFailure});
	db.pragma('foreign_keys = OFF');
	t.is(indexedUpTo(), 0, 'message 1 was first indexed in the rolled-back turn');
	t.deepEqual(matching('lost'), []);
	t.deepEqual(ids(store.search({group: 'lobby'}, ['kept'], 10).messages), [1]);
	t.notThrows(intact);
});

test('the background indexer indexes between turns, in batches of INDEX_BATCH, and stops at close', async (t) => {
	const {store, tick, stopped, indexedUpTo, matching, intact} = indexedByHand(t);
	const total = INDEX_BATCH + 10;
	for (let id = 1; id <= total; id++) {
		store.appendGroupMessage(msg(id, 'lobby', 'bob', `note ${id}`));
	}

	tick();
	t.is(indexedUpTo(), 0, 'not while a turn is writing');
	store.flush();
	tick();
	t.is(indexedUpTo(), INDEX_BATCH, 'one bounded batch');
	t.deepEqual(matching('1'), [1]);
	// A full batch is followed by the next one on a later turn.
	while (indexedUpTo() < total) {
		await new Promise(setImmediate);
	}

	t.deepEqual(matching(String(total)), [total]);
	t.notThrows(intact);
	store.close();
	t.true(stopped());
});

test('deleting a message removes it from the index whether or not it was indexed yet', (t) => {
	const {db, store, tick, matching, intact} = indexedByHand(t);
	store.appendGroupMessage(msg(1, 'lobby', 'bob', 'old word'));
	store.flush();
	tick();
	store.appendGroupMessage(msg(2, 'lobby', 'bob', 'new word'));
	store.flush();
	db.exec('DELETE FROM messages WHERE id IN (1, 2)');
	t.deepEqual(matching('word'), []);
	t.notThrows(intact);
	t.deepEqual(store.search({group: 'lobby'}, ['word'], 10).messages, []);
});

test('client ids of a rolled-back turn are not counted: the newest 1000 committed stay', (t) => {
	const {commits, db, store} = storeWithDb(t);
	for (let n = 1; n <= CLIENT_IDS_PER_USER; n++) {
		store.rememberClientId('alice', `c${n}`, okMessage(String(n)));
	}

	commits.run();
	// A turn that remembers 100 more and then fails at COMMIT (a deferred foreign key).
	db.exec(
		'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent REFERENCES parent DEFERRABLE INITIALLY DEFERRED)',
	);
	db.pragma('foreign_keys = ON');
	for (let n = 1; n <= CLIENT_IDS_SLACK; n++) {
		store.rememberClientId('alice', `lost${n}`, okMessage('0'));
	}

	db.exec('INSERT INTO child VALUES (42)');
	t.throws(() => store.flush(), {instanceOf: StoreFailure});
	db.pragma('foreign_keys = OFF');
	// Counted, the rolled-back 100 would push this one past the slack and prune c1.
	store.rememberClientId('alice', 'c1001', okMessage('1001'));
	store.flush();
	t.deepEqual(store.recallClientId('alice', 'c1'), okMessage('1'));
	t.is(store.recallClientId('alice', 'lost1'), undefined);
});

test("a turn's writes are one transaction, committed at the end of the turn; afterCommit runs in order after it", async (t) => {
	const store = memoryStore(t);
	const events: string[] = [];
	store.afterCommit(() => events.push('nothing pending: at once'));
	store.appendGroupMessage(msg(1, 'lobby', 'alice', 'one'));
	t.true(store.pending);
	store.afterCommit((failure) => events.push(`first ${String(failure)}`));
	store.appendGroupMessage(msg(2, 'lobby', 'alice', 'two'));
	store.afterCommit((failure) => events.push(`second ${String(failure)}`));
	t.deepEqual(events, ['nothing pending: at once']);
	await new Promise((resolve) => setImmediate(resolve));
	t.false(store.pending);
	t.deepEqual(events, ['nothing pending: at once', 'first undefined', 'second undefined']);
	t.deepEqual(ids(store.after({group: 'lobby'}, 0, 10).messages), [1, 2]);
});

test('a write in an afterCommit callback opens the next transaction', (t) => {
	const commits = new ManualCommits();
	const store = memoryStore(t, {schedule: commits.schedule});
	const events: string[] = [];
	store.appendGroupMessage(msg(1, 'lobby', 'alice', 'one'));
	store.afterCommit(() => {
		store.appendGroupMessage(msg(2, 'lobby', 'alice', 'two'));
		store.afterCommit(() => events.push('two committed'));
	});
	commits.run();
	t.true(store.pending);
	t.deepEqual(events, []);
	commits.run();
	t.deepEqual(events, ['two committed']);
	t.is(store.lastMessageId(), 2);
});

test('a failing write (database full) fails the whole turn: every callback is told, nothing is kept, the next turn works', (t) => {
	const {commits, db, store} = storeWithDb(t);
	store.appendGroupMessage(msg(1, 'lobby', 'alice', 'kept'));
	commits.run();
	const pages = db.pragma('page_count', {simple: true}) as number;
	db.pragma(`max_page_count = ${pages}`);

	const failures: Array<StoreFailure | undefined> = [];
	store.appendGroupMessage(msg(2, 'lobby', 'alice', 'short'));
	store.afterCommit((failure) => failures.push(failure));
	store.appendGroupMessage(msg(3, 'lobby', 'alice', 'x'.repeat(100_000)));
	store.afterCommit((failure) => failures.push(failure));
	store.rememberClientId('alice', 'c3', okMessage('3'));
	commits.run();
	t.is(failures.length, 2);
	t.true(failures.every((failure) => failure instanceof StoreFailure && /full/.test(failure.message)));
	t.deepEqual(
		ids(store.after({group: 'lobby'}, 0, 10).messages),
		[1],
		'the short message of the failed turn is gone too',
	);
	t.is(store.recallClientId('alice', 'c3'), undefined);
	t.false(store.pending);

	db.pragma('max_page_count = 1000000');
	const after: Array<StoreFailure | undefined> = [];
	store.appendGroupMessage(msg(4, 'lobby', 'alice', 'after the disk was freed'));
	store.afterCommit((failure) => after.push(failure));
	commits.run();
	t.deepEqual(after, [undefined]);
	t.deepEqual(ids(store.after({group: 'lobby'}, 0, 10).messages), [1, 4]);
});

test('a turn of more group messages than a batch holds: read back whole in the turn and after, with an audit entry each', (t) => {
	const {commits, db, store} = storeWithDb(t);
	const count = 2 * BATCH_ROWS + 3;
	for (let id = 1; id <= count; id++) {
		store.appendGroupMessage(msg(id, 'lobby', 'alice', `m${id}`));
		store.audit({kind: 'message', id: String(id), group: 'lobby', from: 'alice', text: `m${id}`}, TIME);
	}

	const all = Array.from({length: count}, (_, index) => index + 1);
	t.deepEqual(
		ids(store.after({group: 'lobby'}, 0, 1000).messages),
		all,
		'the turn reads its own writes, held rows too',
	);
	t.is(store.lastMessageId(), count);
	// More after a read: held again, then inserted by the commit.
	store.appendGroupMessage(msg(count + 1, 'lobby', 'alice', 'last'));
	store.audit({kind: 'message', id: String(count + 1), group: 'lobby', from: 'alice', text: 'last'}, TIME);
	commits.run();
	t.false(store.pending);
	t.deepEqual(ids(store.after({group: 'lobby'}, 0, 1000).messages), [...all, count + 1]);
	const entries = db.prepare("SELECT seq, fields FROM audit WHERE kind = 'message' ORDER BY seq").all() as Array<{
		seq: number;
		fields: string;
	}>;
	t.deepEqual(
		entries.map((entry) => (JSON.parse(entry.fields) as {id: string}).id),
		[...all, count + 1].map(String),
		'one entry per message, in order',
	);
	t.deepEqual(
		entries.map((entry) => entry.seq - entries[0]!.seq),
		entries.map((_, index) => index),
		'numbered without a gap',
	);
});

test('a held batch that fails to insert fails the whole turn: every callback is told, nothing of it is kept', (t) => {
	const {commits, store} = storeWithDb(t);
	store.appendGroupMessage(msg(1, 'lobby', 'alice', 'kept'));
	commits.run();

	const failures: Array<StoreFailure | undefined> = [];
	// Id 1 again, in the middle of a full batch: the batch's statement fails on it.
	for (let id = 2; id <= BATCH_ROWS + 2; id++) {
		store.appendGroupMessage(msg(id === 5 ? 1 : id, 'lobby', 'alice', `m${id}`));
		store.afterCommit((failure) => failures.push(failure));
	}

	commits.run();
	t.is(failures.length, BATCH_ROWS + 1);
	t.true(failures.every((failure) => failure instanceof StoreFailure && /UNIQUE|PRIMARY/i.test(failure.message)));
	t.deepEqual(ids(store.after({group: 'lobby'}, 0, 1000).messages), [1], 'nothing of the failed turn is kept');

	const after: Array<StoreFailure | undefined> = [];
	store.appendGroupMessage(msg(2, 'lobby', 'alice', 'the next turn'));
	store.afterCommit((failure) => after.push(failure));
	commits.run();
	t.deepEqual(after, [undefined], 'no row of the failed batch comes back in the next turn');
	t.deepEqual(ids(store.after({group: 'lobby'}, 0, 1000).messages), [1, 2]);
});

test('a failing COMMIT is reported like a failing write, and flush throws it', (t) => {
	const db = new Database(':memory:');
	migrate(db, ':memory:');
	const store = new SqliteStore(db, {schedule: () => {}});
	t.teardown(() => store.close());
	// A deferred foreign key is checked at COMMIT: the one way to make COMMIT itself fail in memory.
	db.exec(
		'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent REFERENCES parent DEFERRABLE INITIALLY DEFERRED)',
	);
	db.pragma('foreign_keys = ON');
	const failures: Array<StoreFailure | undefined> = [];
	store.appendGroupMessage(msg(1, 'lobby', 'alice', 'one'));
	db.exec('INSERT INTO child VALUES (42)');
	store.afterCommit((failure) => failures.push(failure));
	const thrown = t.throws(() => store.flush(), {instanceOf: StoreFailure});
	t.is(failures[0], thrown);
	t.false(db.inTransaction);
	t.is(store.lastMessageId(), 0);
});

test('close commits what is pending; a closed store refuses reads and writes', (t) => {
	const db = new Database(':memory:');
	migrate(db, ':memory:');
	let closed = 0;
	const store = new SqliteStore(db, {schedule: () => {}, onClose: () => closed++});
	let committed = false;
	store.appendGroupMessage(msg(1, 'lobby', 'alice', 'one'));
	store.afterCommit((failure) => {
		committed = failure === undefined;
	});
	store.close();
	store.close();
	t.true(committed);
	t.is(closed, 1);
	t.throws(() => store.lastMessageId(), {instanceOf: StoreFailure});
	t.throws(() => store.appendGroupMessage(msg(2, 'lobby', 'alice', 'two')), {instanceOf: StoreFailure});
});
