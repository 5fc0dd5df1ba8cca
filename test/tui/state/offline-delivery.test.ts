/**
 * A DM typed while offline to someone who is not back yet: the server now stores DMs to
 * an offline account and accepts them, so the client's resend must send it, not refuse
 * or drop it, and show it sent when the OK comes.
 */
import test from 'ava';
import {dmConversation} from '../../../tui/state/index.js';
import {apply, connected, offline, online, ownMessages, receive, type, written} from './fixtures.js';

test('a DM typed offline to an offline account goes out once back, and shows sent on its OK', (t) => {
	let state = type(apply(online(), offline()), '/dm dave see you at handover');
	t.like(ownMessages(state)[0], {delivery: 'pending'});
	state = written(apply(state, connected)).state;
	const sent = written(receive(state, 'OK SET_NAME alice lobby Welcome back.', 'OK LIST 0 0 x', 'OK LIST_GROUP 0 x'));
	t.true(sent.lines.includes('@id=k-1;receipts DM dave see you at handover'), sent.lines.join(' | '));
	state = receive(
		sent.state,
		'@id=k-1 OK DM 77 2026-11-24T05:10:00.000Z dave dave is offline; they get it when they log in.',
	);
	t.like(ownMessages(state, dmConversation('dave'))[0], {delivery: 'sent', id: '77', error: undefined});
});
