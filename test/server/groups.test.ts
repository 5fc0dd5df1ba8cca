/**
 * NEW_GROUP, JOIN_GROUP, LIST_GROUP and LIST over real sockets: membership, the events
 * that keep every client's view live, and every refusal.
 */
import test from 'ava';
import {COMMANDS} from '../../protocol/index.js';
import {refusesEach} from '../helpers/refusals.js';
import {connect, registerAll, startTestServer} from '../helpers/server.js';

test('NEW_GROUP moves the creator into it; every other registered user hears created, left, joined', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob, carol] = await registerAll(t, server, 'alice', 'bob', 'carol');
	const lurker = await connect(t, server);
	await carol.command('NEW_GROUP ward7');
	for (const client of [alice, bob]) {
		t.deepEqual(
			[await client.next(), await client.next(), await client.next()],
			['GROUP_CREATED ward7 carol', 'LEFT lobby carol', 'JOINED ward7 carol'],
		);
	}

	t.deepEqual(await alice.command('NEW_GROUP Night'), {
		lines: [],
		outcome: 'OK NEW_GROUP Night Created group Night; you are now in it.',
	});
	const events = ['GROUP_CREATED Night alice', 'LEFT lobby alice', 'JOINED Night alice'];
	t.deepEqual([await bob.next(), await bob.next(), await bob.next()], events);
	t.deepEqual([await carol.next(), await carol.next(), await carol.next()], events, 'other groups hear it too');
	t.deepEqual((await lurker.command('HELP')).lines.length, COMMANDS.length, 'unregistered connections do not');
	t.deepEqual(await alice.command('LIST'), {
		lines: ['MEMBER Night alice', 'USER alice Night', 'USER bob lobby', 'USER carol ward7'],
		outcome: 'OK LIST 1 3 1 user in Night, 3 online.',
	});
});

test('every NEW_GROUP refusal', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	await bob.command('NEW_GROUP night');
	await alice.until((line) => line === 'JOINED night bob');
	await refusesEach(t, alice, [
		['NEW_GROUP', 'ERR GROUP_MISSING NEW_GROUP A name is required: NEW_GROUP <name> or JOIN_GROUP <name>.'],
		['NEW_GROUP night shift', 'ERR GROUP_INVALID NEW_GROUP Group names cannot contain spaces: "night shift".'],
		[
			'NEW_GROUP #night',
			"ERR GROUP_INVALID NEW_GROUP Group names may contain only letters, digits, '-', '_' and '.': \"#night\".",
		],
		['NEW_GROUP a\u007fb', 'ERR GROUP_INVALID NEW_GROUP Group names cannot contain control characters: "a\\x7fb".'],
		[
			`NEW_GROUP ${'g'.repeat(33)}`,
			`ERR GROUP_TOO_LONG NEW_GROUP Group names can be at most 32 characters; "${'g'.repeat(33)}" has 33.`,
		],
		['NEW_GROUP NIGHT', 'ERR GROUP_EXISTS NEW_GROUP A group named night already exists; JOIN_GROUP night to join it.'],
		['NEW_GROUP Lobby', 'ERR GROUP_EXISTS NEW_GROUP A group named lobby already exists; you are in it.'],
	]);

	t.deepEqual((await bob.command('LIST_GROUP')).lines, ['GROUP lobby 1', 'GROUP night 1'], 'nothing was created');
});

test('LIST_GROUP lists lobby first, then groups in creation order, empty ones included', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob] = await registerAll(t, server, 'alice', 'bob');
	t.deepEqual(await alice.command('LIST_GROUP'), {lines: ['GROUP lobby 2'], outcome: 'OK LIST_GROUP 1 1 group.'});
	await alice.command('NEW_GROUP zulu');
	await alice.command('NEW_GROUP alpha');
	await alice.command('JOIN_GROUP lobby');
	t.deepEqual(await alice.command('LIST_GROUP'), {
		lines: ['GROUP lobby 2', 'GROUP zulu 0', 'GROUP alpha 0'],
		outcome: 'OK LIST_GROUP 3 3 groups.',
	});
	await bob.command('CLOSE');
	t.deepEqual((await alice.command('LIST_GROUP')).lines, [
		'OFFLINE bob lobby',
		'GROUP lobby 1',
		'GROUP zulu 0',
		'GROUP alpha 0',
	]);
});

