/**
 * A direct message that arrives while another conversation is on screen: besides the
 * sidebar's count and the bell, the status line shows who it is from and how it starts
 * (layout/status-notice.ts), where the user is looking. It goes when that conversation
 * is opened, after DM_NOTICE_MS (the session's timer: `dm-notice-over`), on Escape, or
 * when the next one replaces it.
 */
import type {ChatState} from './chat-state.js';
import type {ConversationKey} from './conversation-key.js';

/** How long the status line shows a DM that is not read meanwhile. */
export const DM_NOTICE_MS = 8000;

export interface DmNotice {
	readonly conversation: ConversationKey;
	readonly from: string;
	readonly text: string;
}

export function dmNoticeShown(state: ChatState, notice: DmNotice): ChatState {
	return {...state, dmNotice: notice};
}

/** Gone, once read (its conversation opened) or after its time. */
export function dmNoticeOver(state: ChatState, read?: ConversationKey): ChatState {
	if (state.dmNotice === undefined || (read !== undefined && state.dmNotice.conversation !== read)) {
		return state;
	}

	return {...state, dmNotice: undefined};
}
