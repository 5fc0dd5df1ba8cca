/**
 * Slow consumers against the server in a process of its own: twenty clients stop
 * reading while others send at full speed, far more than could ever be queued for them.
 * The server's memory (VmRSS from /proc) stays under a stated bound, measured against
 * the same load with nobody stalled; the others' messages keep flowing; and each
 * stalled client, once it reads again, is told how many messages it missed.
 *
 * The server is `chat serve --rate 0` without its timers (fixtures/serve-without-timers.ts):
 * with them, a stalled client is cut off slowConsumerCutMs (10 s) after it passed its cap
 * and destroyed 2 s later if it still does not read, so on a loaded machine, where the
 * sending takes longer than that, it lost the rest of the messages and its goodbye.
 */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import test, {type ExecutionContext} from 'ava';
import {dataHome} from '../helpers/chat-process.js';
import {HELLO} from '../helpers/server.js';
import {TcpClient} from '../helpers/tcp-client.js';
import {spawnProcess} from '../helpers/test-process.js';

const SERVE_WITHOUT_TIMERS = fileURLToPath(new URL('../helpers/fixtures/serve-without-timers.ts', import.meta.url));

const MiB = 1024 * 1024;
const STALLED = 20;
const SENDERS = 4;
const MESSAGES_EACH = 2500;
const TEXT = 'v'.repeat(4000);
/** What stalled clients may add to the server's peak: their 1 MiB caps, and then some. */
const EXTRA_BOUND_MIB = 32;
/** What the server may grow by at all under this load. */
const BOUND_MIB = 128;

function rssOf(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
	if (!kb) {
		throw new Error(`no VmRSS in /proc/${pid}/status`);
	}

	return Number(kb) * 1024;
}

interface Run {
	readonly baseline: number;
	readonly peak: number;
	readonly stalled: TcpClient[];
	readonly total: number;
}

/** A fresh server, `stalledCount` clients that stop reading, one reader, and senders at full speed. */
async function load(t: ExecutionContext, stalledCount: number): Promise<Run> {
	// No rate limit: full speed is the point. Stalled clients are cut once they read again.
	const server = spawnProcess(t, process.execPath, ['--import=tsx', SERVE_WITHOUT_TIMERS, dataHome(t)]);
	const [, port] = await server.waitForStderr(/event=started host=127\.0\.0\.1 port=(\d+) pid=\d+\n/);
	const pid = server.child.pid!;
	const join = async (name: string) => {
		const client = await TcpClient.connect(Number(port), {greeting: HELLO});
		t.teardown(() => client.destroy());
		t.regex((await client.command(`SET_NAME ${name}`)).outcome, /^OK SET_NAME /);
		return client;
	};

	const stalled = await Promise.all(Array.from({length: stalledCount}, (_, index) => join(`stalled${index}`)));
	for (const client of stalled) {
		client.pause();
	}

	const reader = await join('reader');
	const senders = await Promise.all(Array.from({length: SENDERS}, (_, index) => join(`sender${index}`)));
	const baseline = rssOf(pid);
	let peak = baseline;
	reader.socket.on('data', () => {
		peak = Math.max(peak, rssOf(pid));
	});

	const total = SENDERS * MESSAGES_EACH;
	let received = 0;
	const readerDone = reader.until((line) => line.startsWith('MSG ') && ++received === total);
	await Promise.all(
		senders.map(async (sender, index) => {
			for (let sent = 0; sent < MESSAGES_EACH; sent += 100) {
				await sender.sendRaw(Array.from({length: 100}, (_, n) => `MESSAGE ${index}-${sent + n} ${TEXT}\n`).join(''));
				let oks = 0;
				await sender.until((line) => line.startsWith('OK MESSAGE') && ++oks === 100);
				peak = Math.max(peak, rssOf(pid));
			}
		}),
	);
	await readerDone;
	t.is(received, total, 'the reader got every message, stalled clients or not');
	return {baseline, peak, stalled, total};
}

test.serial(
	'stalled readers cost the server a bounded amount of memory; everyone else keeps getting messages',
	async (t) => {
		if (process.platform !== 'linux') {
			t.pass('VmRSS is read from /proc: Linux only');
			return;
		}

		const control = await load(t, 0);
		const run = await load(t, STALLED);
		const grown = (run.peak - run.baseline) / MiB;
		const controlGrown = (control.peak - control.baseline) / MiB;
		const sentToEach = (run.total * (TEXT.length + 60)) / MiB;
		t.log(
			`server VmRSS: +${controlGrown.toFixed(1)} MiB at peak with nobody stalled; +${grown.toFixed(1)} MiB ` +
				`(${(run.baseline / MiB).toFixed(1)} -> ${(run.peak / MiB).toFixed(1)} MiB) with ${STALLED} stalled clients, ` +
				`each of them sent ${sentToEach.toFixed(0)} MiB (${(sentToEach * STALLED).toFixed(0)} MiB in all)`,
		);
		t.true(grown < BOUND_MIB, `grew ${grown.toFixed(1)} MiB`);
		t.true(grown - controlGrown < EXTRA_BOUND_MIB, `stalled clients added ${(grown - controlGrown).toFixed(1)} MiB`);
		t.true(sentToEach * STALLED > 4 * BOUND_MIB, 'an unbounded server would have blown the bound several times over');

		// Each stalled client, reading again, finds its backlog and then its count.
		for (const client of run.stalled) {
			client.resume();
			const lines = await client.until((line) => line.startsWith('BYE '));
			const delivered = lines.filter((line) => line.startsWith('MSG ')).length;
			const missed = /^BYE SLOW_CONSUMER You were not reading; (\d+) messages were not delivered to you\./.exec(
				lines.at(-1)!,
			);
			t.truthy(missed, lines.at(-1));
			t.is(delivered + Number(missed?.[1]), run.total, 'each message was delivered or counted');
		}
	},
);
