/** The row above the history: which conversation this is, and unread elsewhere when the sidebar is hidden. */
import {memo} from 'react';
import {useChatState, type ReadsChatState, type SameView} from '../hooks/use-chat-state.js';
import {titleRow, unreadElsewhere} from '../layout/bars.js';
import {currentConversation} from '../state/index.js';
import {RowLine} from './Rows.js';

/** What titleRow reads: a message to the conversation on screen changes none of it. */
function sameTitle(sidebarShown: boolean): SameView {
	return (previous, next) =>
		previous.directory === next.directory &&
		previous.me === next.me &&
		previous.current === next.current &&
		currentConversation(previous).title === currentConversation(next).title &&
		(sidebarShown || unreadElsewhere(previous, previous.current) === unreadElsewhere(next, next.current));
}

const SAME_TITLE_BESIDE_SIDEBAR = sameTitle(true);
const SAME_TITLE_ALONE = sameTitle(false);

interface TitleBarProps extends ReadsChatState {
	readonly width: number;
	readonly sidebarShown: boolean;
}

function TitleBarRow({width, sidebarShown}: TitleBarProps) {
	const state = useChatState(sidebarShown ? SAME_TITLE_BESIDE_SIDEBAR : SAME_TITLE_ALONE);
	return <RowLine row={titleRow(state, currentConversation(state), width, sidebarShown)} width={width} />;
}

/** Re-renders only when what it shows changes: a keystroke changes none of it. */
export const TitleBar = memo(TitleBarRow);
