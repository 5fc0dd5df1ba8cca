/**
 * One message from one client to all the others, timed: the time until the last
 * receiver has it. It is also the bench's barrier: a server writes to each socket in
 * order, so once every client has this MSG, everything queued for it before (the
 * presence storm of registration, a previous phase's tail) has been read too.
 */
import {nowUs} from '../measure/latency.js';
import type {BenchClient, MessageSink} from './clients.js';

export interface BroadcastResult {
	/** Send to the last receipt (ms). */
	readonly ms: number;
	readonly reached: number;
	readonly expected: number;
	readonly timedOut: boolean;
}

let sequence = 0;

export async function broadcast(
	clients: readonly BenchClient[],
	sender: BenchClient,
	timeoutMs: number,
): Promise<BroadcastResult> {
	const tag = `barrier-${process.pid}-${++sequence}-${Date.now()}`;
	const expected = clients.filter((client) => client !== sender && !client.closed).length;
	let reached = 0;
	let lastUs = 0;
	// IRC acknowledges nothing: the receipts are the barrier.
	let acked = !sender.dialect.acks;
	let finish: (() => void) | undefined;
	const done = new Promise<void>((resolve) => {
		finish = resolve;
	});
	const check = () => {
		if (reached >= expected && acked) {
			finish?.();
		}
	};

	const previous = clients.map((client) => client.sink);
	const sink: MessageSink = {
		msg(client, bytes, textStart, end) {
			if (end - textStart === tag.length && bytes.toString('latin1', textStart, end) === tag) {
				reached++;
				lastUs = client.arrivedUs;
				check();
			}
		},
		ack() {
			acked = true;
			check();
		},
	};
	for (const client of clients) {
		client.sink = sink;
	}

	const sentUs = nowUs();
	sender.socket.write(sender.dialect.message(tag));
	let timer: NodeJS.Timeout | undefined;
	const timedOut = await Promise.race([
		done.then(() => false),
		new Promise<boolean>((resolve) => {
			timer = setTimeout(() => resolve(true), timeoutMs);
		}),
	]);
	clearTimeout(timer);
	clients.forEach((client, index) => {
		client.sink = previous[index];
	});
	return {ms: timedOut ? Number.NaN : (lastUs - sentUs) / 1000, reached, expected, timedOut};
}
