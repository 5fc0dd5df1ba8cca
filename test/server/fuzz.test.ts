/**
 * Hostile and broken input from many clients at once: random bytes, invalid UTF-8, NUL
 * and other control characters, huge lines, lone CRs, malformed tags, commands with
 * garbage parameters, lines cut off by a disconnect or a reset. Beside them, well-formed
 * clients exchange messages. The server must not die, must answer every well-formed
 * command correctly, and every well-formed message must arrive exactly once.
 *
 * Every line the server sends to a fuzzing client is checked too (TcpClient fails on a
 * CR, invalid UTF-8, or a line protocol/ cannot parse): hostile input must never make
 * the server say something malformed.
 *
 * Seeded, so a failure can be replayed: FUZZ_SEED=<n> npx ava test/server/fuzz.test.ts
 */
import net from 'node:net';
import test from 'ava';
import {COMMANDS} from '../../protocol/index.js';
import {connect, eventually, startTestServer} from '../helpers/server.js';
import {integer, pick, seededRandom, type Random} from '../helpers/seeded-random.js';
import {isOutcome, TcpClient} from '../helpers/tcp-client.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_124);
const FUZZERS = 32;
const SESSIONS_EACH = 10;
const LINES_PER_SESSION = 60;
const WORDS = COMMANDS.map((spec) => spec.name).filter((name) => name !== 'CLOSE');
const NURSES = ['nurse0', 'nurse1', 'nurse2', 'nurse3'] as const;
const MESSAGES_EACH = 100;
const BASE36 = [...'0123456789abcdefghijklmnopqrstuvwxyz'];

/** Hostile input, every choice drawn from one seeded generator. */
class Fuzz {
	constructor(private readonly random: Random) {}

	int(below: number): number {
		return integer(this.random, 0, below - 1);
	}

	pick<T>(items: readonly T[]): T {
		return pick(this.random, items);
	}

	chance(p: number): boolean {
		return this.random() < p;
	}

	bytes(length: number): Buffer {
		return Buffer.from(Array.from({length}, () => this.int(256)));
	}

	/** Short names from a, b, c: never a nurse's name or the ward's. */
	name(): string {
		return Array.from({length: 1 + this.int(3)}, () => this.pick(['a', 'b', 'c', 'B', 'é'])).join('');
	}

	nasty(): string {
		return this.pick([
			'\u0000',
			'\u0001',
			'\u0007',
			'\u001b[2J',
			'\u001b]0;pwned\u0007',
			'\t',
			'\u007f',
			'\u0085',
			'\u009b31m',
			'\u200b',
			'\u202e',
			'\ufeff',
			'💊',
			'é',
			'\r',
			' ',
			';',
			'=',
			'@',
			'\\',
			'"',
			'%s',
			'${x}',
			'\ud800',
		]);
	}

	text(): string {
		const parts = Array.from({length: this.int(6)}, () =>
			this.chance(0.3) ? this.nasty() : Array.from({length: this.int(8)}, () => this.pick(BASE36)).join(''),
		);
		return parts.join(this.chance(0.5) ? ' ' : '');
	}

	tags(): string {
		return this.pick([
			'',
			'',
			'@id=' + this.text().replace(/\s/g, '') + ' ',
			'@;;;=== ',
			'@' + 'k'.repeat(40) + '=1 ',
			'@id=' + 'x'.repeat(200) + ' ',
			'@id=ok;dup ',
			'@ ',
			'@id=\u001b[1m ',
		]);
	}

	/** A command word: a real one in any case, or something that is not. */
	word(): string {
		if (this.chance(0.75)) {
			// CLOSE rarely: it ends the session, and the session's end is chosen below.
			const word = this.chance(0.01) ? 'CLOSE' : this.pick(WORDS);
			return this.chance(0.3) ? word.toLowerCase() : word;
		}

		return this.pick([
			'FOO',
			'MESSAGEX',
			'SET-NAME',
			'',
			'\u0000',
			'ÉCHO',
			'PIN',
			'__proto__',
			'constructor',
			'x'.repeat(40),
		]);
	}

	parameters(): string {
		return this.pick([
			'',
			this.name(),
			`${this.name()} ${this.text()}`,
			this.text(),
			String(this.int(10) === 0 ? '99999999999999999999' : this.int(2_000)),
			'-1',
			'0',
			`${this.name()} ${this.name()} ${this.name()}`,
			'x'.repeat(this.int(300)),
		]);
	}

