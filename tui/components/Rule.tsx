/**
 * The rule between history and input. It carries what the input line has to say
 * about itself: that Enter will send a multi-line paste as several messages, and the
 * names Tab is cycling through.
 */
import {memo} from 'react';
import {ruleRow} from '../layout/bars.js';
import {span, type Span} from '../layout/spans.js';
import {visibleText} from '../layout/visible-text.js';
import type {CompletionState} from '../hooks/use-chat-input.js';
import {RowLine} from './Rows.js';

export interface RuleProps {
	readonly width: number;
	/** Column of the sidebar's separator, if shown. */
	readonly sidebarColumn: number | undefined;
	/** Messages Enter would send now. */
	readonly messagesToSend: number;
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

function RuleRow({width, sidebarColumn, messagesToSend, completion}: RuleProps) {
	const {left, right} = ruleHints(messagesToSend, completion);
	return <RowLine row={ruleRow(width, sidebarColumn, right, left)} width={width} />;
}

/** Drawn again only when its props change: a message changes none of them. */
export const Rule = memo(RuleRow);
