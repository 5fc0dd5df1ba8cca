/**
 * The bottom row: connection state (counting down while offline), server, name and
 * group; or, while something needs the user now, that (status-notice.ts).
 */
import {memo} from 'react';
import {statusNoticeRow} from '../layout/status-notice.js';
import {statusRow, type StatusState} from '../layout/status.js';
import type {ChatState} from '../state/index.js';
import {RowLine} from './Rows.js';

export interface StatusLineProps {
	readonly state: ChatState;
	readonly width: number;
	/** Seconds to the next connection attempt, while offline. */
	readonly secondsToRetry: number | undefined;
}

interface StatusRowProps extends StatusState {
	readonly width: number;
	readonly secondsToRetry: number | undefined;
}

function StatusLineRow({connection, me, passwordPrompt, width, secondsToRetry}: StatusRowProps) {
	return <RowLine row={statusRow({connection, me, passwordPrompt}, width, secondsToRetry)} width={width} />;
}

/** Drawn again only when what it shows changes: a message, which changes the state, changes none of it. */
const StatusLineRowMemo = memo(StatusLineRow);

export function StatusLine({state, width, secondsToRetry}: StatusLineProps) {
	// What needs the user now (rare, and cheap to find out: see status-notice.ts) takes the row.
	const notice = statusNoticeRow(state, width);
	if (notice !== undefined) {
		return <RowLine row={notice} width={width} />;
	}

	return (
		<StatusLineRowMemo
			connection={state.connection}
			me={state.me}
			passwordPrompt={state.passwordPrompt}
			width={width}
			secondsToRetry={secondsToRetry}
		/>
	);
}
