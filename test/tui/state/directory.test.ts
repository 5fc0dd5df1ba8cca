import test from 'ava';
import {groupList, onlineUsers, type ChatState} from '../../../tui/state/index.js';
import {online, receive, type, written} from './fixtures.js';

function counts(state: ChatState): Record<string, number> {
	return Object.fromEntries(groupList(state).map((group) => [group.name, group.members]));
}

function groupsOfUsers(state: ChatState): Record<string, string> {
	return Object.fromEntries(onlineUsers(state).map((user) => [user.name, user.group]));
}

test('the LIST and LIST_GROUP replies fill the directory, sorted users, server-ordered groups', (t) => {
	const state = online();
	t.deepEqual(groupsOfUsers(state), {alice: 'lobby', bob: 'lobby', carol: 'night'});
	t.deepEqual(
		onlineUsers(state).map((user) => user.name),
		['alice', 'bob', 'carol'],
	);
	t.deepEqual(counts(state), {lobby: 2, night: 1});
});

test('ONLINE and OFFLINE add and remove a user and count their group', (t) => {
	let state = receive(online(), 'ONLINE dave lobby');
	t.is(groupsOfUsers(state)['dave'], 'lobby');
	t.deepEqual(counts(state), {lobby: 3, night: 1});

	state = receive(state, 'OFFLINE carol night');
	t.false('carol' in groupsOfUsers(state));
	t.deepEqual(counts(state), {lobby: 3, night: 0});
});

test('LEFT then JOINED moves a user and both counts', (t) => {
	const state = receive(online(), 'LEFT lobby bob', 'JOINED night bob');
	t.is(groupsOfUsers(state)['bob'], 'night');
	t.deepEqual(counts(state), {lobby: 1, night: 2});
});

test('a new group is listed when created and counted by the moves that follow', (t) => {
	const state = receive(online(), 'GROUP_CREATED icu bob', 'LEFT lobby bob', 'JOINED icu bob');
	t.deepEqual(counts(state), {lobby: 1, night: 1, icu: 1});
	t.is(groupsOfUsers(state)['bob'], 'icu');
});

test('group names compare case-insensitively and keep the server spelling', (t) => {
	const state = receive(online(), 'LEFT LOBBY bob', 'JOINED Night bob');
	t.deepEqual(counts(state), {lobby: 1, night: 2});
});

test('a name like __proto__ is just a name', (t) => {
	const state = receive(online(), 'ONLINE __proto__ lobby', 'GROUP_CREATED constructor __proto__');
	t.is(groupsOfUsers(state)['__proto__'], 'lobby');
	t.deepEqual(counts(state), {lobby: 3, night: 1, constructor: 0});
});

test('our own JOIN_GROUP moves us in the directory (the server sends us no events for it)', (t) => {
	let state = written(type(online(), '/join night')).state;
	state = receive(state, 'OK JOIN_GROUP night You left lobby and joined night.');
	t.is(state.me.group, 'night');
	t.is(groupsOfUsers(state)['alice'], 'night');
	t.deepEqual(counts(state), {lobby: 1, night: 2});
});

test('our own NEW_GROUP lists the group with us in it', (t) => {
	let state = written(type(online(), '/new icu')).state;
	state = receive(state, 'OK NEW_GROUP icu Created group icu; you are now in it.');
	t.is(state.me.group, 'icu');
	t.deepEqual(counts(state), {lobby: 1, night: 1, icu: 1});
});

test('a later LIST reply replaces the users wholesale', (t) => {
	let state = written(type(online(), '/list')).state;
	state = receive(state, 'MEMBER lobby alice', 'USER alice lobby', 'OK LIST 1 1 1 user in lobby, 1 online.');
	t.deepEqual(groupsOfUsers(state), {alice: 'lobby'});
});
