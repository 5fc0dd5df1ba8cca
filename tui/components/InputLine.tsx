/** The line being typed, behind a prompt naming where Enter sends it, with the terminal cursor at the caret. */
import {inputRow, promptText} from '../layout/bars.js';
import type {EditorState} from '../editor/line-editor.js';
import {currentConversation, isPasswordInput, type ChatState} from '../state/index.js';
import {useCaret} from './caret-context.js';
import {RowLine} from './Rows.js';

export interface InputLineProps {
	readonly state: ChatState;
	readonly editor: EditorState;
	readonly width: number;
	/** The screen row the line is drawn on, for the caret. */
	readonly screenRow: number;
}

export function placeholderFor(state: ChatState): string {
	if (isPasswordInput(state)) {
		return 'not shown as you type';
	}

	if (state.me.askingName) {
		return 'your name';
	}

	return currentConversation(state).kind === 'dm'
		? 'direct message · Tab completes · /help'
		: 'message · Tab completes · /help';
}

export function InputLine({state, editor, width, screenRow}: InputLineProps) {
	// A password is never echoed: not its characters, not even how many.
	const masked = isPasswordInput(state);
	const view = inputRow(
		promptText(state, currentConversation(state)),
		masked ? '' : editor.text,
		masked ? 0 : editor.cursor,
		width,
		placeholderFor(state),
	);
	useCaret({row: screenRow, column: view.caretColumn});
	return <RowLine row={view.row} width={width} />;
}
