/** The help overlay: the client's commands and keys over the conversation, until Esc. */
import {memo} from 'react';
import {helpOverlayRows} from '../layout/help-overlay.js';
import {Rows} from './Rows.js';

function HelpOverlayRows({width, height}: {readonly width: number; readonly height: number}) {
	return <Rows rows={helpOverlayRows(width, height)} width={width} height={height} />;
}

/** Depends on the size alone. */
export const HelpOverlay = memo(HelpOverlayRows);
