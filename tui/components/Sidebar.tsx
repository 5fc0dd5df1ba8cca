/** Groups, direct conversations and users, to the right of the history behind a separator. */
import {memo} from 'react';
import {sameSidebarState, sidebarRows, type SidebarState} from '../layout/sidebar.js';
import {span} from '../layout/spans.js';
import {Rows} from './Rows.js';

export interface SidebarProps {
	readonly state: SidebarState;
	/** Columns, the separator included. */
	readonly width: number;
	readonly height: number;
}

function SidebarRows({state, width, height}: SidebarProps) {
	const separator = span('│ ', {dim: true});
	const rows = sidebarRows(state, width - 2, height).map((row) => [separator, ...row]);
	return <Rows rows={rows} width={width} height={height} />;
}

/** Drawn again only when what it shows changes: a keystroke changes none of it, nor a message to the conversation on screen. */
export const Sidebar = memo(
	SidebarRows,
	(previous, next) =>
		previous.width === next.width && previous.height === next.height && sameSidebarState(previous.state, next.state),
);
