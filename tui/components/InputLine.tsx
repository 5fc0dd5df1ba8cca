/** The line being typed, behind a prompt naming where Enter sends it, with the terminal cursor at the caret. */
import {memo, useContext} from 'react';
import {useChatState, type SameView} from '../hooks/use-chat-state.js';
import {inputRow, promptText} from '../layout/bars.js';
import type {EditorState} from '../editor/line-editor.js';
import {currentConversation, isPasswordInput, type ChatState} from '../state/index.js';
import {CaretContext, useCaret} from './caret-context.js';
import {RowLine} from './Rows.js';

export interface InputLineProps {
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

interface InputRowProps {
	readonly prompt: string;
	readonly placeholder: string;
	/** A password: never echoed, not its characters, not even how many. */
	readonly masked: boolean;
	readonly editor: EditorState;
	readonly width: number;
	readonly screenRow: number;
}

function InputLineRow({prompt, placeholder, masked, editor, width, screenRow}: InputRowProps) {
	const view = inputRow(prompt, masked ? '' : editor.text, masked ? 0 : editor.cursor, width, placeholder);
	useCaret({row: screenRow, column: view.caretColumn});
	return <RowLine row={view.row} width={width} />;
}

/** Drawn again only when what it shows changes: a keystroke, not a message. */
const InputLineRowMemo = memo(InputLineRow);

/** What the prompt and placeholder read: a message changes none of it. */
const samePrompt: SameView = (previous, next) =>
	previous.passwordPrompt === next.passwordPrompt &&
	previous.me === next.me &&
	previous.current === next.current &&
	currentConversation(previous).title === currentConversation(next).title;

export function InputLine({editor, width, screenRow}: InputLineProps) {
	const state = useChatState(samePrompt);
	// Ink forgets its own cursor after each frame unless it is set again as the frame
	// renders; a frame writer keeps the caret it was given. So only with a writer may
	// the row skip renders.
	const Row = useContext(CaretContext) === undefined ? InputLineRow : InputLineRowMemo;
	return (
		<Row
			prompt={promptText(state, currentConversation(state))}
			placeholder={placeholderFor(state)}
			masked={isPasswordInput(state)}
			editor={editor}
			width={width}
			screenRow={screenRow}
		/>
	);
}
