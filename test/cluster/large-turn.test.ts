/**
 * A turn too large for one NATS message (NATS refuses a message above its max_payload,
 * 1 MB by default): its ops go out as several log entries, in order, each under
 * MAX_ENTRY_BYTES, and another node reads every write of it.
 */
import test from 'ava';
import type {GroupMessage} from '../../protocol/index.js';
import {entryPayloads, MAX_ENTRY_BYTES, type LogEntry, type LogOp} from '../../server/cluster/log-ops.js';
import {startTestNodes} from '../helpers/cluster.js';
import {natsServer} from '../helpers/nats-server.js';

const TEXT = 'x'.repeat(200);

function message(index: number): GroupMessage {
	const time = '2026-01-01T00:00:00.000Z';
	return {type: 'MSG', id: String(1_000_000 + index), time, group: 'lobby', from: 'ann', text: `${index} ${TEXT}`};
}

test('entryPayloads: one entry while the ops fit, else several in order, each under the bound', (t) => {
	const ops: LogOp[] = Array.from({length: 100}, (_, index) => ({op: 'group', message: message(index)}));
	const [one, ...none] = entryPayloads('n1', ops);
	t.deepEqual(none, []);
	t.deepEqual(JSON.parse(one!), {node: 'n1', ops});

	const payloads = entryPayloads('n1', ops, 2000);
	t.true(payloads.length > 10);
	t.true(payloads.every((payload) => payload.length <= 2000));
	const entries = payloads.map((payload) => JSON.parse(payload) as LogEntry);
	t.true(entries.every((entry) => entry.node === 'n1'));
	t.deepEqual(
		entries.flatMap((entry) => entry.ops),
		ops,
	);
	// An op larger than the bound is an entry of its own.
	t.deepEqual(
		entryPayloads('n1', ops.slice(0, 2), 10).map((payload) => (JSON.parse(payload) as LogEntry).ops.length),
		[1, 1],
	);
});

test('a turn of several megabytes is stored, and read whole on another node', async (t) => {
	const nats = await natsServer(t);
	const [a, b] = await startTestNodes(t, nats.url, 2);
	const count = Math.ceil((3 * MAX_ENTRY_BYTES) / 200) * 2;
	for (let index = 0; index < count; index++) {
		a!.node.store.appendGroupMessage(message(index));
	}

	await a!.node.store.settled();
	t.false(a!.node.store.refusing);
	await b!.node.caughtUp();
	t.is(b!.node.store.countAfter({group: 'lobby'}, 0), count);
});
