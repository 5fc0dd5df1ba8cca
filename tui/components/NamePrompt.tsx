/** Shown instead of the conversation until the user has a name: what to type, and why the last one was refused. */
import {memo} from 'react';
import {namePromptRows} from '../layout/bars.js';
import type {ChatState} from '../state/index.js';
import {Rows} from './Rows.js';

function NamePromptRows({
	state,
	width,
	height,
}: {
	readonly state: ChatState;
	readonly width: number;
	readonly height: number;
}) {
	return <Rows rows={namePromptRows(state, width, height)} width={width} height={height} />;
}

/** Re-renders only when its props change: a keystroke changes none of them. */
export const NamePrompt = memo(NamePromptRows);
