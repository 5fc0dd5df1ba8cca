/**
 * The rule between history and input. It carries what the input line has to say
 * about itself: that Enter will send a multi-line paste as several messages, and the
 * names Tab is cycling through.
 */
import {memo} from 'react';
import {useEditorState, type EditorStore} from '../editor/editor-store.js';
import type {EditorState} from '../editor/line-editor.js';
import {useChatState, useChatStore, type SameView} from '../hooks/use-chat-state.js';
import type {ChatState} from '../state/index.js';
import {messageCount} from '../input/index.js';
import {ruleRow} from '../layout/bars.js';
import {span, type Span} from '../layout/spans.js';
import {visibleText} from '../layout/visible-text.js';
import {shownCompletion, type CompletionState} from '../hooks/use-chat-input.js';
import {RowLine} from './Rows.js';

export interface RuleProps {
	readonly width: number;
	/** Column of the sidebar's separator, if shown. */
	readonly sidebarColumn: number | undefined;
	/** The line being typed: Enter would send it as so many messages (more than one shows a warning). */
	readonly editor: EditorStore;
	/** The last Tab's completion, shown while the line is as Tab left it. */
	readonly completion: CompletionState | undefined;
}

export function ruleHints(
	messagesToSend: number,
	completion: CompletionState | undefined,
): {left?: Span; right?: Span} {
	const right =
		messagesToSend > 1
			? span(` Enter sends ${messagesToSend} messages `, {bold: true, inverse: true, color: 'yellow'})
			: undefined;
	const candidates = completion?.completion.candidates ?? [];
	const left =
		candidates.length > 1
			? span(
					` Tab: ${candidates
						.map((name, index) =>
							index === completion!.completion.index ? `[${visibleText(name)}]` : visibleText(name),
						)
						.join(' ')} `,
					{dim: false},
				)
			: undefined;
	return {left, right};
}

interface RuleRowProps {
	readonly width: number;
	readonly sidebarColumn: number | undefined;
	readonly messagesToSend: number;
	readonly completion: CompletionState | undefined;
}

function RuleRow({width, sidebarColumn, messagesToSend, completion}: RuleRowProps) {
	const {left, right} = ruleHints(messagesToSend, completion);
	return <RowLine row={ruleRow(width, sidebarColumn, right, left)} width={width} />;
}

/** Drawn again only when what it shows changes: a keystroke that leaves the count as it was changes none of it. */
const RuleRowMemo = memo(RuleRow);

const LINE_BREAK = /[\r\n]/;

/**
 * The count as the rule shows it (only more than one shows): a line without a break is
 * one message at most, so only a line with one is parsed.
 */
function countShown(text: string, state: ChatState): number {
	return LINE_BREAK.test(text) ? messageCount(text, state) : 0;
}

/** With nothing typed there is nothing to count, whatever the state. */
const NOTHING_TO_COUNT: SameView = () => true;

/**
 * Re-renders for a line that changes what it shows (the count, the completion), and
 * (only while something is typed) for a state that counts the line differently.
 */
export function Rule({editor, completion, ...shown}: RuleProps) {
	const store = useChatStore();
	// A keystroke that leaves the count and the completion as they were is the input
	// line's alone (editor-store.ts: such a key is painted without React). The count is
	// taken against the newest state, as a render now would.
	const sameLine = (previous: EditorState, next: EditorState) => {
		const newest = store.getState();
		return (
			countShown(previous.text, newest) === countShown(next.text, newest) &&
			shownCompletion(completion, previous) === shownCompletion(completion, next)
		);
	};
	const line = useEditorState(editor, sameLine);
	const {text} = line;
	// What the text parses to depends on the state (the conversation, the directory), and the
	// count is all the rule shows of it: a change that leaves the count as it was is one it
	// does not show. So a message arriving while a draft is typed is still the history's alone
	// (chat-store.ts: such a change is painted without React).
	const sameCount: SameView = (previous, next) => countShown(text, previous) === countShown(text, next);
	const state = useChatState(text === '' ? NOTHING_TO_COUNT : sameCount);
	return (
		<RuleRowMemo {...shown} messagesToSend={countShown(text, state)} completion={shownCompletion(completion, line)} />
	);
}
