/**
 * Where everything goes on a screen of a given size. Every height is fixed by the
 * size alone, never by content, so nothing on screen moves when a message arrives or
 * a key is typed: only the rows whose text changed change.
 *
 *   row 0              title of the conversation            │ sidebar
 *   rows 1..           history                              │ (hidden when narrow)
 *   rows - 3           rule (hints: "Enter sends 3 messages")
 *   rows - 2           input line
 *   rows - 1           status line
 */
import {sidebarWidth} from './sidebar.js';

/** Below this the app shows only a request for a bigger terminal. */
export const MIN_COLUMNS = 20;
export const MIN_ROWS = 6;

export interface ScreenLayout {
	readonly columns: number;
	readonly rows: number;
	/** The terminal is too small for anything useful. */
	readonly tooSmall: boolean;
	/** Sidebar columns, its separator included; 0 when hidden. */
	readonly sidebarWidth: number;
	/** Columns left of the sidebar: title and history. */
	readonly mainWidth: number;
	/** Columns of history text: the main width less a margin on each side. */
	readonly textWidth: number;
	/** Rows of title and history (and of the sidebar). */
	readonly mainHeight: number;
	/** Rows of history. */
	readonly historyHeight: number;
	/** Screen rows (from 0) of the bottom three lines. */
	readonly ruleRow: number;
	readonly inputRow: number;
	readonly statusRow: number;
}

export function screenLayout(columns: number, rows: number): ScreenLayout {
	const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
	const sidebar = sidebarWidth(columns);
	const mainWidth = columns - sidebar;
	const mainHeight = Math.max(2, rows - 3);
	return {
		columns,
		rows,
		tooSmall,
		sidebarWidth: sidebar,
		mainWidth,
		textWidth: Math.max(1, mainWidth - 2),
		mainHeight,
		historyHeight: mainHeight - 1,
		ruleRow: rows - 3,
		inputRow: rows - 2,
		statusRow: rows - 1,
	};
}

/** How many rows PgUp and PgDn move: a screenful less two rows kept for context. */
export function pageSize(layout: ScreenLayout): number {
	return Math.max(1, layout.historyHeight - 2);
}
