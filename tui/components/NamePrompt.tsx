/** Shown instead of the conversation until the user has a name: what to type, and why the last one was refused. */
import {memo} from 'react';
import {useChatState, type ReadsChatState} from '../hooks/use-chat-state.js';
import {namePromptRows} from '../layout/bars.js';
import {Rows} from './Rows.js';

interface NamePromptProps extends ReadsChatState {
	readonly width: number;
	readonly height: number;
}

function NamePromptRows({width, height}: NamePromptProps) {
	const state = useChatState();
	return <Rows rows={namePromptRows(state, width, height)} width={width} height={height} />;
}

/** Re-renders when the state changes, not for a keystroke (it is shown only while signing in). */
export const NamePrompt = memo(NamePromptRows);
