/**
 * ClusterSentIds, without NATS: a guest's ids read from the log are remembered, and
 * forgotten like an absent guest's unless the guest is registered on this node; the
 * ids this node accepts are written to the log.
 */
import test from 'ava';
import type {Ok} from '../../protocol/index.js';
import {ClusterSentIds} from '../../server/cluster/cluster-sent-ids.js';

const OK = {type: 'OK', command: 'MESSAGE', text: 'Sent.'} as unknown as Ok;
const TEN_MINUTES = 10 * 60 * 1000;

test('a guest of another node: its ids read from the log are kept for 10 minutes after the last one', (t) => {
	let now = 0;
	const ids = new ClusterSentIds({now: () => now});
	ids.read('gus', 'g1', OK);
	t.is(ids.recall('gus', 'g1'), OK);
	now += TEN_MINUTES - 1;
	ids.read('gus', 'g2', OK);
	now += TEN_MINUTES - 1;
	// Any user's coming or going sweeps: gus's last id is not 10 minutes old yet.
	ids.returned('ann');
	t.is(ids.recall('gus', 'g1'), OK);
	now += 1;
	ids.returned('ann');
	t.is(ids.recall('gus', 'g1'), undefined);
	t.is(ids.recall('gus', 'g2'), undefined);
});

test('a guest on this node keeps its ids while here; the ids it sends here are written to the log', (t) => {
	let now = 0;
	const written: string[] = [];
	const ids = new ClusterSentIds({now: () => now});
	ids.writeTo((user, id) => written.push(`${user} ${id}`));
	ids.returned('gus');
	ids.remember('gus', 'g1', OK);
	ids.read('gus', 'g0', OK);
	now += 2 * TEN_MINUTES;
	ids.returned('ann');
	t.is(ids.recall('gus', 'g0'), OK);
	t.is(ids.recall('gus', 'g1'), OK);
	t.deepEqual(written, ['gus g1']);
	ids.left('gus');
	now += TEN_MINUTES;
	ids.returned('ann');
	t.is(ids.recall('gus', 'g1'), undefined);
});
