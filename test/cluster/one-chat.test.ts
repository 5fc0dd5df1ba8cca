/**
 * Two chat nodes on one NATS: one chat. Users of either node are listed, messaged and
 * told of presence on the other, names are one user's across nodes, and accounts and
 * history are the cluster's, so any node serves any user.
 */
import test from 'ava';
import {startTestNodes} from '../helpers/cluster.js';
import {natsServer} from '../helpers/nats-server.js';
import {connect, register} from '../helpers/server.js';

const PASSWORD = 'correct horse battery';

test('users of two nodes see each other, and messages, DMs and presence cross between the nodes', async (t) => {
	const nats = await natsServer(t);
	const [a, b] = await startTestNodes(t, nats.url, 2);
	const alice = await register(t, a!, 'alice');
	const bob = await register(t, b!, 'bob');
	t.is(await alice.next(), 'ONLINE bob lobby');
	const carol = await register(t, a!, 'carol');
	t.is(await alice.next(), 'ONLINE carol lobby');
	t.is(await bob.next(), 'ONLINE carol lobby');

	for (const client of [alice, bob]) {
		t.deepEqual((await client.command('LIST')).lines, [
			'MEMBER lobby alice',
			'MEMBER lobby bob',
			'MEMBER lobby carol',
			'USER alice lobby',
			'USER bob lobby',
			'USER carol lobby',
		]);
	}

	const sent = await bob.command('MESSAGE from node b');
	t.regex(sent.outcome, /^OK MESSAGE \d+ \S+ lobby 2 Sent to 2 users in lobby\.$/);
	const id = sent.outcome.split(' ')[2]!;
	const time = sent.outcome.split(' ')[3]!;
	t.is(await alice.next(), `MSG ${id} ${time} lobby bob from node b`);
	t.is(await carol.next(), `MSG ${id} ${time} lobby bob from node b`);

	const reply = await alice.command('MESSAGE from node a');
	const replyId = reply.outcome.split(' ')[2]!;
	t.true(BigInt(replyId) > BigInt(id), 'a later message has a higher id, whichever node took it');
	t.regex(await bob.next(), new RegExp(`^MSG ${replyId} \\S+ lobby alice from node a$`));

	t.regex((await alice.command('DM bob psst')).outcome, /^OK DM \d+ \S+ bob /);
	t.regex(await bob.next(), /^DM \d+ \S+ alice bob psst$/);

	await carol.command('NEW_GROUP night');
	t.deepEqual(await bob.until((line) => line === 'JOINED night carol'), [
		'GROUP_CREATED night carol',
		'LEFT lobby carol',
		'JOINED night carol',
	]);
	t.deepEqual((await bob.command('LIST_GROUP')).lines, ['GROUP lobby 2', 'GROUP night 1']);
	t.regex((await bob.command('JOIN_GROUP night')).outcome, /^OK JOIN_GROUP night /);
	await carol.until((line) => line === 'JOINED night bob');

	carol.send('CLOSE');
	await carol.closed;
	t.deepEqual(await bob.until((line) => line.startsWith('OFFLINE')), ['OFFLINE carol night']);
	t.deepEqual(await alice.until((line) => line.startsWith('OFFLINE')), [
		'GROUP_CREATED night carol',
		'LEFT lobby carol',
		'JOINED night carol',
		'LEFT lobby bob',
		'JOINED night bob',
		'OFFLINE carol night',
	]);
});

test('a name taken on one node is refused on the other, and exactly one of two nodes racing for a name wins', async (t) => {
	const nats = await natsServer(t);
	const [a, b] = await startTestNodes(t, nats.url, 2);
	await register(t, a!, 'dave');
	const late = await connect(t, b!);
	t.is(
		(await late.command('SET_NAME Dave')).outcome,
		'ERR NAME_TAKEN SET_NAME The name "Dave" is taken (names ignore case); choose another.',
	);

	for (let round = 0; round < 5; round++) {
		const [first, second] = await Promise.all([connect(t, a!), connect(t, b!)]);
		const name = `race${round}`;
		first.send(`SET_NAME ${name}`);
		second.send(`SET_NAME ${name}`);
		const outcomes = await Promise.all([
			first.until((line) => /^(OK|ERR) /.test(line)),
			second.until((line) => /^(OK|ERR) /.test(line)),
		]);
		const won = outcomes.map((lines) => lines.at(-1)!).filter((line) => line.startsWith('OK SET_NAME'));
		t.is(won.length, 1, `round ${round}: ${JSON.stringify(outcomes)}`);
	}
});

