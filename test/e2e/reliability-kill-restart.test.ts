/**
 * The real `chat serve` is stopped (SIGKILL in one test, SIGTERM in the other) while
 * two `chat tui` in terminals and a raw protocol client are sending, and started again
 * on the same port. Afterwards every message typed in a TUI shows as sent, once, in
 * the order typed, on every screen, and the raw client received each exactly once;
 * what it sent without an answer it sends again with the same id, and the TUIs show
 * that once too.
 *
 * Who comes back first is the test's choice, not a race: both TUIs are paused
 * (SIGSTOP) while the new server starts and the raw client registers, so resends
 * always have someone to reach; then bob, then alice, resume.
 */
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {parseServerLine} from '../../protocol/index.js';
import {HELLO} from '../helpers/hello.js';
import {TcpClient, isOutcome} from '../helpers/tcp-client.js';
import {startServe, startStoppableTui, statusRow, typeLine, waitForScreen, waitOnline} from '../helpers/e2e.js';

const SENT = 3;
const PASSWORD = 'correct horse battery';

/**
 * A data directory with the three accounts. Exactly once across a crash needs both: the
 * store remembers an account's client ids, so a resend of what was committed before the
 * kill is a duplicate; a guest's are in memory only, and an ephemeral server forgets all.
 */
