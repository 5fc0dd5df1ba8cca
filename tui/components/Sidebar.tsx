/** Groups, direct conversations and users, to the right of the history behind a separator. */
import {memo} from 'react';
import {sidebarRows} from '../layout/sidebar.js';
import {span} from '../layout/spans.js';
import type {ChatState} from '../state/index.js';
import {Rows} from './Rows.js';

export interface SidebarProps {
	readonly state: ChatState;
	/** Columns, the separator included. */
	readonly width: number;
	readonly height: number;
}

function SidebarRows({state, width, height}: SidebarProps) {
	const separator = span('│ ', {dim: true});
	const rows = sidebarRows(state, width - 2, height).map((row) => [separator, ...row]);
	return <Rows rows={rows} width={width} height={height} />;
}

/** Re-renders only when its props change: a keystroke changes none of them. */
export const Sidebar = memo(SidebarRows);
