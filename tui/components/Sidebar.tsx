/** Groups, direct conversations and users, to the right of the history behind a separator. */
import {memo} from 'react';
import {useChatState, type ReadsChatState} from '../hooks/use-chat-state.js';
import {sameSidebarState, sidebarRows} from '../layout/sidebar.js';
import {span} from '../layout/spans.js';
import {Rows} from './Rows.js';

export interface SidebarProps extends ReadsChatState {
	/** Columns, the separator included. */
	readonly width: number;
	readonly height: number;
}

function SidebarRows({width, height}: SidebarProps) {
	const state = useChatState(sameSidebarState);
	const separator = span('│ ', {dim: true});
	const rows = sidebarRows(state, width - 2, height).map((row) => [separator, ...row]);
	return <Rows rows={rows} width={width} height={height} />;
}

/** Drawn again only when what it shows changes: a keystroke changes none of it, nor a message to the conversation on screen. */
export const Sidebar = memo(SidebarRows);
