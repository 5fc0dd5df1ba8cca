/**
 * The messages of the current conversation, newest at the bottom. While the reader is
 * scrolled up, the bottom row says how many new messages arrived below (they are
 * counted, never jumped to) and how to get back to them.
 */
import {memo, useLayoutEffect, useRef, useState} from 'react';
import {useChatState, useChatStore, type ReadsChatState, type SameView} from '../hooks/use-chat-state.js';
import {anchoredLinesUp, HistoryLayout} from '../layout/history.js';
import {fitRow, span, rowWidth, type Row} from '../layout/spans.js';
import {visibleText} from '../layout/visible-text.js';
import {currentConversation, entriesAboveFold, isScrolled, type ChatState, type EntryList} from '../state/index.js';
import {Rows, type SlotPainter} from './Rows.js';

export interface HistoryPaneProps extends ReadsChatState {
	/** Columns of the pane; text gets all but a one-column margin on each side. */
	readonly width: number;
	readonly height: number;
}

/** The hint that stands in for the bottom row while scrolled up: the longest wording that fits. */
export function scrolledHint(newMessages: number, width: number): Row {
	const count = newMessages === 1 ? '1 new message' : `${newMessages} new messages`;
	const wordings =
		newMessages > 0
			? [
					` ${count} below · Esc or Ctrl-End: back to live `,
					` ${count} · Esc: back to live `,
					` ${newMessages} new · Esc `,
				]
			: [
					' Scrolled up · Esc or Ctrl-End: back to live · PgDn: down ',
					' Scrolled up · Esc or Ctrl-End: back to live ',
					' Scrolled up · Esc: live ',
				];
	const style = {inverse: true, bold: newMessages > 0, color: newMessages > 0 ? ('yellow' as const) : undefined};
	const fitting = wordings.find((text) => rowWidth([span(text)]) <= width) ?? wordings.at(-1)!;
	return fitRow([span(fitting, style)], width);
}

function emptyRows(state: ChatState, width: number, height: number): Row[] {
	const {connection} = state;
	const conversation = currentConversation(state);
	const text =
		connection.status === 'offline' && connection.lastError !== undefined
			? visibleText(connection.lastError)
			: conversation.kind === 'dm'
				? `No messages with ${visibleText(conversation.title)} yet.`
				: `No messages in #${visibleText(conversation.title)} yet.`;
	const rows: Row[] = Array.from({length: Math.max(0, Math.floor((height - 1) / 2))}, () => []);
	rows.push([span(' '), ...fitRow([span(text, {dim: true})], width - 2)]);
	return rows;
}

const margins = new WeakMap<Row, Row>();

/** The row behind the pane's one-column margin; the same row object for the same row, so its paint is kept (paint.ts). */
function withMargin(row: Row): Row {
	let margined = margins.get(row);
	if (margined === undefined) {
		margined = [span(' '), ...row];
		margins.set(row, margined);
	}
	return margined;
}

/** What the pane reads: the conversation on screen (its entries), the scroll, and the connection (for an empty one). */
const sameHistory: SameView = (previous, next) =>
	previous.current === next.current &&
	currentConversation(previous) === currentConversation(next) &&
	previous.scroll === next.scroll &&
	previous.connection === next.connection;

/** The rows of a live pane (not scrolled up): the newest entries at the bottom. */
function liveRows(layout: HistoryLayout, entries: EntryList, width: number, height: number): Row[] {
	return layout.layout(entries, Math.max(1, width - 2), Math.max(1, height), 0).rows.map(withMargin);
}

/**
 * A change the store finds only this pane shows (chat-store.ts), painted without React
 * when the pane is live and was live when it last rendered (its Rows then hold a
 * painter): the same rows its render would make, from the same layout.
 */
function usePaintDirectly(layout: HistoryLayout, width: number, height: number) {
	const store = useChatStore();
	const painter = useRef<SlotPainter | undefined>(undefined);
	const size = useRef({width, height});
	size.current = {width, height};
	useLayoutEffect(
		() =>
			store.paintDirectly((next) => {
				const paint = painter.current;
				const entries = entriesAboveFold(next);
				if (paint === undefined || isScrolled(next.scroll) || entries.length === 0) {
					return false;
				}
				return paint(liveRows(layout, entries, size.current.width, size.current.height));
			}),
		[store, layout],
	);
	return painter;
}

function HistoryPaneRows({width, height}: HistoryPaneProps) {
	const state = useChatState(sameHistory, true);
	// Kept across renders: a message that arrives puts its rows under the window's (history.ts).
	const [layout] = useState(() => new HistoryLayout());
	const painter = usePaintDirectly(layout, width, height);
	const textWidth = Math.max(1, width - 2);
	const entries = entriesAboveFold(state);
	const scrolled = isScrolled(state.scroll);
	if (entries.length === 0) {
		return <Rows rows={emptyRows(state, width, height)} width={width} height={height} />;
	}

	if (!scrolled) {
		return (
			<Rows bottom rows={liveRows(layout, entries, width, height)} width={width} height={height} painterRef={painter} />
		);
	}

	const windowHeight = Math.max(1, height - 1);
	const {anchor} = state.scroll;
	const linesUp =
		anchor === undefined ? state.scroll.linesUp : anchoredLinesUp(entries, anchor, textWidth, windowHeight);
	const rows = layout.layout(entries, textWidth, windowHeight, linesUp).rows.map(withMargin);
	const blank: Row[] = Array.from({length: windowHeight - rows.length}, () => []);
	return (
		<Rows
			rows={[...blank, ...rows, [span(' '), ...scrolledHint(state.scroll.newMessages, textWidth)]]}
			width={width}
			height={height}
		/>
	);
}

/** Re-renders only when what it shows changes: a keystroke changes none of it. */
export const HistoryPane = memo(HistoryPaneRows);
