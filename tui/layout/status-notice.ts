/**
 * What the status line says instead of the usual when something needs the user now:
 * the question before quitting with messages not sent yet (state/quit.ts), or who a
 * direct message that arrived in another conversation is from and how it starts
 * (state/dm-notice.ts). It takes the whole row: that is where the eye goes when a key
 * seems to do nothing, and where it rests while typing.
 */
import {actionOf, unsentMessages, type ChatState, type DmNotice} from '../state/index.js';
import {fitRow, rowWidth, span, type Row, type Style} from './spans.js';
import {truncate} from './text-width.js';
import {visibleText} from './visible-text.js';

const QUESTION: Style = {inverse: true, bold: true, color: 'yellow'};
const BAR: Style = {inverse: true};
const FROM: Style = {inverse: true, bold: true, color: 'yellow'};

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

/** ` DM from bob ` and as much of the text as fits, cut with … (it is the start of a message, not a sentence to keep whole). */
function dmNoticeRow({from, text}: DmNotice, width: number): Row {
	const name = visibleText(from);
	const action = actionOf(from, text);
	const head = span(` DM from ${name} `, FROM);
	const body = action === undefined ? visibleText(text) : `* ${name} ${visibleText(action)}`;
	const room = width - rowWidth([head]) - 2;
	return fitRow([head, ...(room > 0 ? [span(` ${truncate(body, room)} `, BAR)] : [])], width, true, BAR);
}

/** The row that stands in for the status line now, or undefined for the usual one. */
export function statusNoticeRow(state: ChatState, width: number): Row | undefined {
	if (state.quit === 'confirming') {
		return quitQuestion(unsentMessages(state), width);
	}

	return state.dmNotice === undefined ? undefined : dmNoticeRow(state.dmNotice, width);
}
