/** The one-row bars around the history: its title above, the rule and the input line below. */
import {MAX_NAME_LENGTH} from '../../protocol/index.js';
import {
	conversationNameKey,
	groupConversation,
	isConnected,
	serverShownAs,
	type ChatState,
	type Conversation,
	type ConversationKey,
} from '../state/index.js';
import {fitRow, rowWidth, span, type Row, type Span} from './spans.js';
import {truncate} from './text-width.js';
import {visibleText} from './visible-text.js';
import {visibleWindow} from './visible-window.js';
import {wrapText} from './wrap.js';

/** Unread messages in every conversation but `here`. */
export function unreadElsewhere(state: Pick<ChatState, 'conversations'>, here: ConversationKey): number {
	let unread = 0;
	for (const conversation of state.conversations.values()) {
		unread += conversation.key === here ? 0 : conversation.unread;
	}

	return unread;
}

/** The conversation's title row, `width` columns: what it is, and (with no sidebar) unread elsewhere. */
export function titleRow(state: ChatState, conversation: Conversation, width: number, sidebarShown: boolean): Row {
	const title = visibleText(conversation.title);
	const left: Span[] = [span(' ')];
	if (conversation.kind === 'group') {
		const group = state.directory.groups.get(conversationNameKey(conversation.key));
		left.push(span(`#${title}`, {bold: true}));
		if (state.me.group !== undefined && groupConversation(state.me.group) !== conversation.key) {
			left.push(span(` · you are in ${visibleText(state.me.group)}; /join ${title} to write here`, {dim: true}));
		} else if (group) {
			left.push(span(` · ${group.members} ${group.members === 1 ? 'person' : 'people'}`, {dim: true}));
		}
	} else {
		const partner = state.directory.users.get(conversationNameKey(conversation.key));
		left.push(span(`@${title}`, {bold: true}), span(` · direct messages${partner ? '' : ' · offline'}`, {dim: true}));
		// Said before anything is typed, not only after the server refuses it: DMs stay within a group.
		if (
			partner &&
			state.me.group !== undefined &&
			groupConversation(partner.group) !== groupConversation(state.me.group)
		) {
			const group = visibleText(partner.group);
			left.push(span(` · in ${group}, not your group; /join ${group} to write`, {bold: true, color: 'yellow'}));
		}
	}

	if (!sidebarShown) {
		const elsewhere = unreadElsewhere(state, conversation.key);
		if (elsewhere > 0) {
			const right = span(` ${elsewhere} unread · Ctrl-N/P `, {bold: true, color: 'yellow'});
			const room = width - rowWidth([right]);
			if (room >= 8) {
				return [...fitRow(left, room, true), right];
			}
		}
	}

	return fitRow(left, width, true);
}

/**
 * The rule between history and input, `width` columns, with a junction under the
 * sidebar's separator, an optional hint at its right end and another at its left
 * (cut to the room the right one leaves).
 */
export function ruleRow(width: number, sidebarColumn: number | undefined, right?: Span, left?: Span): Row {
	const rule = (from: number, to: number): Span[] => {
		if (to <= from) return [];
		let text = '';
		for (let column = from; column < to; column++) {
			text += column === sidebarColumn ? '┴' : '─';
		}

		return [span(text, {dim: true})];
	};

	const rightWidth = right ? rowWidth([right]) : 0;
	const rightAt = right && rightWidth + 4 <= width ? width - rightWidth - 2 : width;
	const row: Span[] = [];
	let column = 0;
	if (left && rightAt - 4 >= 8) {
		row.push(...rule(0, 2));
		const cut = fitRow([left], rightAt - 4);
		row.push(...cut);
		column = 2 + rowWidth(cut);
	}

	row.push(...rule(column, rightAt));
	if (right && rightAt < width) {
		row.push(right, ...rule(rightAt + rightWidth, width));
	}

	return row;
}

export interface InputView {
	readonly row: Row;
	/** Column of the caret on the input row. */
	readonly caretColumn: number;
}

const PROMPT_TITLE_COLUMNS = 14;

/** The prompt before the input: where Enter sends what is typed. */
export function promptText(state: ChatState, conversation: Conversation): string {
	const prompt = state.passwordPrompt;
	if (prompt !== undefined) {
		return prompt.purpose === 'login' ? 'password› ' : prompt.first === undefined ? 'new password› ' : 'again› ';
	}

	if (state.me.askingName) {
		return 'name› ';
	}

	const title = truncate(visibleText(conversation.title), PROMPT_TITLE_COLUMNS);
	return conversation.kind === 'dm' ? `@${title}› ` : `#${title}› `;
}