test('a group made on one node exists on the other, and exactly one of two nodes racing to make a group wins', async (t) => {
	const nats = await natsServer(t);
	const [a, b] = await startTestNodes(t, nats.url, 2);
	const [first, second] = [await register(t, a!, 'gail'), await register(t, b!, 'hank')];
	await first.next();
	t.regex((await first.command('NEW_GROUP ward')).outcome, /^OK NEW_GROUP ward /);
	await second.until((line) => line === 'JOINED ward gail');
	t.is(
		(await second.command('NEW_GROUP Ward')).outcome,
		'ERR GROUP_EXISTS NEW_GROUP A group named ward already exists; JOIN_GROUP ward to join it.',
	);

	// Every line each client gets, to count the GROUP_CREATED lines at the end.
	const heard = new Map([
		[first, [] as string[]],
		[second, [] as string[]],
	]);
	const winners: string[] = [];
	for (let round = 0; round < 5; round++) {
		const name = `bay${round}`;
		first.send(`NEW_GROUP ${name}`);
		second.send(`NEW_GROUP ${name}`);
		const outcomes = await Promise.all([
			first.until((line) => /^(OK|ERR) /.test(line)),
			second.until((line) => /^(OK|ERR) /.test(line)),
		]);
		heard.get(first)!.push(...outcomes[0]);
		heard.get(second)!.push(...outcomes[1]);
		const answers = outcomes.map((lines) => lines.at(-1)!);
		t.is(answers.filter((line) => line.startsWith('OK NEW_GROUP')).length, 1, `round ${round}: ${answers}`);
		t.is(
			answers.filter((line) => line.startsWith(`ERR GROUP_EXISTS NEW_GROUP A group named ${name} already exists`))
				.length,
			1,
			`round ${round}: ${answers}`,
		);
		const [winner, loser] = answers[0]!.startsWith('OK') ? [first, second] : [second, first];
		winners.push(winner === first ? 'gail' : 'hank');
		if (!heard.get(loser)!.some((line) => line.startsWith(`GROUP_CREATED ${name} `))) {
			heard.get(loser)!.push(...(await loser.until((line) => line.startsWith(`GROUP_CREATED ${name} `))));
		}
	}

	for (const [client, lines] of heard) {
		const ping = await client.command('PING end');
		lines.push(...ping.lines, ...client.unread());
	}

	// Each group was made once: its one GROUP_CREATED line went to the loser, by the winner, and none to the winner.
	for (const [round, winner] of winners.entries()) {
		const created = [...heard.values()].flat().filter((line) => line.startsWith(`GROUP_CREATED bay${round} `));
		t.deepEqual(created, [`GROUP_CREATED bay${round} ${winner}`]);
	}
});

test('an account made on one node logs in on the other, with its history and unread count', async (t) => {
	const nats = await natsServer(t);
	const [a, b] = await startTestNodes(t, nats.url, 2);
	const erin = await register(t, a!, 'erin');
	const frank = await register(t, a!, 'frank');
	await erin.next();
	t.regex((await erin.command(`SET_PASSWORD ${PASSWORD}`)).outcome, /^OK SET_PASSWORD erin /);
	erin.send('CLOSE');
	await erin.closed;
	await frank.until((line) => line === 'OFFLINE erin lobby');
	const sent = await frank.command('MESSAGE while erin was away');
	t.regex(sent.outcome, /^OK MESSAGE \d+ \S+ lobby 1 Sent to 1 user in lobby\.$/);

	const back = await connect(t, b!);
	const login = await back.command(`SET_NAME erin ${PASSWORD}`);
	t.is(login.outcome, 'OK SET_NAME erin lobby Welcome back, erin. You are in group lobby.');
	const unread = await back.next();
	t.regex(unread, /^UNREAD 1 \d+ /);
	const after = unread.split(' ')[2]!;
	const history = await back.command(`HISTORY ${after}`);
	t.deepEqual(
		history.lines.map((line) => line.replace(/^MSG \d+ \S+ /, 'MSG ')),
		['MSG lobby frank while erin was away'],
	);
});
