/**
 * A group's membership as a delivery waiting for its commit sees it: the members at the
 * moment the message was sent, whoever joins or leaves before the commit.
 */
import test from 'ava';
import {Group} from '../../server/chat/group.js';
import {User} from '../../server/chat/user.js';

function group(...names: string[]) {
	const lobby = new Group('lobby', 'lobby');
	const users = names.map((name) => new User(name, name, lobby, `s-${name}`));
	for (const user of users) {
		lobby.join(user);
	}

	return {lobby, users};
}

const names = (members: ReadonlySet<User>) => [...members].map((user) => user.name);

test('a snapshot keeps the members of its moment; the group goes on changing', (t) => {
	const {lobby, users} = group('alice', 'bob');
	const sent = lobby.snapshot();
	const carol = new User('carol', 'carol', lobby, 's-carol');
	lobby.join(carol);
	lobby.leave(users[0]!);
	t.deepEqual(names(sent), ['alice', 'bob']);
	t.deepEqual(names(lobby.members), ['bob', 'carol']);
	// A second snapshot after the changes is the group as it is then, and is kept in turn.
	const later = lobby.snapshot();
	lobby.leave(carol);
	t.deepEqual(names(later), ['bob', 'carol']);
	t.deepEqual(names(sent), ['alice', 'bob']);
});

test('without a snapshot, joins and leaves change the one set in place', (t) => {
	const {lobby, users} = group('alice', 'bob');
	const before = lobby.members;
	lobby.leave(users[1]!);
	t.is(lobby.members, before, 'no copy when no delivery holds the set');
	t.deepEqual(names(lobby.members), ['alice']);
});
