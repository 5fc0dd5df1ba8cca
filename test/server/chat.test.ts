/**
 * The chat's rules and events, driven directly with in-memory peers: no sockets, no
 * command lines.
 */
import test from 'ava';
import {Chat} from '../../server/chat/chat.js';
import {counterIds} from '../../server/chat/message-ids.js';
import type {User} from '../../server/chat/user.js';
import {MemoryPeer} from '../helpers/memory-peer.js';
import {eagerStore} from '../helpers/store.js';

const TIME = new Date('2026-11-24T05:10:00.123Z');

function setup() {
	const chat = new Chat({store: eagerStore(), clock: () => TIME});
	const join = (name: string) => {
		const peer = new MemoryPeer();
		const result = chat.register(peer, name, `s-${name}`);
		if (!result.ok) {
			throw new Error(`${name}: ${result.code}`);
		}

		return {peer, user: result.value};
	};

	return {chat, join};
}

function valueOf<T>(result: {ok: true; value: T} | {ok: false; code: string}): T {
	if (!result.ok) {
		throw new Error(`Refused: ${result.code}`);
	}

	return result.value;
}

test('a new user is in lobby and every other user hears ONLINE, the newcomer does not', (t) => {
	const {chat, join} = setup();
	const alice = join('alice');
	const bob = join('Bob');
	t.is(bob.user.group, chat.lobby);
	t.deepEqual(alice.peer.take(), ['ONLINE Bob lobby']);
	t.deepEqual(bob.peer.take(), []);
	t.is(chat.userCount, 2);
});

test('names are taken case-insensitively and after Unicode normalisation', (t) => {
	const {chat, join} = setup();
	join('alice');
	join('Zo\u00eb');
	const upper = chat.register(new MemoryPeer(), 'ALICE', `s-${'ALICE'}`);
	t.like(upper, {ok: false, code: 'NAME_TAKEN'});
	t.like(chat.register(new MemoryPeer(), 'zoe\u0308', `s-${'zoe\u0308'}`), {ok: false, code: 'NAME_TAKEN'});
	t.is(chat.userCount, 2);
	if (!upper.ok) {
		t.is(upper.message, 'The name "ALICE" is taken (names ignore case); choose another.');
	}
});

test('remove frees the name, tells everyone else once, and is harmless twice', (t) => {
	const {chat, join} = setup();
	const alice = join('alice');
	const bob = join('bob');
	alice.peer.take();
	chat.remove(bob.user, bob.peer);
	chat.remove(bob.user, bob.peer);
	t.deepEqual(alice.peer.take(), ['OFFLINE bob lobby']);
	t.is(chat.userCount, 1);
	t.false(chat.lobby.members.has(bob.user));
	t.true(chat.register(new MemoryPeer(), 'BOB', `s-${'BOB'}`).ok);
});

test('a group message reaches every other member of the group in one send each, and nobody else', (t) => {
	const {chat, join} = setup();
	const alice = join('alice');
	const bob = join('bob');
	const carol = join('carol');
	const dave = join('dave');
	valueOf(chat.createGroup(dave.user, 'night'));
	for (const peer of [alice.peer, bob.peer, carol.peer, dave.peer]) {
		peer.take();
	}

	const sent = valueOf(chat.postToGroup(alice.user, alice.peer, 'bed 4 needs a review'));
	t.like(sent, {id: '1', time: '2026-11-24T05:10:00.123Z', group: chat.lobby, recipients: 2});
	const line = 'MSG 1 2026-11-24T05:10:00.123Z lobby alice bed 4 needs a review\n';
	t.deepEqual(bob.peer.sends.slice(-1), [line]);
	t.deepEqual(carol.peer.sends.slice(-1), [line]);
	bob.peer.take();
	carol.peer.take();
	t.deepEqual(alice.peer.take(), []);
	t.deepEqual(dave.peer.take(), []);
});

test('alone in a group there is nobody to send to, and no id is used up', (t) => {
	const {chat, join} = setup();
	const alice = join('alice');
	t.like(chat.postToGroup(alice.user, alice.peer, 'anyone?'), {
		ok: false,
		code: 'NO_RECIPIENTS',
		message: 'Nobody else is in lobby to receive it; the message was not sent.',
	});
	join('bob');
	t.is(valueOf(chat.postToGroup(alice.user, alice.peer, 'now?')).id, '1');
});

test('group messages and DMs share one id sequence from 1', (t) => {
	const chat = new Chat({store: eagerStore(), ids: counterIds()});
	const users: User[] = ['a', 'b'].map((name) => valueOf(chat.register(new MemoryPeer(), name, `s-${name}`)));
	const [a, b] = users as [User, User];
	t.is(valueOf(chat.postToGroup(a, a.peers.all()[0]!, 'one')).id, '1');
	t.is(valueOf(chat.sendDirect(b, b.peers.all()[0]!, 'a', 'two')).id, '2');
	t.is(valueOf(chat.postToGroup(b, b.peers.all()[0]!, 'three')).id, '3');
});

