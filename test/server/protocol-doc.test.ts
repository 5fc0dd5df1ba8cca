/**
 * docs/PROTOCOL.md against the code: its error-code table against ERROR_CODES, and
 * its transcript replayed line by line against a real server.
 */
import {readFileSync} from 'node:fs';
import test from 'ava';
import {COMMANDS, ERROR_CODES} from '../../protocol/index.js';
import {clockIds} from '../../server/chat/message-ids.js';
import {HELLO, startTestServer} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';

const DOC = readFileSync(new URL('../../docs/PROTOCOL.md', import.meta.url), 'utf8');
const TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;
const ID = /\b\d{16}\b/g;

/**
 * Message ids differ from run to run, so the doc's ids stand for the real ones: the
 * same doc id must be the same real id every time, and each new one must be greater
 * than every real id before it.
 */
class IdMap {
	private readonly real = new Map<string, string>();
	private last = 0;

	/** A line to send, with the doc's ids replaced by the real ones they stand for. */
	outgoing(documented: string): string {
		return documented.replace(ID, (doc) => this.real.get(doc) ?? doc);
	}

	/** The real ids put in place of the doc's in the expected line; a mismatch shows up as a difference. */
	normalise(received: string, documented: string): [string, string] {
		const got = received.match(ID) ?? [];
		const want = documented.match(ID) ?? [];
		const placeholders = want.map((doc, index) => {
			const actual = got[index];
			const known = this.real.get(doc);
			if (known === undefined && actual !== undefined && Number(actual) > this.last) {
				this.real.set(doc, actual);
				this.last = Number(actual);
				return actual;
			}

			return known ?? `<doc id ${doc}>`;
		});
		let index = 0;
		const expected = documented.replace(ID, () => placeholders[index++] ?? '');
		return [received.replace(TIME, '<time>'), expected.replace(TIME, '<time>')];
	}
}

/** The first fenced block or table after an HTML comment that starts with `marker`. */
function section(marker: string): string {
	const start = DOC.indexOf(`<!-- ${marker}`);
	if (start === -1) {
		throw new Error(`docs/PROTOCOL.md has no <!-- ${marker} ... --> marker`);
	}

	return DOC.slice(start);
}

function transcript(): string[] {
	const after = section('transcript:');
	const match = /```text\n([\s\S]*?)\n```/.exec(after);
	if (!match?.[1]) {
		throw new Error('No ```text block after the transcript marker');
	}

	return match[1].split('\n');
}

test('the error-code table lists every code of ERROR_CODES, with its sentence, and nothing else', (t) => {
	const table = section('error-codes:').split('\n\n')[1] ?? '';
	const rows = [...table.matchAll(/^\| `([A-Z0-9_]+)` \| (.*) \|$/gm)].map((match) => [match[1], match[2]]);
	t.deepEqual(rows, Object.entries(ERROR_CODES));
});

test('every command has its own section', (t) => {
	for (const spec of COMMANDS) {
		t.true(DOC.includes(`\n### ${spec.name}\n\n\`${spec.usage}\``), spec.name);
	}
});

test('in the transcript every client speaks first, and the first line it reads is HELLO', (t) => {
	const seen = new Map<string, string[]>();
	for (const line of transcript()) {
		const match = /^(\w+) +([<>]) (.*)$/.exec(line);
		if (match) {
			const [, name, direction, text] = match as unknown as [string, string, string, string];
			seen.set(name, [...(seen.get(name) ?? []), `${direction} ${text}`]);
		}
	}

	t.deepEqual([...seen.keys()], ['alice', 'bob', 'carol', 'dave']);
	for (const [name, lines] of seen) {
		t.true(lines[0]!.startsWith('> '), `${name} speaks first`);
		t.is(lines[1], `< ${HELLO}`, `${name} is greeted just before the reply to its first line`);
	}
});

test('the transcript is what a real server says, line for line', async (t) => {
	const server = await startTestServer(t, {ids: clockIds()});
	const ids = new IdMap();
	const clients = new Map<string, TcpClient>();
	const client = async (name: string) => {
		let found = clients.get(name);
		if (!found) {
			found = await TcpClient.connect(server.port);
			t.teardown(() => found!.destroy());
			clients.set(name, found);
		}

		return found;
	};

	let shutdown: Promise<void> | undefined;
	const lines = transcript();
	t.true(lines.length > 50);
	for (const [index, line] of lines.entries()) {
		const where = `PROTOCOL.md transcript line ${index + 1}: ${line}`;
		if (line.startsWith('***')) {
			shutdown = server.close();
			continue;
		}

		const match = /^(\w+) +([<>]) (.*)$/.exec(line);
		if (!match) {
			t.fail(`Cannot read ${where}`);
			continue;
		}

		const [, name, direction, text] = match as unknown as [string, string, string, string];
		const connection = await client(name);
		if (direction === '>') {
			connection.send(ids.outgoing(text));
		} else {
			const [received, expected] = ids.normalise(await connection.next(), text);
			t.is(received, expected, where);
		}
	}

	t.truthy(shutdown, 'the transcript ends with the server stopping');
	await shutdown;
	for (const [name, connection] of clients) {
		await connection.closed;
		t.deepEqual(connection.unread(), [], `${name} got lines the transcript does not show`);
	}
});
