/**
 * The bottom row: connection state (counting down while offline), server, name and
 * group; or, while something needs the user now, that (status-notice.ts).
 */
import {memo} from 'react';
import {statusNoticeRow} from '../layout/status-notice.js';
import {statusRow} from '../layout/status.js';
import type {ChatState} from '../state/index.js';
import {RowLine} from './Rows.js';

export interface StatusLineProps {
	readonly state: ChatState;
	readonly width: number;
	/** Seconds to the next connection attempt, while offline. */
	readonly secondsToRetry: number | undefined;
}

function StatusLineRows({state, width, secondsToRetry}: StatusLineProps) {
	const row = statusNoticeRow(state, width) ?? statusRow(state, width, secondsToRetry);
	return <RowLine row={row} width={width} />;
}

/** Re-renders only when its props change: a keystroke changes none of them. */
export const StatusLine = memo(StatusLineRows);