test('JOIN_GROUP moves the user, names the group as created, and every other user hears left, joined', async (t) => {
	const server = await startTestServer(t);
	const [alice, bob, carol] = await registerAll(t, server, 'alice', 'bob', 'carol');
	await alice.command('NEW_GROUP Night');
	await bob.until((line) => line === 'JOINED Night alice');
	await carol.until((line) => line === 'JOINED Night alice');
	t.deepEqual(await bob.command('join_group NIGHT'), {
		lines: [],
		outcome: 'OK JOIN_GROUP Night You left lobby and joined Night.',
	});
	t.deepEqual([await alice.next(), await alice.next()], ['LEFT lobby bob', 'JOINED Night bob']);
	t.deepEqual([await carol.next(), await carol.next()], ['LEFT lobby bob', 'JOINED Night bob']);
	t.deepEqual(await bob.command('LIST'), {
		lines: ['MEMBER Night alice', 'MEMBER Night bob', 'USER alice Night', 'USER bob Night', 'USER carol lobby'],
		outcome: 'OK LIST 2 3 2 users in Night, 3 online.',
	});
	// Messages now follow the move: to Night, not to lobby.
	t.regex((await bob.command('MESSAGE moved')).outcome, /^OK MESSAGE 1 \S+ Night 1 Sent to 1 user in Night\.$/);
	t.regex(await alice.next(), /^MSG 1 \S+ Night bob moved$/);
	t.deepEqual((await carol.command('LIST_GROUP')).lines, ['GROUP lobby 1', 'GROUP Night 2']);
});

test('every JOIN_GROUP refusal', async (t) => {
	const server = await startTestServer(t);
	const [alice] = await registerAll(t, server, 'alice');
	await refusesEach(t, alice, [
		['JOIN_GROUP', 'ERR GROUP_MISSING JOIN_GROUP A name is required: NEW_GROUP <name> or JOIN_GROUP <name>.'],
		['JOIN_GROUP a b', 'ERR GROUP_INVALID JOIN_GROUP Group names cannot contain spaces: "a b".'],
		[
			`JOIN_GROUP ${'g'.repeat(40)}`,
			`ERR GROUP_TOO_LONG JOIN_GROUP Group names can be at most 32 characters; "${'g'.repeat(40)}" has 40.`,
		],
		['JOIN_GROUP night', 'ERR NO_SUCH_GROUP JOIN_GROUP There is no group named "night"; LIST_GROUP shows every group.'],
		['JOIN_GROUP LOBBY', 'ERR ALREADY_IN_GROUP JOIN_GROUP You are already in group lobby.'],
	]);
});

test("LIST shows your group's members, then everyone online, sorted by name ignoring case", async (t) => {
	const server = await startTestServer(t);
	const [carol, , bob] = await registerAll(t, server, 'carol', 'Alice', 'bob', 'dave');
	await carol.command('NEW_GROUP night');
	await bob.until((line) => line === 'JOINED night carol');
	t.deepEqual(await bob.command('LIST'), {
		lines: [
			'MEMBER lobby Alice',
			'MEMBER lobby bob',
			'MEMBER lobby dave',
			'USER Alice lobby',
			'USER bob lobby',
			'USER carol night',
			'USER dave lobby',
		],
		outcome: 'OK LIST 3 4 3 users in lobby, 4 online.',
	});
	t.deepEqual(await carol.command('LIST'), {
		lines: ['MEMBER night carol', 'USER Alice lobby', 'USER bob lobby', 'USER carol night', 'USER dave lobby'],
		outcome: 'OK LIST 1 4 1 user in night, 4 online.',
	});
});
