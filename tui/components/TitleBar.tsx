/** The row above the history: which conversation this is, and unread elsewhere when the sidebar is hidden. */
import {memo} from 'react';
import {titleRow} from '../layout/bars.js';
import {currentConversation, type ChatState} from '../state/index.js';
import {RowLine} from './Rows.js';

function TitleBarRows({
	state,
	width,
	sidebarShown,
}: {
	readonly state: ChatState;
	readonly width: number;
	readonly sidebarShown: boolean;
}) {
	return <RowLine row={titleRow(state, currentConversation(state), width, sidebarShown)} width={width} />;
}

/** Re-renders only when its props change: a keystroke changes none of them. */
export const TitleBar = memo(TitleBarRows);