test("the time of a message is the clock's, in UTC with milliseconds", (t) => {
	const chat = new Chat({store: eagerStore()});
	const a = valueOf(chat.register(new MemoryPeer(), 'a', `s-${'a'}`));
	valueOf(chat.register(new MemoryPeer(), 'b', `s-${'b'}`));
	t.regex(valueOf(chat.postToGroup(a, a.peers.all()[0]!, 'x')).time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('a DM reaches its recipient only, found case-insensitively, shown as registered', (t) => {
	const {chat, join} = setup();
	const alice = join('alice');
	const bob = join('Bob');
	const carol = join('carol');
	alice.peer.take();
	bob.peer.take();
	const sent = valueOf(chat.sendDirect(alice.user, alice.peer, 'bOB', 'are you free?'));
	t.is(sent.to, 'Bob');
	t.deepEqual(bob.peer.take(), ['DM 1 2026-11-24T05:10:00.123Z alice Bob are you free?']);
	t.deepEqual(alice.peer.take(), []);
	t.deepEqual(carol.peer.take(), []);
});

test('a DM is refused to nobody, to yourself, and across groups', (t) => {
	const {chat, join} = setup();
	const alice = join('alice');
	const bob = join('bob');
	valueOf(chat.createGroup(bob.user, 'night'));
	t.like(chat.sendDirect(alice.user, alice.peer, 'zed', 'hi'), {
		ok: false,
		code: 'NO_SUCH_USER',
		message: 'There is no user named "zed".',
	});
	t.like(chat.sendDirect(alice.user, alice.peer, 'ALICE', 'hi'), {
		ok: false,
		code: 'DM_SELF',
		message: 'You cannot send a DM to yourself.',
	});
	t.like(chat.sendDirect(alice.user, alice.peer, 'bob', 'hi'), {
		ok: false,
		code: 'NOT_IN_YOUR_GROUP',
		message: 'bob is in group night; DMs reach only users of your group (lobby).',
	});
});

test('creating a group moves the creator and tells everyone else in one send: created, left, joined', (t) => {
	const {chat, join} = setup();
	const alice = join('alice');
	const bob = join('bob');
	const carol = join('carol');
	valueOf(chat.createGroup(carol.user, 'ward7'));
	bob.peer.take();
	const before = bob.peer.sends.length;
	const group = valueOf(chat.createGroup(alice.user, 'Night'));
	t.is(alice.user.group, group);
	t.deepEqual([...group.members], [alice.user]);
	t.false(chat.lobby.members.has(alice.user));
	const events = 'GROUP_CREATED Night alice\nLEFT lobby alice\nJOINED Night alice\n';
	t.deepEqual(bob.peer.sends.slice(before), [events]);
	t.is(carol.peer.sends.at(-1), events, 'users of other groups hear it too');
	alice.peer.take();
	t.deepEqual(alice.peer.take(), []);
});

test('a group name is taken case-insensitively, lobby included', (t) => {
	const {chat, join} = setup();
	const alice = join('alice');
	const bob = join('bob');
	valueOf(chat.createGroup(alice.user, 'night'));
	t.like(chat.createGroup(bob.user, 'NIGHT'), {
		ok: false,
		code: 'GROUP_EXISTS',
		message: 'A group named night already exists; JOIN_GROUP night to join it.',
	});
	t.like(chat.createGroup(alice.user, 'Night'), {
		ok: false,
		code: 'GROUP_EXISTS',
		message: 'A group named night already exists; you are in it.',
	});
	t.like(chat.createGroup(bob.user, 'LOBBY'), {ok: false, code: 'GROUP_EXISTS'});
	t.is(chat.allGroups().length, 2);
});

test('joining moves the user, names the group as created, and tells everyone else', (t) => {
	const {chat, join} = setup();
	const alice = join('alice');
	const bob = join('bob');
	const night = valueOf(chat.createGroup(alice.user, 'Night'));
	bob.peer.take();
	const before = alice.peer.sends.length;
	const moved = valueOf(chat.joinGroup(bob.user, 'NIGHT'));
	t.is(moved.left, chat.lobby);
	t.is(moved.joined, night);
	t.is(bob.user.group, night);
	t.deepEqual(alice.peer.sends.slice(before), ['LEFT lobby bob\nJOINED Night bob\n']);
	t.deepEqual(bob.peer.take(), []);
});

test('joining is refused for a missing group and for your own', (t) => {
	const {chat, join} = setup();
	const alice = join('alice');
	t.like(chat.joinGroup(alice.user, 'nowhere'), {
		ok: false,
		code: 'NO_SUCH_GROUP',
		message: 'There is no group named "nowhere"; LIST_GROUP shows every group.',
	});
	t.like(chat.joinGroup(alice.user, 'Lobby'), {
		ok: false,
		code: 'ALREADY_IN_GROUP',
		message: 'You are already in group lobby.',
	});
});

test('groups outlive their members and are listed lobby first, then by creation', (t) => {
	const {chat, join} = setup();
	const alice = join('alice');
	valueOf(chat.createGroup(alice.user, 'zeta'));
	valueOf(chat.createGroup(alice.user, 'alpha'));
	valueOf(chat.joinGroup(alice.user, 'lobby'));
	chat.remove(alice.user, alice.peer);
	t.deepEqual(
		chat.allGroups().map((group) => [group.name, group.members.size]),
		[
			['lobby', 0],
			['zeta', 0],
			['alpha', 0],
		],
	);
});

test('online users are listed by name, ignoring case', (t) => {
	const {chat, join} = setup();
	join('carol');
	join('Alice');
	join('bob');
	t.deepEqual(
		chat.onlineUsers().map((user) => user.name),
		['Alice', 'bob', 'carol'],
	);
	t.deepEqual(
		chat.lobby.sortedMembers().map((user) => user.name),
		['Alice', 'bob', 'carol'],
	);
});
