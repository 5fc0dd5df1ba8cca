/**
 * The real `chat serve` on a data directory of its own: what it accepted is there after
 * a clean restart, and after kill -9 in the middle of a burst from several senders:
 * every message that got an OK is stored exactly once, a resend under its @id is a
 * duplicate, and ids keep increasing.
 */
import test, {type ExecutionContext} from 'ava';
import {CLIENT_IDS_PER_USER} from '../../server/store/sqlite-store.js';
import {dataHome, spawnChat} from '../helpers/chat-process.js';
import type {TestProcess} from '../helpers/test-process.js';
import {HELLO} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';

const STARTED = /level=info event=started host=127\.0\.0\.1 port=(\d+) pid=(\d+)\n/;
const PASSWORD = 'correct horse battery';

async function serve(t: ExecutionContext, dir: string): Promise<{chat: TestProcess; port: number; pid: number}> {
	const chat = spawnChat(t, ['serve', '--port', '0', '--rate', '0', '--data-dir', dir]);
	const [, port, pid] = await chat.waitForStderr(STARTED);
	return {chat, port: Number(port), pid: Number(pid)};
}

async function client(t: ExecutionContext, port: number): Promise<TcpClient> {
	const connected = await TcpClient.connect(port, {greeting: HELLO});
	t.teardown(() => connected.destroy());
	return connected;
}