	/** One line of input, as bytes, with or without its line end. */
	line(): Buffer {
		switch (this.int(10)) {
			case 0:
				return this.bytes(this.int(200));
			case 1: {
				// Invalid UTF-8 inside an otherwise plausible command.
				const bad = this.pick([[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xf0, 0x28, 0x8c], [0xc0, 0xaf], [0x80]]);
				return Buffer.concat([Buffer.from(`${this.word()} `), Buffer.from(bad), Buffer.from(`${this.text()}\n`)]);
			}

			case 2:
				// Lone CRs, CR CR LF, CR in the middle.
				return Buffer.from(this.pick(['\r', '\r\r\n', `${this.word()}\r${this.text()}\n`, 'LIST\r', `MESSAGE a\rb\n`]));
			case 3:
				return Buffer.from(this.pick(['\n', '   \n', '\r\n', '@id=1\n', '\t\n']));
			default: {
				const end = this.pick(['\n', '\n', '\n', '\r\n', '']);
				return Buffer.from(`${this.tags()}${this.chance(0.1) ? '  ' : ''}${this.word()} ${this.parameters()}${end}`);
			}
		}
	}

	/** A line far over the limit, which the server must drop as it streams in. */
	huge(): Buffer {
		return Buffer.concat([
			Buffer.from('MESSAGE '),
			Buffer.alloc(8193 + this.int(60_000), this.pick(['x', '\u0000', 'é'])),
			Buffer.from(this.chance(0.5) ? '\n' : ''),
		]);
	}
}

interface Tally {
	lines: number;
	bytes: number;
	huge: number;
	resets: number;
	cutMidLine: number;
	sessions: number;
	received: number;
}

/** One hostile session: a burst of junk, then a goodbye of some kind. */
async function fuzzSession(port: number, fuzz: Fuzz, tally: Tally): Promise<void> {
	tally.sessions++;
	const reads = fuzz.chance(0.8);
	const client = await TcpClient.connect(port);
	try {
		if (!reads) {
			// Never reads a thing: its replies back up and it is cut off, alone.
			client.pause();
		}

		for (let i = 0; i < LINES_PER_SESSION; i++) {
			const bytes = fuzz.chance(0.03) ? fuzz.huge() : fuzz.line();
			if (bytes.length > 8192) {
				tally.huge++;
			}

			// In pieces of random size: framing must not care.
			for (let at = 0; at < bytes.length;) {
				const piece = 1 + fuzz.int(Math.min(bytes.length - at, fuzz.chance(0.5) ? 7 : 70_000));
				if (client.socket.destroyed) {
					return;
				}

				await client.sendRaw(bytes.subarray(at, at + piece)).catch(() => undefined);
				at += piece;
			}

			tally.lines++;
			tally.bytes += bytes.length;
		}

		if (reads) {
			// Everything answered so far arrives before this; a broken-off line before it is ended first.
			await client.sendRaw('\nPING fuzz-end\n').catch(() => undefined);
			await client.until((line) => line === 'OK PING fuzz-end Pong.').catch(() => undefined);
			tally.received += client.received.length;
		}

		switch (fuzz.int(4)) {
			case 0:
				await client.sendRaw('MESSAGE cut off in the midd').catch(() => undefined);
				tally.cutMidLine++;
				client.destroy();
				break;
			case 1:
				tally.resets++;
				client.socket.resetAndDestroy();
				break;
			case 2:
				client.end();
				break;
			default:
				await client.sendRaw('\nCLOSE\n').catch(() => undefined);
		}
	} finally {
		client.destroy();
	}
}

