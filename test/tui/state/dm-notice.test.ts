import test from 'ava';
import {dmConversation} from '../../../tui/state/index.js';
import {apply, online, receive} from './fixtures.js';

const DM = 'DM 7 2026-11-24T05:10:04.518Z bob alice can you take bed 9?';

test('a DM that arrives while another conversation is on screen is noticed: who from, and its text', (t) => {
	const state = receive(online(), DM);
	t.deepEqual(state.dmNotice, {conversation: dmConversation('bob'), from: 'bob', text: 'can you take bed 9?'});
});

test('the notice goes once its conversation is opened, or when its time is up; other switches keep it', (t) => {
	const noticed = receive(online(), DM);
	t.is(apply(noticed, {type: 'switch-conversation', to: dmConversation('bob')}).dmNotice, undefined);
	t.is(apply(noticed, {type: 'dm-notice-over'}).dmNotice, undefined);
	t.truthy(apply(noticed, {type: 'switch-conversation', to: dmConversation('carol')}).dmNotice);
});

test('no notice for a DM in the conversation on screen, for our own, or for a group message', (t) => {
	const withBob = apply(online(), {type: 'switch-conversation', to: dmConversation('bob')});
	t.is(receive(withBob, DM).dmNotice, undefined);
	t.is(receive(online(), 'DM 8 2026-11-24T05:10:04.518Z alice bob sent from elsewhere').dmNotice, undefined);
	t.is(receive(online(), 'MSG 9 2026-11-24T05:10:04.518Z night carol alice, bed 9?').dmNotice, undefined);
});

test('Escape puts the notice away (after the help), before it goes back to live', (t) => {
	const noticed = apply(receive(online(), DM), {type: 'input', input: {kind: 'help'}});
	const helpClosed = apply(noticed, {type: 'dismiss'});
	t.false(helpClosed.help);
	t.truthy(helpClosed.dmNotice, 'one thing per Escape');
	t.is(apply(helpClosed, {type: 'dismiss'}).dmNotice, undefined);
});
