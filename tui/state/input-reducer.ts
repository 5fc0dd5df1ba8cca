/**
 * What the user typed (already parsed by tui/input). Messages always show at once as
 * pending entries, each with its own client id; they are sent now when online, or
 * kept in the outbox until then.
 */
import type {ChatState} from './chat-state.js';
import {addNoticeHere, appendEntry, switchTo} from './conversations.js';
import {takeClientId} from './client-ids.js';
import {enqueue, enqueueMessage} from './in-flight.js';
import type {SubmittedInput} from './actions.js';
import {nameEntered} from './name-reducer.js';
import {backToName, cancelRegister, passwordEntered, startRegister} from './password-prompt.js';
import {quitRequested} from './quit.js';
import {acknowledgeTop} from './pages.js';
import {openResult} from './search.js';
import {LIVE} from './scroll.js';

const NOT_ONLINE =
	'Not connected to the server, so that cannot be done now; try again once the status shows online. Messages you type are kept and sent then.';

/** `/ack`: the banner's key, typed; unlike the key, it says why when there is nothing it can do. */
function ackTyped(state: ChatState): ChatState {
	const {banners} = state.pages;
	if (!banners.some((banner) => !banner.acking)) {
		return addNoticeHere(
			state,
			'info',
			banners.length > 0 ? 'Acknowledging the page already.' : 'No page is waiting to be acknowledged.',
		);
	}

	return state.connection.status === 'online' ? acknowledgeTop(state) : addNoticeHere(state, 'error', NOT_ONLINE);
}

function messagesSubmitted(state: ChatState, input: Extract<SubmittedInput, {kind: 'messages'}>): ChatState {
	let next = switchTo(state, input.conversation, input.title);
	const online = next.connection.status === 'online';
	for (const command of input.commands) {
		// Behind messages that wait for recipients, a group message waits too: they go in the order typed.
		const sendNow = online && (command.name === 'DM' || next.recipientWait === undefined);
		const appended = appendEntry(next, input.conversation, input.title, {
			kind: 'message',
			direction: 'own',
			from: next.me.name ?? next.me.wantedName ?? '',
			text: command.text,
			id: undefined,
			time: undefined,
			delivery: 'pending',
			error: undefined,
			mentionsMe: false,
		});
		// The id is the message's for good: a resend after a reconnect carries it too.
		const {id: clientId, ids: clientIds} = takeClientId(appended.state.clientIds);
		const withId = {...appended.state, clientIds};
		next = sendNow
			? enqueueMessage(withId, command, appended.ref, clientId)
			: {...withId, outbox: [...withId.outbox, {command, entry: appended.ref, clientId, inDoubtAs: undefined}]};
	}

	// Whoever sends wants to see what they sent.
	return {...next, scroll: LIVE};
}

export function inputReducer(state: ChatState, input: SubmittedInput): ChatState {
	switch (input.kind) {
		case 'empty':
			return state;

		case 'error':
			return addNoticeHere(state, 'error', input.message);

		case 'messages':
			return messagesSubmitted(state, input);

		case 'command':
			if (state.connection.status !== 'online') {
				const why =
					state.connection.status === 'registering'
						? 'Still signing in to the server, so that cannot be done yet; try again in a moment.'
						: NOT_ONLINE;
				return addNoticeHere(state, 'error', why);
			}

			return enqueue(state, input.command, 'user');

		case 'open':
			return switchTo(state, input.conversation, input.title);

		case 'help':
			return state.help ? state : {...state, help: true};

		case 'server-help':
			return state.connection.status === 'online'
				? enqueue({...state, help: false}, {name: 'HELP'}, 'user')
				: addNoticeHere({...state, help: false}, 'error', NOT_ONLINE);

		case 'quit':
			return quitRequested(state);

		case 'name':
			return nameEntered(state, input.name);

		case 'password':
			return passwordEntered(state, input.password);

		case 'other-name':
			return backToName(state);

		case 'register':
			return startRegister(state);

		case 'cancel-register':
			return cancelRegister(state);

		case 'goto':
			return openResult(state, input.result);

		case 'ack':
			return ackTyped(state);
	}
}