test('the server survives thousands of hostile lines while well-formed clients get every message exactly once', async (t) => {
	t.timeout(120_000);
	t.log(`seed ${SEED}`);
	// One generator per hostile session: its inputs are the same for a seed whatever the
	// interleaving, and however early the session before it was cut off.
	// No rate limit, so every hostile line reaches the parser and the dispatcher rather
	// than bouncing off the gate (flood.test.ts covers the gate).
	const server = await startTestServer(t, {rate: 0, closeGraceMs: 500, maxQueuedBytes: 256 * 1024});

	// The well-formed clients, in their own group.
	const nurses = await Promise.all(
		NURSES.map(async (name) => {
			const client = await connect(t, server);
			t.is(
				(await client.command(`SET_NAME ${name}`)).outcome,
				`OK SET_NAME ${name} lobby Welcome, ${name}. You are in group lobby.`,
			);
			return client;
		}),
	);
	t.regex((await nurses[0]!.command('NEW_GROUP ward')).outcome, /^OK NEW_GROUP ward /);
	for (const nurse of nurses.slice(1)) {
		t.is((await nurse.command('JOIN_GROUP ward')).outcome, 'OK JOIN_GROUP ward You left lobby and joined ward.');
	}

	const tally: Tally = {lines: 0, bytes: 0, huge: 0, resets: 0, cutMidLine: 0, sessions: 0, received: 0};
	const fuzzers = Array.from({length: FUZZERS}, async (_, index) => {
		for (let session = 0; session < SESSIONS_EACH; session++) {
			const fuzz = new Fuzz(seededRandom(SEED + index * SESSIONS_EACH + session));
			await fuzzSession(server.port, fuzz, tally);
		}
	});

	// Meanwhile each nurse sends her messages and DMs, and checks every outcome.
	const sent = new Map<string, string>();
	const talk = NURSES.map(async (name, index) => {
		const nurse = nurses[index]!;
		for (let n = 0; n < MESSAGES_EACH; n++) {
			const id = `${name}-${n}`;
			if (n % 5 === 4) {
				const to = NURSES[(index + 1 + (n % 3)) % NURSES.length]!;
				const {outcome} = await nurse.command(`@id=${id} DM ${to} dm ${id}`);
				t.regex(outcome, new RegExp(`^@id=${id} OK DM \\d+ \\S+ ${to} Sent to ${to}\\.$`));
				sent.set(`DM ${name} ${to} dm ${id}`, outcome.split(' ')[3]!);
			} else {
				const {outcome} = await nurse.command(`@id=${id} MESSAGE ward ${id} 💊`);
				t.regex(outcome, new RegExp(`^@id=${id} OK MESSAGE \\d+ \\S+ ward 3 Sent to 3 users in ward\\.$`));
				sent.set(`MSG ward ${name} ward ${id} 💊`, outcome.split(' ')[3]!);
			}

			if (n % 20 === 0) {
				t.is((await nurse.command(`PING ${id}`)).outcome, `OK PING ${id} Pong.`);
			}
		}
	});

	await Promise.all([...fuzzers, ...talk]);
	await eventually('every fuzzing connection is gone', () => server.connectionCount() === NURSES.length);

	// Every nurse got every other nurse's messages, and the DMs to her, exactly once.
	for (const [index, name] of NURSES.entries()) {
		const nurse = nurses[index]!;
		// Once PING's answer is in, everything sent to her before it is too.
		await nurse.command('PING end');
		const got = nurse.received
			.filter((line) => /^(MSG|DM) /.test(line))
			.map((line) => line.replace(/^(MSG|DM) \d+ \S+ /, '$1 '));
		const expected = [...sent.keys()].filter((key) => {
			const [kind, a, b] = key.split(' ');
			return kind === 'MSG' ? b !== name : b === name && a !== name;
		});
		const gotSorted = [...got].sort();
		t.deepEqual(gotSorted, [...new Set(gotSorted)], `${name} got no message twice`);
		t.deepEqual(gotSorted, expected.sort(), `${name} got each message meant for her`);
		// And HISTORY agrees.
		t.regex((await nurse.command('HISTORY 0')).outcome, /^OK HISTORY \d+ [01] /);
	}

	// Still up, still answering, nothing logged as a bug.
	const late = await connect(t, server);
	t.is((await late.command('SET_NAME late')).outcome, 'OK SET_NAME late lobby Welcome, late. You are in group lobby.');
	t.deepEqual(
		server.log.entries.filter((entry) => entry.level === 'error').map((entry) => entry.line),
		[],
	);
	t.is(server.userCount(), NURSES.length + 1);
	const outcomes = [...nurses.flatMap((nurse) => nurse.received)].filter(isOutcome).length;
	t.log(
		`${tally.sessions} hostile sessions from ${FUZZERS} clients: ${tally.lines} lines (${tally.huge} over the limit, ` +
			`${(tally.bytes / 1024 / 1024).toFixed(1)} MiB), ${tally.cutMidLine} cut mid-line, ${tally.resets} resets; ` +
			`${tally.received} server lines to them all parsed; ${sent.size} well-formed messages, ${outcomes} nurse outcomes checked`,
	);
	t.true(tally.lines > FUZZERS * SESSIONS_EACH * LINES_PER_SESSION * 0.5, 'most sessions got all their lines out');
});

test('raw junk with no line end at all, then a vanishing client, leaves nothing behind', async (t) => {
	const server = await startTestServer(t);
	const fuzz = new Fuzz(seededRandom(SEED - 1));
	for (let i = 0; i < 50; i++) {
		await new Promise<void>((resolve) => {
			const socket = net.connect({host: '127.0.0.1', port: server.port});
			socket.on('error', () => {});
			socket.once('connect', () => {
				socket.write(fuzz.bytes(1 + fuzz.int(4000)).map((byte) => (byte === 0x0a ? 0x20 : byte)));
				socket.destroy();
			});
			socket.once('close', () => resolve());
		});
	}

	await eventually('no connection left', () => server.connectionCount() === 0);
	const client = await connect(t, server);
	t.is((await client.command('PING')).outcome, 'OK PING 0 Pong.');
});
