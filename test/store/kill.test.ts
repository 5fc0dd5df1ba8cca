/**
 * kill -9 in the middle of a burst of grouped commits: every message acknowledged
 * before the kill is stored after a restart, with the client id it was sent under,
 * and new ids start above every stored one.
 */
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {openStore} from '../../server/store/open-store.js';
import {tempDir} from '../helpers/store.js';

const BURST_WRITER = fileURLToPath(new URL('../helpers/fixtures/burst-writer.ts', import.meta.url));
const ACKED = /^acked (\d+) (\S+)$/;

/** Runs the writer until it has acknowledged at least `least` messages, kills it with -9, and returns what it acknowledged. */
async function burstThenKill(
	t: import('ava').ExecutionContext,
	dir: string,
	least: number,
): Promise<Map<number, string>> {
	const writer = spawn(process.execPath, ['--import=tsx', BURST_WRITER, dir], {stdio: ['ignore', 'pipe', 'inherit']});
	t.teardown(() => {
		if (writer.exitCode === null && writer.signalCode === null) {
			writer.kill('SIGKILL');
		}
	});
	const acked = new Map<number, string>();
	let partial = '';
	const exited = new Promise<NodeJS.Signals | null>((resolve) =>
		writer.once('close', (_code, signal) => resolve(signal)),
	);
	writer.stdout.setEncoding('utf8').on('data', (text: string) => {
		const lines = (partial + text).split('\n');
		// A line cut by the kill is not an acknowledgement.
		partial = lines.pop()!;
		for (const line of lines) {
			const match = ACKED.exec(line);
			if (!match) {
				throw new Error(`unexpected line from the writer: ${line}`);
			}

			acked.set(Number(match[1]), match[2]!);
		}

		if (acked.size >= least && writer.signalCode === null) {
			writer.kill('SIGKILL');
		}
	});
	t.is(await exited, 'SIGKILL');
	return acked;
}

test('every message acknowledged before a kill -9 is there after the restart, ids and client ids too', async (t) => {
	const dir = tempDir(t);
	const first = await burstThenKill(t, dir, 2000);
	const second = await burstThenKill(t, dir, 2000);
	t.true(Math.min(...second.keys()) > Math.max(...first.keys()), 'the restarted writer went on above every stored id');

	const store = openStore(dir, 'serve');
	t.teardown(() => store.close());
	const stored = new Map<string, number>();
	let after = 0;
	for (;;) {
		const page = store.after({group: 'lobby'}, after, 500);
		for (const message of page.messages) {
			stored.set(message.id, (stored.get(message.id) ?? 0) + 1);
			after = Number(message.id);
		}

		if (!page.more) {
			break;
		}
	}

	const missing: number[] = [];
	for (const [id, clientId] of [...first, ...second]) {
		if (stored.get(String(id)) !== 1) {
			missing.push(id);
		}

		if (store.recallClientId(`user${id % 100}`, clientId)?.command !== 'MESSAGE') {
			missing.push(-id);
		}
	}

	t.deepEqual(missing, [], 'each acknowledged id stored exactly once, its client id remembered');
	t.true(store.lastMessageId() >= Math.max(...second.keys()));
});
