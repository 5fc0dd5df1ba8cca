/**
 * The page banner as display rows: the page on top of the stack, who sent it and its
 * text, then the one key that acknowledges it and how many more wait. It stands out by
 * its words and its ⚑ as much as by its colour, so it reads the same under NO_COLOR.
 */
import type {IncomingPage} from '../state/pages.js';
import {fitRow, span, type Row, type Style} from './spans.js';
import {visibleText} from './visible-text.js';

/** Rows the banner takes while a page waits. */
export const BANNER_ROWS = 2;

/** What the key on the banner is called: the one keymap.ts binds to acknowledgePage. */
export const ACK_KEY = 'Alt-A';

const STYLE: Style = {inverse: true, bold: true, color: 'red'};

export function pageBannerRows(pages: readonly IncomingPage[], width: number): Row[] {
	const [top] = pages;
	if (!top) {
		return [];
	}

	const where = top.title === top.from ? '' : ` to ${top.title}`;
	const state = top.escalated ? ' ESCALATED' : top.overdue ? ' OVERDUE' : '';
	const head = `⚑ PAGE${state} from ${visibleText(top.from)}${where}: ${visibleText(top.text)}`;
	const waiting = pages.length > 1 ? ` · ${pages.length - 1} more waiting` : '';
	const others = top.ackedBy.length > 0 ? ` · acknowledged by ${top.ackedBy.join(', ')}` : '';
	const action = top.acking ? 'Acknowledging…' : `Press ${ACK_KEY} or type /ack to acknowledge`;
	return [
		fitRow([span(head, STYLE)], width, true, STYLE),
		fitRow([span(`${action}${waiting}${others}`, STYLE)], width, true, STYLE),
	];
}