async function newAccount(t: ExecutionContext, port: number, name: string): Promise<TcpClient> {
	const connected = await client(t, port);
	t.regex((await connected.command(`SET_NAME ${name}`)).outcome, /^OK SET_NAME /);
	t.regex((await connected.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD /);
	return connected;
}

async function login(t: ExecutionContext, port: number, name: string): Promise<{connected: TcpClient; ok: string}> {
	const connected = await client(t, port);
	const {outcome} = await connected.command(`SET_NAME ${name} ${PASSWORD}`);
	t.regex(outcome, /^OK SET_NAME /);
	return {connected, ok: outcome};
}

/** Every message the client may read, paged with HISTORY. */
async function everything(connected: TcpClient): Promise<string[]> {
	const lines: string[] = [];
	let after = '0';
	for (;;) {
		const reply = await connected.command(`HISTORY ${after}`);
		const messages = reply.lines.filter((line) => line.startsWith('MSG ') || line.startsWith('DM '));
		lines.push(...messages);
		if (!reply.outcome.startsWith('OK HISTORY ') || reply.outcome.split(' ')[3] === '0') {
			return lines;
		}

		after = messages.at(-1)!.split(' ')[1]!;
	}
}

test('a clean restart keeps accounts, their groups, messages, offline DMs and read positions', async (t) => {
	const dir = dataHome(t);
	const first = await serve(t, dir);
	const alice = await newAccount(t, first.port, 'alice');
	t.regex((await alice.command('NEW_GROUP night')).outcome, /^OK NEW_GROUP night /);
	const bob = await newAccount(t, first.port, 'bob');
	await bob.command('JOIN_GROUP night');
	await alice.until((line) => line === 'JOINED night bob');
	const sent = (await alice.command('MESSAGE handover at 7')).outcome;
	t.regex(sent, /^OK MESSAGE \d+ \S+ night 1 /);
	await alice.command('CLOSE');
	await bob.until((line) => line === 'OFFLINE alice night');
	t.regex((await bob.command('DM alice bed 7 is yours')).outcome, /alice is offline; they get it when they log in\.$/);
	first.chat.child.kill('SIGTERM');
	t.deepEqual(await first.chat.exited, {code: 0, signal: null});

	const second = await serve(t, dir);
	const {connected, ok} = await login(t, second.port, 'alice');
	t.is(ok, 'OK SET_NAME alice night Welcome back, alice. You are in group night.');
	t.regex(await connected.next(), /^UNREAD 2 \d+ 2 messages since you last read: HISTORY \d+ shows them\.$/);
	const kept = (await everything(connected)).map((line) => line.split(' ').slice(3).join(' '));
	t.deepEqual(kept, ['night alice handover at 7', 'bob alice bed 7 is yours']);
	t.deepEqual((await connected.command('LIST_GROUP')).lines, ['GROUP lobby 0', 'GROUP night 1']);
	const next = (await connected.command('DM bob later')).outcome;
	t.true(Number(next.split(' ')[2]) > Number(sent.split(' ')[2]), 'ids go on increasing');
	const {connected: bobAgain} = await login(t, second.port, 'bob');
	t.regex((await bobAgain.command('SEARCH handover')).outcome, /^OK SEARCH 1 0 /);
});

test('kill -9 in the middle of a burst from several senders: every acknowledged message is kept exactly once', async (t) => {
	const dir = dataHome(t);
	const first = await serve(t, dir);
	const names = ['ana', 'ben', 'cai', 'dee'];
	const senders: TcpClient[] = [];
	for (const name of names) {
		senders.push(await newAccount(t, first.port, name));
	}

	// No longer than the store remembers a user's client ids, so whatever was committed
	// past the last OK read is still known when it is sent again.
	const perSender = CLIENT_IDS_PER_USER;
	// The kill lands inside the burst by construction, not by timing: each sender keeps
	// WINDOW messages sent and unanswered (a burst of them first, then one more per OK),
	// and the reader that sees the 200th OK kills the server in the same step, before
	// anything more is sent. At most 200 + 4 x WINDOW ever reach the server, of the
	// 4 x perSender in the burst. (The kill used to follow a poll for 200 OKs while every
	// message was already sent: a fast server, or a slow test, answered them all first.)
	const WINDOW = 100;
	const sent = names.map(() => 0);
	const line = (index: number) => {
		const n = sent[index]!++;
		return `@id=${names[index]}-${n} MESSAGE ${names[index]} says ${n}\n`;
	};

	/** Client id -> the OK it got. */
	const acknowledged = new Map<string, string>();
	let killed = false;
	let stopReading = false;
	const readers = senders.map(async (sender, index) => {
		while (!stopReading) {
			const received = await sender.next().catch(() => undefined);
			if (received === undefined) {
				return;
			}

			const match = /^@id=(\S+) OK MESSAGE /.exec(received);
			if (!match) {
				continue;
			}

			acknowledged.set(match[1]!, received);
			if (!killed && acknowledged.size >= 200) {
				killed = true;
				process.kill(first.pid, 'SIGKILL');
			} else if (!killed && sent[index]! < perSender) {
				void sender.sendRaw(line(index)).catch(() => {});
			}
		}
	});
	await Promise.all(
		senders.map((sender, index) => sender.sendRaw(Array.from({length: WINDOW}, () => line(index)).join(''))),
	);

	t.deepEqual(await first.chat.exited, {code: null, signal: 'SIGKILL'});
	stopReading = true;
	for (const sender of senders) {
		sender.destroy();
	}

	await Promise.all(readers);
	t.true(acknowledged.size < names.length * perSender, `killed mid-burst (${acknowledged.size} acknowledged)`);

	const second = await serve(t, dir);
	const {connected: reader} = await login(t, second.port, 'ana');
	await reader.next(); // UNREAD
	const kept = await everything(reader);
	const byText = new Map<string, string[]>();
	for (const line of kept) {
		const [, id, , , from, ...text] = line.split(' ');
		const key = `${from} ${text.join(' ')}`;
		byText.set(key, [...(byText.get(key) ?? []), id!]);
	}

	for (const [clientId, ok] of acknowledged) {
		const [name, n] = clientId.split('-');
		const ids = byText.get(`${name} ${name} says ${n}`) ?? [];
		t.deepEqual(ids, [ok.split(' ')[3]], `${clientId} stored exactly once, under the id its OK gave`);
	}

	t.true(
		[...byText.values()].every((ids) => ids.length === 1),
		'nothing stored twice',
	);
	const keptIds = kept.map((line) => Number(line.split(' ')[1]));
	t.deepEqual(
		keptIds,
		[...keptIds].sort((a, b) => a - b),
	);

	// A resend of an acknowledged message after the restart is a duplicate, with its first OK.
	const [someId, firstOk] = [...acknowledged].at(-1)!;
	const {connected: sender} = await login(t, second.port, someId.split('-')[0]!);
	// Any UNREAD line after the login's OK is collected before this outcome.
	const resend = await sender.command(`@id=${someId} MESSAGE says again`);
	t.is(resend.outcome, firstOk.replace(`@id=${someId} `, `@id=${someId};dup `));
	const fresh = (await sender.command('MESSAGE after the restart')).outcome;
	t.true(Number(fresh.split(' ')[2]) > Math.max(...keptIds), 'ids keep increasing');
});
