/**
 * The bottom row: connection state (counting down while offline), server, name and
 * group; or, while something needs the user now, that (status-notice.ts).
 */
import {memo} from 'react';
import {useChatState, type SameView} from '../hooks/use-chat-state.js';
import {statusNoticeRow} from '../layout/status-notice.js';
import {statusRow, type StatusState} from '../layout/status.js';
import {RowLine} from './Rows.js';

export interface StatusLineProps {
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

/**
 * What the row reads: the usual line's parts, and the notices (status-notice.ts); the
 * quit question counts the messages not sent yet, so while it is up every change counts.
 */
const sameStatus: SameView = (previous, next) =>
	previous.connection === next.connection &&
	previous.me === next.me &&
	previous.passwordPrompt === next.passwordPrompt &&
	previous.dmNotice === next.dmNotice &&
	previous.quit === next.quit &&
	next.quit !== 'confirming';

export function StatusLine({width, secondsToRetry}: StatusLineProps) {
	const state = useChatState(sameStatus);
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
