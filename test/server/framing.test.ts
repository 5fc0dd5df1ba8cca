/**
 * Lines as they really arrive over TCP: split, packed, CRLF, too long, not UTF-8. The
 * client disables Nagle and waits for each piece to be handed to the kernel, so the
 * pieces normally reach the server as separate segments; the framer's own tests cover
 * every split point without relying on that.
 */
import test from 'ava';
import {MAX_LINE_BYTES} from '../../protocol/index.js';
import {register, registerAll, startTestServer} from '../helpers/server.js';

test('a line split across segments is one line', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	for (const piece of ['MESS', 'AGE split ', 'in three\n']) {
		await alice.sendRaw(piece);
	}

	t.regex(await alice.next(), /^OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice split in three$/);
});

test('several lines in one segment are each answered, in order', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	await alice.sendRaw('MESSAGE one\nDM bob two\nLIST_GROUP\nMESSAGE three\n');
	t.regex(await alice.next(), /^OK MESSAGE 1 /);
	t.regex(await alice.next(), /^OK DM 2 /);
	t.is(await alice.next(), 'GROUP lobby 2');
	t.is(await alice.next(), 'OK LIST_GROUP 1 1 group.');
	t.regex(await alice.next(), /^OK MESSAGE 3 /);
	t.deepEqual(
		[await bob.next(), await bob.next(), await bob.next()].map((line) => line.replace(/^(\S+ \d+) \S+/, '$1')),
		['MSG 1 lobby alice one', 'DM 2 alice bob two', 'MSG 3 lobby alice three'],
	);
});

test('a UTF-8 character split between segments arrives whole', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	const bytes = Buffer.from('MESSAGE café 💊\n');
	const pill = bytes.indexOf(Buffer.from('💊'));
	const e = bytes.indexOf(Buffer.from('é'));
	await alice.sendRaw(bytes.subarray(0, e + 1));
	await alice.sendRaw(bytes.subarray(e + 1, pill + 2));
	await alice.sendRaw(bytes.subarray(pill + 2));
	t.regex(await alice.next(), /^OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice café 💊$/);
});

test('CRLF line ends are accepted, even with the CR and LF in different segments', async (t) => {
	const server = await startTestServer(t);
	const alice = await register(t, server, 'alice');
	await alice.sendRaw('LIST_GROUP\r\n');
	t.deepEqual([await alice.next(), await alice.next()], ['GROUP lobby 1', 'OK LIST_GROUP 1 1 group.']);
	await alice.sendRaw('LIST_GROUP\r');
	await alice.sendRaw('\n');
	t.deepEqual([await alice.next(), await alice.next()], ['GROUP lobby 1', 'OK LIST_GROUP 1 1 group.']);
});

test('a line over the limit, streamed in pieces, is refused once and discarded; the next line works', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	await alice.sendRaw('MESSAGE ');
	const piece = Buffer.alloc(4096, 'x');
	// Eight times the limit: the refusal comes as soon as the limit is passed, not at the LF.
	for (let sent = 0; sent < 8 * MAX_LINE_BYTES; sent += piece.length) {
		await alice.sendRaw(piece);
	}

	t.is(await alice.next(), 'ERR LINE_TOO_LONG * Line longer than 8192 bytes; it was discarded.');
	await alice.sendRaw('xxxx\nMESSAGE short\n');
	t.regex(await alice.next(), /^OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice short$/, 'no part of the long line reached bob');
});

test('a line of exactly the limit is accepted', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	const text = 'y'.repeat(MAX_LINE_BYTES - 'MESSAGE '.length);
	await alice.sendRaw(`MESSAGE ${text}\r\n`);
	t.regex(await alice.next(), /^OK MESSAGE 1 /);
	t.is((await bob.next()).split(' ')[5], text);
});

test('a line that is not UTF-8 is refused and the connection goes on', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	await alice.sendRaw(Buffer.from([...Buffer.from('MESSAGE bad '), 0xc3, 0x28, 0xff, 0x0a]));
	t.is(await alice.next(), 'ERR INVALID_UTF8 * The line was not valid UTF-8; it was discarded.');
	t.regex((await alice.command('MESSAGE good')).outcome, /^OK MESSAGE 1 /);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice good$/);
});

test('no reply or event ever contains a CR', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	const raw: Buffer[] = [];
	for (const client of [alice, bob]) {
		client.socket.on('data', (chunk: Buffer) => raw.push(chunk));
	}

	// Everything a client can provoke, sent CRLF-terminated as telnet does.
	const lines = [
		'HELP',
		'LIST',
		'LIST_GROUP',
		'MESSAGE hi',
		'DM bob hi',
		'NEW_GROUP n',
		'JOIN_GROUP lobby',
		'FOO',
		'SET_NAME x',
	];
	await alice.sendRaw(lines.map((line) => line + '\r\n').join(''));
	await alice.until((line) => line.startsWith('ERR ALREADY_REGISTERED'));
	await bob.until((line) => line === 'JOINED lobby alice');
	await alice.command('CLOSE');
	await bob.until((line) => line === 'OFFLINE alice lobby');
	const all = Buffer.concat(raw);
	t.true(all.length > 1000);
	t.false(all.includes(0x0d));
	t.true(all.toString('utf8').endsWith('\n'));
});
