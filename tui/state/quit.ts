/**
 * Leaving: CLOSE, then done when the server answers or the link goes. Messages the
 * server has not confirmed would be lost without a word, so with any of them about
 * the client asks first (`confirming`); a second quit (Ctrl-C, Ctrl-D, /quit) leaves
 * anyway, Escape stays (dismiss.ts).
 */
import type {ChatState} from './chat-state.js';
import {isConnected} from './connection-state.js';
import {enqueue} from './in-flight.js';
import {markRead} from './read-position.js';

/** Own messages not confirmed by the server: kept to send (offline, or in doubt) or written and unanswered. */
export function unsentMessages(state: ChatState): number {
	return state.outbox.length + state.inFlight.filter((item) => item.entry !== undefined).length;
}

export function quitRequested(state: ChatState): ChatState {
	if (state.quit === 'no' && unsentMessages(state) > 0) {
		return {...state, quit: 'confirming'};
	}

	if (!isConnected(state.connection.status)) {
		return {...state, quit: 'done'};
	}

	// What was read since the last READ, said before leaving rather than lost.
	return enqueue(markRead({...state, quit: 'requested'}), {name: 'CLOSE'}, 'user');
}
