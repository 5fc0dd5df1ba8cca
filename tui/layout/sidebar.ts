/**
 * The sidebar: groups (members, unread, the current conversation marked), direct
 * conversations, and users: the user's own group first, everyone else dimmed, since
 * the protocol lets them message only their own group. Hidden on narrow terminals,
 * where the history needs the room more.
 */
import {nameKey} from '../../protocol/index.js';
import {
	compareNames,
	conversationKind,
	conversationNameKey,
	groupConversation,
	sidebarOrder,
	type ChatState,
	type Conversation,
	type ConversationKey,
	type DirectoryUser,
} from '../state/index.js';
import {fitRow, span, type Row, type Span, type Style} from './spans.js';
import {displayWidth, truncate} from './text-width.js';
import {visibleText} from './visible-text.js';

/** Narrower than this, the sidebar is hidden. */
export const SIDEBAR_MIN_COLUMNS = 70;

/** The sidebar's width in columns, its separator included; 0 when hidden. */
export function sidebarWidth(columns: number): number {
	if (columns < SIDEBAR_MIN_COLUMNS) {
		return 0;
	}

	return Math.min(32, Math.max(24, Math.floor(columns / 4)));
}

/** What the sidebar shows of a conversation. */
type SidebarConversation = Pick<Conversation, 'key' | 'kind' | 'title' | 'unread'>;

/** All of the state the sidebar shows (the compiler holds the rows below to it). */
export type SidebarState = Pick<ChatState, 'directory' | 'me' | 'current'> & {
	readonly conversations: ReadonlyMap<ConversationKey, SidebarConversation>;
};

function sameConversations(
	a: ReadonlyMap<ConversationKey, SidebarConversation>,
	b: ReadonlyMap<ConversationKey, SidebarConversation>,
): boolean {
	if (a === b) {
		return true;
	}
	if (a.size !== b.size) {
		return false;
	}
	const others = b.values();
	for (const one of a.values()) {
		const other = others.next().value!;
		if (one.key !== other.key || one.kind !== other.kind || one.title !== other.title || one.unread !== other.unread) {
			return false;
		}
	}
	return true;
}

/**
 * Whether the sidebar shows the same for both states. A message to the conversation on
 * screen changes the state (its entries) and nothing the sidebar shows.
 */
export function sameSidebarState(a: SidebarState, b: SidebarState): boolean {
	return (
		a.directory === b.directory &&
		a.me === b.me &&
		a.current === b.current &&
		sameConversations(a.conversations, b.conversations)
	);
}

const HEADER: Style = {bold: true, dim: true};
const CURRENT: Style = {inverse: true, bold: true};
const UNREAD: Style = {bold: true, color: 'yellow'};

/** One item: a marker, a name, and a right-aligned part, cut to the width. */
function item(width: number, current: boolean, left: readonly Span[], right: Span | undefined, style?: Style): Row {
	const marker = span(current ? '▸' : ' ', current ? CURRENT : undefined);
	const rightWidth = right ? displayWidth(right.text) + 1 : 0;
	const leftRow = fitRow(
		left.map((part) => ({text: part.text, style: {...style, ...part.style, ...(current ? CURRENT : {})}})),
		Math.max(1, width - 1 - rightWidth),
		true,
		current ? CURRENT : undefined,
	);
	return [marker, ...leftRow, ...(right ? [span(' '), right] : [])];
}

function unread(conversation: SidebarConversation | undefined): Span | undefined {
	return conversation && conversation.unread > 0 ? span(`${conversation.unread} new`, UNREAD) : undefined;
}

// Both lists in sidebarOrder's order, which Ctrl-N and Ctrl-P follow.
function groupRows(state: SidebarState, width: number): Row[] {
	const mine = state.me.group === undefined ? undefined : groupConversation(state.me.group);
	return sidebarOrder(state)
		.filter((key) => conversationKind(key) === 'group')
		.map((key) => {
			const group = state.directory.groups.get(conversationNameKey(key));
			const name = group?.name ?? state.conversations.get(key)?.title ?? conversationNameKey(key);
			return item(
				width,
				state.current === key,
				[
					span(visibleText(name), key === mine ? {bold: true} : undefined),
					...(group ? [span(` (${group.members})`, {dim: true})] : []),
				],
				unread(state.conversations.get(key)),
			);
		});
}

function directRows(state: SidebarState, width: number): Row[] {
	return sidebarOrder(state)
		.flatMap((key) => {
			const conversation = state.conversations.get(key);
			return conversation?.kind === 'dm' ? [conversation] : [];
		})
		.map((conversation) => {
			const online = state.directory.users.has(conversationNameKey(conversation.key));
			return item(
				width,
				state.current === conversation.key,
				[span(visibleText(conversation.title)), ...(online ? [] : [span(' (offline)', {dim: true})])],
				unread(conversation),
				online ? undefined : {dim: true},
			);
		});
}

function userRows(users: readonly DirectoryUser[], state: SidebarState, width: number, elsewhere: boolean): Row[] {
	const me = state.me.name === undefined ? undefined : nameKey(state.me.name);
	return users.map((user) => {
		const isMe = nameKey(user.name) === me;
		const name = span(visibleText(user.name), isMe ? {bold: true} : undefined);
		const parts = elsewhere
			? [name, span(` (${visibleText(user.group)})`)]
			: isMe
				? [name, span(' (you)', {dim: true})]
				: [name];
		return item(width, false, parts, undefined, elsewhere ? {dim: true} : undefined);
	});
}

function header(text: string, width: number): Row {
	return [span(' '), ...fitRow([span(text, HEADER)], width - 1)];
}

/**
 * The sidebar's content: exactly `height` rows of `width - 2` columns (the component
 * draws the separator and a space). What does not fit ends in "+N more".
 */
export function sidebarRows(state: SidebarState, width: number, height: number): Row[] {
	const inner = Math.max(1, width);
	const group = state.me.group;
	const users = [...state.directory.users.values()].sort((a, b) => compareNames(a.name, b.name));
	const inMine = users.filter((user) => group !== undefined && nameKey(user.group) === nameKey(group));
	const others = users.filter((user) => !inMine.includes(user));
	const rows: Row[] = [header('GROUPS', inner), ...groupRows(state, inner)];
	const direct = directRows(state, inner);
	if (direct.length > 0) {
		rows.push([], header('DIRECT', inner), ...direct);
	}

	if (group !== undefined) {
		rows.push(
			[],
			header(`IN ${truncate(visibleText(group).toUpperCase(), inner - 4)}`, inner),
			...userRows(inMine, state, inner, false),
		);
	}

	if (others.length > 0) {
		rows.push([], header('ELSEWHERE', inner), ...userRows(others, state, inner, true));
	}

	if (rows.length > height) {
		const hidden = rows.length - (height - 1);
		rows.length = Math.max(0, height - 1);
		rows.push([span(' '), span(`+${hidden} more`, {dim: true})]);
	}

	while (rows.length < height) {
		rows.push([]);
	}

	return rows.map((row) => fitRow(row, inner));
}
