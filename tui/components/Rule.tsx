/**
 * The rule between history and input. It carries what the input line has to say
 * about itself: that Enter will send a multi-line paste as several messages, and the
 * names Tab is cycling through.
 */
import {memo} from 'react';
import {useChatState, type SameView} from '../hooks/use-chat-state.js';
import {messageCount} from '../input/index.js';
import {ruleRow} from '../layout/bars.js';
import {span, type Span} from '../layout/spans.js';
import {visibleText} from '../layout/visible-text.js';
import type {CompletionState} from '../hooks/use-chat-input.js';
import {RowLine} from './Rows.js';

export interface RuleProps {
	readonly width: number;
	/** Column of the sidebar's separator, if shown. */
	readonly sidebarColumn: number | undefined;
	/** The input line's text: Enter would send it as this many messages (more than one shows a warning). */
	readonly text: string;
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

function RuleRow({
	width,
	sidebarColumn,
	messagesToSend,
	completion,
}: Omit<RuleProps, 'text'> & {readonly messagesToSend: number}) {
	const {left, right} = ruleHints(messagesToSend, completion);
	return <RowLine row={ruleRow(width, sidebarColumn, right, left)} width={width} />;
}

/** Drawn again only when what it shows changes: a keystroke that leaves the count as it was changes none of it. */
const RuleRowMemo = memo(RuleRow);

/** With nothing typed there is nothing to count, whatever the state. */
const NOTHING_TO_COUNT: SameView = () => true;

/** Re-renders for the text typed, and (only while there is some) the state it is parsed against. */
export function Rule({text, ...shown}: RuleProps) {
	// What the text parses to depends on the state (the conversation, the directory), and the
	// count is all the rule shows of it: a change that leaves the count as it was is one it
	// does not show. So a message arriving while a draft is typed is still the history's alone
	// (chat-store.ts: such a change is painted without React).
	const sameCount: SameView = (previous, next) => messageCount(text, previous) === messageCount(text, next);
	const state = useChatState(text === '' ? NOTHING_TO_COUNT : sameCount);
	return <RuleRowMemo {...shown} messagesToSend={messageCount(text, state)} />;
}
