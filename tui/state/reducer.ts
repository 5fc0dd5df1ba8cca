/** The client's one reducer: pure, so every decision it makes can be tested without a socket or a screen. */
import type {ChatAction} from './actions.js';
import type {ChatState} from './chat-state.js';
import {connectionReducer} from './connection-reducer.js';
import {addNoticeHere} from './conversations.js';
import {dismiss} from './dismiss.js';
import {dmNoticeOver} from './dm-notice.js';
import {inputReducer} from './input-reducer.js';
import {nameEntered} from './name-reducer.js';
import {nameWaitOver} from './name-wait.js';
import {switchConversation} from './navigation-reducer.js';
import {loadOlder} from './older-history.js';
import {acknowledgeTop} from './pages.js';
import {markRead} from './read-position.js';
import {recipientsBack, recipientWaitOver} from './recipient-wait.js';
import {LIVE, scrollBy} from './scroll.js';
import {serverLineReducer} from './server-line-reducer.js';

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
	switch (action.type) {
		case 'server-line':
			return recipientsBack(serverLineReducer(state, action.line));

		case 'connection':
			return connectionReducer(state, action.event);

		case 'input':
			return inputReducer(state, action.input);

		case 'name-entered':
			return nameEntered(state, action.name);

		case 'name-wait-over':
			return nameWaitOver(state);

		case 'recipient-wait-over':
			return recipientWaitOver(state);

		case 'switch-conversation':
			return switchConversation(state, action.to);

		case 'scroll': {
			const scroll = scrollBy(state.scroll, action.lines, action.maxLinesUp, action.from);
			const next = scroll === state.scroll ? state : {...state, scroll};
			// Up against the top of what the client holds: the page before it, from the server.
			const from = state.scroll.anchor === undefined ? state.scroll.linesUp : (action.from ?? 0);
			const atTop = action.lines > 0 && action.maxLinesUp !== undefined && from + action.lines >= action.maxLinesUp;
			return atTop ? loadOlder(next) : next;
		}

		case 'mark-read':
			return markRead(state);

		case 'dm-notice-over':
			return dmNoticeOver(state);

		case 'scroll-to-live':
			return state.scroll === LIVE ? state : {...state, scroll: LIVE};

		case 'acknowledge-page':
			return acknowledgeTop(state);
		case 'dismiss':
			return dismiss(state);

		case 'notice':
			return addNoticeHere(state, action.level, action.text);
	}
}
