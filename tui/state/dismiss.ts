/**
 * Escape: what is over the conversation goes first (the help overlay, then the
 * question before quitting, then a DM's notice on the status line), and only then does
 * the view go back to the newest messages.
 */
import type {ChatState} from './chat-state.js';
import {LIVE} from './scroll.js';

export function dismiss(state: ChatState): ChatState {
	if (state.help) {
		return {...state, help: false};
	}

	if (state.quit === 'confirming') {
		return {...state, quit: 'no'};
	}

	if (state.dmNotice !== undefined) {
		return {...state, dmNotice: undefined};
	}

	return state.scroll === LIVE ? state : {...state, scroll: LIVE};
}
