/**
 * The line being typed, behind a prompt naming where Enter sends it, with the terminal
 * cursor at the caret. With a frame writer, a keystroke that changes this row alone is
 * painted here without React (editor-store.ts): the row goes into its slot, the caret to
 * the writer, and the writer writes the frame.
 */
import {Box, Text} from 'ink';
import {memo, useContext, useInsertionEffect, useLayoutEffect, useRef} from 'react';
import {useEditorState, type EditorStore} from '../editor/editor-store.js';
import type {EditorState} from '../editor/line-editor.js';
import {useChatState, type SameView} from '../hooks/use-chat-state.js';
import {inputRow, promptText, type InputView} from '../layout/bars.js';
import {currentConversation, isPasswordInput, type ChatState} from '../state/index.js';
import {CaretContext, useCaret, type CaretReporter} from './caret-context.js';
import {useFrameNow, type FrameNow} from './frame-now-context.js';
import {usePaintOptions} from './paint-context.js';
import {PaintedRow} from './painted-row.js';
import {useRowAtlas} from './row-atlas-context.js';
import {RowLine, useRowSlot} from './Rows.js';

export interface InputLineProps {
	/** The line being typed: read here, so a keystroke renders nothing above this row. */
	readonly editor: EditorStore;
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
	readonly editor: EditorStore;
	readonly width: number;
	readonly screenRow: number;
}

/** The row and the caret's column that `line` makes under these props. */
function inputView({prompt, placeholder, masked, width}: InputRowProps, line: EditorState): InputView {
	return inputRow(prompt, masked ? '' : line.text, masked ? 0 : line.cursor, width, placeholder);
}

/** Without a frame writer: Ink draws the row and places the cursor, which it forgets unless set on every render. */
function InkInputRow(props: InputRowProps) {
	const view = inputView(props, useEditorState(props.editor));
	useCaret({row: props.screenRow, column: view.caretColumn});
	return <RowLine row={view.row} width={props.width} />;
}

/** What the direct painter needs of the writer. */
interface Writer {
	readonly report: CaretReporter;
	readonly frameNow: FrameNow;
}

/**
 * With a frame writer: the row is a slot of the atlas, which a render and the direct
 * painter both fill. Each render fills it and reports the caret afresh, whatever the
 * last render did: the painter may have shown another line since.
 */
function SlotInputRow(props: InputRowProps & {readonly writer: Writer}) {
	const {editor, width, screenRow, writer} = props;
	const paint = usePaintOptions();
	const atlas = useRowAtlas();
	const slot = useRowSlot(atlas, width);
	const view = inputView(props, useEditorState(editor));
	const painted = new PaintedRow(view.row, paint);
	const caretColumn = view.caretColumn;
	// Before the commit's frame is drawn; every render (no dependencies), as said above.
	useInsertionEffect(() => {
		if (slot !== undefined) {
			atlas!.assign(slot, painted.text, width, painted);
		}

		writer.report({row: screenRow, column: caretColumn});
	});
	const latest = useRef(props);
	latest.current = props;
	useLayoutEffect(() => {
		if (slot === undefined) {
			return;
		}

		return editor.paintDirectly((line) => {
			const now = latest.current;
			const next = inputView(now, line);
			const row = new PaintedRow(next.row, paint);
			atlas!.assign(slot, row.text, now.width, row);
			now.writer.report({row: now.screenRow, column: next.caretColumn});
			return now.writer.frameNow();
		});
	}, [editor, atlas, slot, paint]);
	return (
		<Box height={1} width={width} flexShrink={0}>
			<Text wrap="truncate">{slot ?? painted.text}</Text>
		</Box>
	);
}

/** Drawn again only when the prompt changes, or a line the painter could not paint: not for a message. */
const SlotInputRowMemo = memo(SlotInputRow);

/** What the prompt and placeholder read: a message changes none of it. */
const samePrompt: SameView = (previous, next) =>
	previous.passwordPrompt === next.passwordPrompt &&
	previous.me === next.me &&
	previous.current === next.current &&
	currentConversation(previous).title === currentConversation(next).title;

export function InputLine({editor, width, screenRow}: InputLineProps) {
	const state = useChatState(samePrompt);
	const report = useContext(CaretContext);
	const frameNow = useFrameNow();
	const row: InputRowProps = {
		prompt: promptText(state, currentConversation(state)),
		placeholder: placeholderFor(state),
		masked: isPasswordInput(state),
		editor,
		width,
		screenRow,
	};
	// A frame writer keeps the caret it was given, and can write a frame without a commit.
	const writer = useWriter(report, frameNow);
	return writer === undefined ? <InkInputRow {...row} /> : <SlotInputRowMemo {...row} writer={writer} />;
}

/** The writer's caret and frame, as one object while they stay the same (SlotInputRowMemo compares it). */
function useWriter(report: CaretReporter | undefined, frameNow: FrameNow | undefined): Writer | undefined {
	const writer = useRef<Writer | undefined>(undefined);
	if (report === undefined || frameNow === undefined) {
		return undefined;
	}

	if (writer.current?.report !== report || writer.current.frameNow !== frameNow) {
		writer.current = {report, frameNow};
	}

	return writer.current;
}
