/**
 * What the status line says instead of the usual when something needs the user now:
 * the question before quitting with messages not sent yet (state/quit.ts). It takes
 * the whole row, as that is where the eye goes when a key seems to do nothing.
 */
import {unsentMessages, type ChatState} from '../state/index.js';
import {fitRow, rowWidth, span, type Row, type Style} from './spans.js';

const QUESTION: Style = {inverse: true, bold: true, color: 'yellow'};

function quitQuestion(unsent: number, width: number): Row {
	const count = unsent === 1 ? '1 message is' : `${unsent} messages are`;
	const wordings = [
		` ${count} not sent yet and would be lost. Quit anyway? Ctrl-C again: quit · Esc: stay `,
		` ${count} not sent yet. Quit anyway? Ctrl-C again: quit · Esc: stay `,
		` ${unsent} unsent. Ctrl-C again: quit · Esc: stay `,
		` ${unsent} unsent · Ctrl-C: quit · Esc: stay `,
	];
	const fitting = wordings.find((text) => rowWidth([span(text)]) <= width) ?? wordings.at(-1)!;
	return fitRow([span(fitting, QUESTION)], width, true, QUESTION);
}

/** The row that stands in for the status line now, or undefined for the usual one. */
export function statusNoticeRow(state: ChatState, width: number): Row | undefined {
	if (state.quit === 'confirming') {
		return quitQuestion(unsentMessages(state), width);
	}

	return undefined;
}