/** The input line, `width` columns: prompt, the visible part of the text, and where the caret is. */
export function inputRow(prompt: string, text: string, cursor: number, width: number, placeholder: string): InputView {
	const promptSpan = span(prompt, {bold: true});
	const promptWidth = rowWidth([promptSpan]);
	const room = Math.max(1, width - promptWidth);
	if (text === '') {
		return {row: fitRow([promptSpan, span(placeholder, {dim: true})], width, true), caretColumn: promptWidth};
	}

	const window = visibleWindow(text, cursor, room);
	return {
		row: fitRow([promptSpan, span(window.text)], width, true),
		caretColumn: Math.min(width - 1, promptWidth + window.cursorColumn),
	};
}

type Paragraphs = Array<readonly [number, Span | undefined]>;

/** The sign-in screen's words when the name is an account: its password, or another name. */
function passwordParagraphs(state: ChatState): Paragraphs {
	const {connection, me, passwordPrompt: prompt} = state;
	const name = visibleText(me.wantedName ?? '');
	const paragraphs: Paragraphs = [
		[6, undefined],
		[2, span(`Welcome to chat at ${serverShownAs(connection)}.`, {bold: true})],
		[5, undefined],
		[1, span(`${name} is an account. Type its password and press Enter; it is not shown.`)],
		[3, span('Not yours? Type /name to choose another name.', {dim: true})],
		[4, span('Type /quit or press Ctrl-C to leave.', {dim: true})],
	];
	if (prompt?.purpose === 'login' && prompt.checking) {
		const checking = isConnected(connection.status)
			? `Logging in as “${name}”…`
			: `Logging in as “${name}” once connected…`;
		paragraphs.push([5, undefined], [0, span(checking, {bold: true})]);
	}

	if (prompt?.purpose === 'login' && prompt.problem !== undefined) {
		paragraphs.push([5, undefined], [0, span(`! ${visibleText(prompt.problem)}`, {bold: true, color: 'red'})]);
	}

	return paragraphs;
}

/**
 * What the sign-in screen says above the input line, wrapped to `width`, in at most
 * `height` rows: on a small screen the spacing and the fine print go first, the
 * name being checked and the reason the last name was refused last.
 */
export function namePromptRows(state: ChatState, width: number, height: number): Row[] {
	const {connection, me} = state;
	// [priority (lower is kept longer), paragraph or a blank row]
	const paragraphs: Paragraphs =
		state.passwordPrompt?.purpose === 'login'
			? passwordParagraphs(state)
			: [
					[6, undefined],
					[2, span(`Welcome to chat at ${serverShownAs(connection)}.`, {bold: true})],
					[5, undefined],
					[1, span('Type the name others will know you by and press Enter.')],
					[
						3,
						span(`Letters and digits of any script, - _ and . (no spaces), at most ${MAX_NAME_LENGTH}.`, {
							dim: true,
						}),
					],
					[4, span('Type /quit or press Ctrl-C to leave.', {dim: true})],
				];
	if (state.passwordPrompt === undefined && me.checkingName && me.wantedName !== undefined) {
		const name = visibleText(me.wantedName);
		const checking = isConnected(connection.status)
			? `Checking “${name}” with the server…`
			: `“${name}” will be checked once connected…`;
		paragraphs.push([5, undefined], [0, span(checking, {bold: true})]);
	}

	if (state.passwordPrompt === undefined && me.nameProblem !== undefined) {
		paragraphs.push([5, undefined], [0, span(`! ${visibleText(me.nameProblem)}`, {bold: true, color: 'red'})]);
	}

	const rowsOf = ([, paragraph]: readonly [number, Span | undefined]): Row[] =>
		paragraph === undefined
			? [[]]
			: wrapText(paragraph.text, Math.max(1, width - 2), Math.max(1, width - 4)).map((line, index) => [
					span(index === 0 ? ' ' : '   '),
					span(line, paragraph.style),
				]);
	let kept = paragraphs;
	let rows = kept.flatMap(rowsOf);
	while (rows.length > height && kept.length > 1) {
		const lowest = Math.max(...kept.map(([priority]) => priority));
		kept = kept.filter(([priority]) => priority !== lowest);
		rows = kept.flatMap(rowsOf);
	}

	return rows.slice(0, height);
}
