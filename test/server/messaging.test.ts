/**
 * MESSAGE and DM over real sockets: who gets what, and every refusal.
 */
import test from 'ava';
import {COMMANDS, parseServerLine} from '../../protocol/index.js';
import {refusesEach} from '../helpers/refusals.js';
import {connect, registerAll, startTestServer} from '../helpers/server.js';

const TIME = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z`;

test('a message reaches every other member of the group, with the same id and time the sender is told', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob, carol] = await registerAll(t, server, 'alice', 'bob', 'carol');
	const {lines, outcome} = await alice.command('MESSAGE  Bed 4: BP 90/60, please review  ');
	t.deepEqual(lines, []);
	t.regex(outcome, new RegExp(`^OK MESSAGE 1 ${TIME} lobby 2 Sent to 2 users in lobby\\.$`));
	const time = outcome.split(' ')[3];
	const expected = `MSG 1 ${time} lobby alice Bed 4: BP 90/60, please review  `;
	t.is(await bob.next(), expected);
	t.is(await carol.next(), expected);
});

test('a message reaches neither other groups nor unregistered connections', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob, carol] = await registerAll(t, server, 'alice', 'bob', 'carol');
	const lurker = await connect(t, server);
	await carol.command('NEW_GROUP night');
	await alice.until((line) => line === 'JOINED night carol');
	await bob.until((line) => line === 'JOINED night carol');
	t.regex((await alice.command('MESSAGE lobby only')).outcome, /^OK MESSAGE 1 \S+ lobby 1 Sent to 1 user in lobby\.$/);
	t.regex(await bob.next(), /^MSG 1 \S+ lobby alice lobby only$/);
	// The message was fanned out before these replies were queued, so it would come first.
	t.deepEqual((await carol.command('LIST_GROUP')).lines, ['GROUP lobby 2', 'GROUP night 1']);
	t.is((await lurker.command('HELP')).lines.length, COMMANDS.length);
});

test('alone in a group, a message has nobody to go to and is not sent', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	await bob.command('NEW_GROUP night');
	t.is(
		(await bob.command('MESSAGE hello?')).outcome,
		'ERR NO_RECIPIENTS MESSAGE Nobody else is in night to receive it; the message was not sent.',
	);
	await alice.until((line) => line === 'JOINED night bob');
	t.deepEqual((await alice.command('LIST_GROUP')).lines, ['GROUP lobby 1', 'GROUP night 1']);
	// No id was spent on the refused message.
	await alice.command('JOIN_GROUP night');
	t.regex((await alice.command('MESSAGE hi')).outcome, /^OK MESSAGE 1 /);
});

test('a message without text or with control characters is refused', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	t.is(
		(await alice.command('MESSAGE')).outcome,
		'ERR TEXT_MISSING MESSAGE There is no text to send. Usage: MESSAGE <text>.',
	);
	t.is(
		(await alice.command('MESSAGE    ')).outcome,
		'ERR TEXT_MISSING MESSAGE There is no text to send. Usage: MESSAGE <text>.',
	);
	t.is(
		(await alice.command('MESSAGE a\tb')).outcome,
		'ERR TEXT_INVALID MESSAGE Messages cannot contain control characters (tabs, escapes, carriage returns).',
	);
	t.is(
		(await alice.command('MESSAGE \u001b[31mred')).outcome,
		'ERR TEXT_INVALID MESSAGE Messages cannot contain control characters (tabs, escapes, carriage returns).',
	);
	t.deepEqual((await bob.command('LIST_GROUP')).lines, ['GROUP lobby 2'], 'bob got none of them');
});

test('a message keeps its Unicode text exactly', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	const text = 'Patient Müller → 💊 at 14:00 (ß, 日本語, e\u0301)';
	await alice.command(`MESSAGE ${text}`);
	t.like(parseServerLine(await bob.next()), {type: 'MSG', id: '1', group: 'lobby', from: 'alice', text});
});

test('a DM reaches its recipient only; the sender gets the id and time', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob, carol] = await registerAll(t, server, 'alice', 'bob', 'carol');
	const {outcome} = await alice.command('DM bob  can you cover bed 9?');
	t.regex(outcome, new RegExp(`^OK DM 1 ${TIME} bob Sent to bob\\.$`));
	const time = outcome.split(' ')[3];
	t.is(await bob.next(), `DM 1 ${time} alice bob can you cover bed 9?`);
	t.deepEqual((await carol.command('LIST_GROUP')).lines, ['GROUP lobby 3'], 'carol did not see it');
	t.deepEqual((await alice.command('LIST_GROUP')).lines, ['GROUP lobby 3'], 'nor did its sender');
});

test('a DM finds its recipient case-insensitively and shows the name as registered', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'Bob');
	t.regex((await alice.command('DM bOB hi')).outcome, /^OK DM 1 \S+ Bob Sent to Bob\.$/);
	t.regex(await bob.next(), /^DM 1 \S+ alice Bob hi$/);
});

test('group messages and DMs share one increasing id sequence', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	const ids: string[] = [];
	for (const line of ['MESSAGE one', 'DM bob two', 'MESSAGE three']) {
		ids.push((await alice.command(line)).outcome.split(' ')[2]!);
	}

	t.deepEqual(ids, ['1', '2', '3']);
	const {lines, outcome} = await bob.command('DM alice four');
	t.deepEqual(
		lines.map((line) => line.split(' ').slice(0, 2).join(' ')),
		['MSG 1', 'DM 2', 'MSG 3'],
	);
	t.regex(outcome, /^OK DM 4 \S+ alice Sent to alice\.$/);
	t.regex(await alice.next(), /^DM 4 \S+ bob alice four$/);
});

test('every DM refusal', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob, carol] = await registerAll(t, server, 'alice', 'bob', 'carol');
	await carol.command('NEW_GROUP night');
	await alice.until((line) => line === 'JOINED night carol');
	await bob.until((line) => line === 'JOINED night carol');
	await refusesEach(t, alice, [
		['DM', 'ERR USER_MISSING DM Say who the message is for. Usage: DM <user> <text>.'],
		['DM    ', 'ERR USER_MISSING DM Say who the message is for. Usage: DM <user> <text>.'],
		['DM bob', 'ERR TEXT_MISSING DM There is no text to send. Usage: DM <user> <text>.'],
		['DM bob    ', 'ERR TEXT_MISSING DM There is no text to send. Usage: DM <user> <text>.'],
		[
			'DM bob a\u0007',
			'ERR TEXT_INVALID DM Messages cannot contain control characters (tabs, escapes, carriage returns).',
		],
		['DM zed hi', 'ERR NO_SUCH_USER DM There is no user named "zed".'],
		['DM @bob hi', 'ERR NO_SUCH_USER DM There is no user named "@bob".'],
		['DM Alice hi', 'ERR DM_SELF DM You cannot send a DM to yourself.'],
		['DM carol hi', 'ERR NOT_IN_YOUR_GROUP DM carol is in group night; DMs reach only users of your group (lobby).'],
	]);

	t.deepEqual((await bob.command('LIST_GROUP')).lines, ['GROUP lobby 2', 'GROUP night 1'], 'bob got no DM');
});

test('a DM to a user who has left is refused', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	await bob.command('CLOSE');
	t.is(await alice.next(), 'OFFLINE bob lobby');
	t.is((await alice.command('DM bob hi')).outcome, 'ERR NO_SUCH_USER DM There is no user named "bob".');
});
