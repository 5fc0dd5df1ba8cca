/**
 * A guest's client ids are the cluster's: a guest that got no OK for a message on one
 * node (its connection went) and resends it on another under the same @id gets the
 * first OK, marked dup, and the message is stored and delivered once.
 */
import test from 'ava';
import {startTestNodes} from '../helpers/cluster.js';
import {natsServer} from '../helpers/nats-server.js';
import {connect, register} from '../helpers/server.js';

test('a guest resending on another node under the same client id gets the first OK, and the message is stored once', async (t) => {
	const nats = await natsServer(t);
	const [a, b] = await startTestNodes(t, nats.url, 2);
	const carol = await register(t, b!, 'carol');
	const gus = await register(t, a!, 'gus');
	t.is(await carol.next(), 'ONLINE gus lobby');

	const first = await gus.command('@id=g1 MESSAGE obs at 14:00 normal');
	t.regex(first.outcome, /^@id=g1 OK MESSAGE \d+ /);
	t.regex(await carol.next(), /^MSG \d+ \S+ lobby gus obs at 14:00 normal$/);
	// The client never read that OK: it lost its node, and comes back on the other.
	t.is((await gus.command('CLOSE')).outcome, 'OK CLOSE Goodbye, gus.');
	t.is(await carol.next(), 'OFFLINE gus lobby');

	const again = await connect(t, b!);
	t.regex((await again.command('SET_NAME gus')).outcome, /^OK SET_NAME gus /);
	t.is(await carol.next(), 'ONLINE gus lobby');
	const resent = await again.command('@id=g1 MESSAGE obs at 14:00 normal');
	t.is(resent.outcome, first.outcome.replace('@id=g1 ', '@id=g1;dup '));
	t.regex((await again.command('@id=g2 MESSAGE obs at 15:00 normal')).outcome, /^@id=g2 OK MESSAGE \d+ /);
	t.regex(await carol.next(), /^MSG \d+ \S+ lobby gus obs at 15:00 normal$/);

	const history = await carol.command('HISTORY 0');
	t.deepEqual(
		history.lines.map((line) => line.replace(/^MSG \d+ \S+ /, '')),
		['lobby gus obs at 14:00 normal', 'lobby gus obs at 15:00 normal'],
	);
});
