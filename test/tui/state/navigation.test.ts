import test from 'ava';
import {conversationList, dmConversation, groupConversation, sidebarOrder} from '../../../tui/state/index.js';
import {apply, online, receive} from './fixtures.js';

const LOBBY = groupConversation('lobby');

test('next and previous cycle through the direct conversations in the order they opened, and wrap around', (t) => {
	let state = receive(
		online(),
		'DM 1 2026-11-24T05:10:00.000Z bob alice hi',
		'DM 2 2026-11-24T05:10:00.000Z carol alice hi',
	);
	t.deepEqual(
		conversationList(state).map((conversation) => conversation.key),
		[LOBBY, dmConversation('bob'), dmConversation('carol')],
	);
	// The groups come first (night too, see the next test), as in the sidebar.
	state = apply(state, {type: 'switch-conversation', to: 'next'}, {type: 'switch-conversation', to: 'next'});
	t.is(state.current, dmConversation('bob'));
	state = apply(state, {type: 'switch-conversation', to: 'next'}, {type: 'switch-conversation', to: 'next'});
	t.is(state.current, LOBBY, 'wraps around');
	state = apply(state, {type: 'switch-conversation', to: 'previous'});
	t.is(state.current, dmConversation('carol'));
});

test('switching by key opens a DM conversation titled as the user registered', (t) => {
	const state = apply(online(), {type: 'switch-conversation', to: dmConversation('BOB')});
	t.is(state.current, dmConversation('bob'));
	t.is(state.conversations.get(state.current)!.title, 'bob');
});

test('switching by key opens a group conversation titled from the directory', (t) => {
	const state = apply(online(), {type: 'switch-conversation', to: groupConversation('NIGHT')});
	t.is(state.conversations.get(state.current)!.title, 'night');
});

test('switching to the conversation already shown changes nothing', (t) => {
	const state = online();
	t.is(apply(state, {type: 'switch-conversation', to: LOBBY}), state);
});

test('next and previous follow the sidebar: every group, joined or not, in the server order, then the direct conversations', (t) => {
	// Opened in the order lobby, @bob, night; the sidebar lists lobby, night, then bob.
	let state = receive(online(), 'DM 1 2026-11-24T05:10:00.000Z bob alice hi');
	t.deepEqual(
		sidebarOrder(state),
		[LOBBY, groupConversation('night'), dmConversation('bob')],
		'night listed, not open',
	);
	state = apply(state, {type: 'switch-conversation', to: 'next'});
	t.is(state.current, groupConversation('night'), 'a group not joined nor open is reached');
	state = apply(state, {type: 'switch-conversation', to: 'next'});
	t.is(state.current, dmConversation('bob'));
	state = apply(state, {type: 'switch-conversation', to: 'next'});
	t.is(state.current, LOBBY);
	t.deepEqual(
		sidebarOrder(state),
		[LOBBY, groupConversation('night'), dmConversation('bob')],
		'opening keeps the order',
	);
	state = apply(state, {type: 'switch-conversation', to: 'previous'});
	t.is(state.current, dmConversation('bob'));
	state = apply(state, {type: 'switch-conversation', to: 'previous'});
	t.is(state.current, groupConversation('night'));
});