async function accountsDir(t: ExecutionContext): Promise<{dir: string; passwordFile: string}> {
	const dir = mkdtempSync(join(tmpdir(), 'chat-kill-restart-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	const passwordFile = join(dir, 'password');
	writeFileSync(passwordFile, `${PASSWORD}\n`);
	chmodSync(passwordFile, 0o600);
	const server = await startServe(t, 0, ['--data-dir', join(dir, 'data')]);
	for (const name of ['alice', 'bob', 'carol']) {
		const client = await TcpClient.connect(server.port, {greeting: HELLO});
		t.regex((await client.command(`SET_NAME ${name}`)).outcome, /^OK SET_NAME /);
		t.regex((await client.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD /);
		client.destroy();
	}

	await server.stop('SIGTERM');
	return {dir: join(dir, 'data'), passwordFile};
}

/** A raw client registered as `name`, destroyed when the test ends. */
async function rawClient(t: ExecutionContext, port: number, name: string): Promise<TcpClient> {
	const client = await TcpClient.connect(port, {greeting: HELLO});
	t.teardown(() => client.destroy());
	t.regex((await client.command(`SET_NAME ${name} ${PASSWORD}`)).outcome, new RegExp(`^OK SET_NAME ${name} lobby `));
	return client;
}

/** Sends `MESSAGE <text>` tagged with `@id=<id>` and returns its outcome line. */
async function tagged(client: TcpClient, id: string, text: string): Promise<string> {
	client.send(`@id=${id} MESSAGE ${text}`);
	const lines = await client.until((line) => isOutcome(line) && line.startsWith(`@id=${id}`));
	return lines.at(-1)!;
}

/** Rows of a screen showing `text` from `from`, confirmed (with its time) or not. */
function rowsWith(screen: string, from: string, text: string): {confirmed: number; all: number; first: number} {
	const rows = screen.split('\n');
	const confirmed = new RegExp(`\\d\\d:\\d\\d <${from}> ${text}\\b`);
	const any = new RegExp(`<${from}> ${text}\\b`);
	return {
		confirmed: rows.filter((row) => confirmed.test(row)).length,
		all: rows.filter((row) => any.test(row)).length,
		first: rows.findIndex((row) => any.test(row)),
	};
}

/** Each of `texts` from `from` shows exactly once on `screen`, confirmed, in that order. */
function assertShownOnceInOrder(
	t: ExecutionContext,
	screen: string,
	from: string,
	texts: readonly string[],
	who: string,
): void {
	const found = texts.map((text) => rowsWith(screen, from, text));
	t.deepEqual(
		found.map(({confirmed, all}) => [confirmed, all]),
		texts.map(() => [1, 1]),
		`${who} shows each of ${from}'s messages once, sent:\n${screen}`,
	);
	const positions = found.map(({first}) => first);
	t.deepEqual(
		positions,
		[...positions].sort((a, b) => a - b),
		`${who} shows ${from}'s messages in order`,
	);
}

/** The MSG lines a raw client received, as id and `from: text`. */
function messagesReceived(...clients: TcpClient[]): Array<{id: string; line: string}> {
	return clients.flatMap((client) =>
		client.received.flatMap((text) => {
			const line = parseServerLine(text);
			return line.type === 'MSG' ? [{id: line.id, line: `${line.from}: ${line.text}`}] : [];
		}),
	);
}

async function stopWhileSending(t: ExecutionContext, signal: NodeJS.Signals): Promise<void> {
	t.timeout(180_000);
	const {dir, passwordFile} = await accountsDir(t);
	const first = await startServe(t, 0, ['--data-dir', dir]);
	const {port} = first;
	const args = ['--password-file', passwordFile];
	const alice = await startStoppableTui(t, {port, name: 'alice', rows: 40, args});
	await waitOnline(alice.tui, 'alice');
	const bob = await startStoppableTui(t, {port, name: 'bob', rows: 40, args});
	await waitOnline(bob.tui, 'bob');
	const carol1 = await rawClient(t, port, 'carol');
	await waitForScreen(alice.tui, 'carol is online.');
	await waitForScreen(bob.tui, 'carol is online.');

	const says = (who: string, count: number) => Array.from({length: count}, (_, index) => `${who} says ${index + 1}`);
	// Acknowledged before the stop: shown with their time, and carol has her OKs.
	for (const [index, text] of says('alice', SENT - 1).entries()) {
		await typeLine(alice.tui, text);
		await typeLine(bob.tui, says('bob', SENT)[index]!);
		t.regex(await tagged(carol1, `c-${index + 1}`, says('carol', SENT)[index]!), /^@id=c-\d OK MESSAGE /);
	}

	await waitForScreen(alice.tui, new RegExp(`\\d\\d:\\d\\d <alice> alice says ${SENT - 1}`));
	await waitForScreen(bob.tui, new RegExp(`\\d\\d:\\d\\d <bob> bob says ${SENT - 1}`));

	// Sent as the server goes: each of these may or may not have been handled.
	await typeLine(alice.tui, `alice says ${SENT}`);
	await typeLine(bob.tui, `bob says ${SENT}`);
	carol1.send(`@id=c-${SENT} MESSAGE carol says ${SENT}`);
	t.like(await first.stop(signal), signal === 'SIGKILL' ? {signal: 'SIGKILL'} : {code: 0});
	await carol1.closed;

	for (const {tui} of [alice, bob]) {
		await waitForScreen(tui, (screen) => statusRow(screen).startsWith(' offline'));
	}

	// Typed while the server is down: shown at once, pending.
	await typeLine(alice.tui, `alice says ${SENT + 1}`);
	await waitForScreen(alice.tui, `<alice> alice says ${SENT + 1} (pending)`);

	process.kill(alice.pid, 'SIGSTOP');
	process.kill(bob.pid, 'SIGSTOP');
	const second = await startServe(t, port, ['--data-dir', dir]);
	t.is(second.port, port);
	const carol2 = await rawClient(t, port, 'carol');
	// A raw client that reconnects asks for what it missed, after the newest id it saw.
	const lastSeen = messagesReceived(carol1).at(-1)!.id;
	t.regex((await carol2.command(`HISTORY ${lastSeen}`)).outcome, /^OK HISTORY \d+ 0 /);

	process.kill(bob.pid, 'SIGCONT');
	await waitOnline(bob.tui, 'bob');
	process.kill(alice.pid, 'SIGCONT');
	await waitOnline(alice.tui, 'alice');
	await waitForScreen(
		alice.tui,
		(screen) => !screen.includes('(pending)') && rowsWith(screen, 'alice', `alice says ${SENT + 1}`).confirmed === 1,
	);
	await waitForScreen(
		bob.tui,
		(screen) => !screen.includes('(pending)') && rowsWith(screen, 'bob', `bob says ${SENT}`).confirmed === 1,
	);

	// Carol sends again what got no answer, with the same id.
	const answered = carol1.received.some((line) => line.startsWith(`@id=c-${SENT} OK `));
	// Stored with only its OK lost (the kill, or the stop, between the commit and the write)
	// is answered as the duplicate it is; never stored, as a first send.
	if (!answered) {
		t.regex(await tagged(carol2, `c-${SENT}`, `carol says ${SENT}`), /^@id=c-\d(?:;dup)? OK MESSAGE /);
	}

	// A last message from carol: whatever the server wrote to anyone before it (a
	// second copy included) has reached them once it is on their screens.
	t.regex(await tagged(carol2, 'c-end', 'carol is done'), /^@id=c-end OK MESSAGE /);
	const aliceScreen = await waitForScreen(alice.tui, /\d\d:\d\d <carol> carol is done/);
	const bobScreen = await waitForScreen(bob.tui, /\d\d:\d\d <carol> carol is done/);

	const aliceSent = says('alice', SENT + 1);
	const bobSent = says('bob', SENT);
	const carolSent = says('carol', SENT);
	for (const [who, screen] of [
		['alice', aliceScreen],
		['bob', bobScreen],
	] as const) {
		t.false(screen.includes('(pending)'), `${who}: nothing pending`);
		assertShownOnceInOrder(t, screen, 'alice', aliceSent, who);
		assertShownOnceInOrder(t, screen, 'bob', bobSent, who);
		assertShownOnceInOrder(t, screen, 'carol', carolSent, who);
	}

	// Carol got each TUI message once: one id per text, in the order typed.
	const received = messagesReceived(carol1, carol2);
	const idsByLine = new Map<string, Set<string>>();
	for (const {id, line} of received) {
		idsByLine.set(line, (idsByLine.get(line) ?? new Set()).add(id));
	}

	const expected = [...aliceSent.map((text) => `alice: ${text}`), ...bobSent.map((text) => `bob: ${text}`)];
	t.deepEqual(
		expected.map((line) => [line, idsByLine.get(line)?.size ?? 0]),
		expected.map((line) => [line, 1]),
	);
	for (const from of ['alice', 'bob']) {
		const order = [...new Set(received.filter(({line}) => line.startsWith(`${from}: `)).map(({line}) => line))];
		t.deepEqual(
			order,
			expected.filter((line) => line.startsWith(`${from}: `)),
			`${from}'s messages reached carol in order`,
		);
	}
}

test('SIGKILL while two TUIs and a raw client send: after the restart every message is delivered once, in order', async (t) => {
	await stopWhileSending(t, 'SIGKILL');
});

test('SIGTERM while two TUIs and a raw client send: after the restart every message is delivered once, in order', async (t) => {
	await stopWhileSending(t, 'SIGTERM');
});
