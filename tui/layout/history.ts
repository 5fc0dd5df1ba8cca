/**
 * The history pane as display rows: every entry wrapped to the pane's width, then the
 * window the reader is looking at, counted in rows from the newest.
 *
 *   12:04 <alice> a message that is long enough to wrap onto
 *                 a second row, indented under its text
 *     …   <alice> not confirmed by the server yet (pending)
 *   12:05 * alice is on the ward round                     (/me)
 *     *   a notice: replies, help
 *     +   bob joined night.
 *     !   an error, in words
 *   ───── new since you last read ────────────────────
 *   ───── Sunday 6 December 2026 ─────────────────────
 *
 * The day rule stands above the first message of each local day, and above the
 * conversation's first message too once the conversation spans more than one day, so
 * HH:MM is never read against the wrong date, however far back the reader scrolls. It belongs to no entry: it is worked out from an entry and
 * the messages before it, so every function here counts rows through `entryRows`.
 */
import {
	actionOf,
	type Entry,
	type MessageEntry,
	type NoticeEntry,
	type NoticeLevel,
	type ReadonlyList,
} from '../state/index.js';
import {fitRow, span, type ColorName, type Row, type Span, type Style} from './spans.js';
import {displayWidth} from './text-width.js';
import {formatDay, formatTime, TIME_WIDTH} from './time.js';
import {visibleText} from './visible-text.js';
import {wrapText} from './wrap.js';

/** Columns before an entry's text: the time (or a marker) and a space. */
export const GUTTER = TIME_WIDTH + 1;

const NOTICE: Record<NoticeLevel, {readonly marker: string; readonly style: Style}> = {
	info: {marker: '*', style: {dim: true}},
	join: {marker: '+', style: {dim: true, color: 'green'}},
	leave: {marker: '-', style: {dim: true, color: 'yellow'}},
	error: {marker: '!', style: {bold: true, color: 'red'}},
	unread: {marker: '─', style: {bold: true, color: 'yellow'}},
};

const SENDER_COLORS: readonly ColorName[] = ['cyan', 'magenta', 'blue', 'yellow'];

/** The same name always gets the same colour. */
export function senderColor(name: string): ColorName {
	let hash = 0;
	for (const char of name.toLowerCase()) {
		hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
	}

	return SENDER_COLORS[hash % SENDER_COLORS.length]!;
}

function marker(text: string): string {
	const left = Math.floor((TIME_WIDTH - text.length) / 2);
	return ' '.repeat(left) + text + ' '.repeat(TIME_WIDTH - text.length - left);
}

/** Rows whose text starts at `indent` after `first` (the gutter, or the gutter and sender). */
function hanging(
	first: readonly Span[],
	firstWidth: number,
	indent: number,
	text: string,
	style: Style | undefined,
	width: number,
	suffix?: Span,
): Row[] {
	const lines = wrapText(text, Math.max(1, width - firstWidth), Math.max(1, width - indent));
	const rows: Span[][] = lines.map((line, index) => [
		...(index === 0 ? first : [span(' '.repeat(indent))]),
		span(line, style),
	]);
	if (suffix) {
		const last = rows.at(-1)!;
		const lastWidth = (rows.length === 1 ? firstWidth : indent) + displayWidth(lines.at(-1)!);
		if (lastWidth + displayWidth(suffix.text) <= width) {
			last.push(suffix);
		} else {
			rows.push([span(' '.repeat(indent)), span(suffix.text.trimStart(), suffix.style)]);
		}
	}

	return rows;
}

function messageRows(entry: MessageEntry, width: number): Row[] {
	const own = entry.direction === 'own';
	const from = visibleText(entry.from);
	const time = formatTime(entry.time);
	const gutter =
		entry.delivery === 'failed'
			? span(marker('!'), NOTICE.error.style)
			: entry.delivery === 'pending'
				? span(marker('…'), {dim: true})
				: span(time ?? marker('…'), {dim: true});
	const senderStyle: Style = own
		? {bold: true, color: 'green'}
		: entry.mentionsMe
			? {inverse: true, bold: true, color: 'yellow'}
			: {color: senderColor(entry.from)};
	// `/me` lines (action-line.ts) read as `* alice waves`.
	const action = actionOf(entry.from, entry.text);
	const sender = action === undefined ? `<${from}>` : `* ${from}`;
	const head = [gutter, span(' '), span(sender, senderStyle)];
	const headWidth = GUTTER + displayWidth(sender);
	// The text hangs under itself when that leaves room to read; with a long name (or a
	// narrow pane) the sender gets a row of its own and the text starts under the time.
	const ownRow = headWidth + 1 > (width * 2) / 3;
	const indent = ownRow ? (GUTTER <= width / 2 ? GUTTER : 0) : headWidth + 1;
	const textStyle: Style | undefined =
		entry.delivery === 'pending' ? {dim: true} : entry.mentionsMe ? {bold: true} : undefined;
	// Until the server confirms it: typed offline, it stays so until the connection is back.
	const pending =
		entry.delivery === 'pending'
			? span(' (pending)', {dim: true, italic: true})
			: entry.note === undefined
				? undefined
				: span(` ${entry.note}`, {color: 'green'});
	const text = visibleText(action ?? entry.text);
	const rows = ownRow
		? [fitRow(head, width), ...hanging([span(' '.repeat(indent))], indent, indent, text, textStyle, width, pending)]
		: hanging([...head, span(' ')], headWidth + 1, indent, text, textStyle, width, pending);
	if (entry.delivery === 'failed' && entry.error !== undefined) {
		const note = [span(marker('!'), NOTICE.error.style), span(' ')];
		rows.push(...hanging(note, GUTTER, GUTTER, visibleText(entry.error), NOTICE.error.style, width));
	}

	return rows.map((row) => fitRow(row, width));
}

/**
 * Where a notice line's continuation rows start: under the second column of a table
 * row ("  /join <group>   Leave your group...") when that leaves room to read, else
 * under the line's own indentation.
 */
function noticeIndent(line: string, width: number): number {
	const leading = line.length - line.trimStart().length;
	const column = /^\s*\S.*?\s{2,}(?=\S)/.exec(line)?.[0];
	if (column !== undefined) {
		const at = displayWidth(column);
		if (GUTTER + at <= width - 20) {
			return GUTTER + at;
		}
	}

	return GUTTER + Math.min(leading, Math.floor(width / 4));
}

/** The unread marker: a rule across the pane with its words in it, so it reads as a boundary, not a message. */
function markerRow(entry: NoticeEntry, width: number): Row {
	return ruleRow(entry.text, NOTICE.unread.style, width);
}

const DAY_RULE: Style = {dim: true};

/** A rule across the pane with `text` in it, near its left end. */
function ruleRow(text: string, style: Style, width: number): Row {
	const words = ` ${visibleText(text)} `;
	const lead = '─'.repeat(Math.min(TIME_WIDTH, Math.max(0, width - displayWidth(words))));
	const rest = Math.max(0, width - displayWidth(lead) - displayWidth(words));
	return fitRow([span(lead + words + '─'.repeat(rest), style)], width);
}

// Entries are immutable (a changed one is a new object): the day of each is worked out once,
// not twice per row of the window on every render.
const days = new WeakMap<Entry, string | undefined>();

/** The day a confirmed message was sent on; undefined for notices and pending messages. */
function dayOf(entry: Entry): string | undefined {
	if (entry.kind !== 'message') {
		return undefined;
	}
	if (days.has(entry)) {
		return days.get(entry);
	}
	const day = formatDay(entry.time);
	days.set(entry, day);
	return day;
}

// Day rules by day and width: the same few strings on every render.
const dayRules = new Map<string, Row>();

/** The day of the last dated entry before `index` (or, with `index` past the end, of the newest). */
function dayBefore(entries: ReadonlyList<Entry>, index: number): string | undefined {
	for (let before = index - 1; before >= 0; before--) {
		const day = dayOf(entries.at(before)!);
		if (day !== undefined) {
			return day;
		}
	}

	return undefined;
}

/**
 * The day rule above entry `index`, if a day begins there: its day differs from the
 * last dated entry's before it or, for the first dated entry, from the newest one's.
 */
function dayRule(entries: ReadonlyList<Entry>, index: number, width: number): Row | undefined {
	const day = dayOf(entries.at(index)!);
	if (day === undefined || day === (dayBefore(entries, index) ?? dayBefore(entries, entries.length))) {
		return undefined;
	}

	const key = `${width} ${day}`;
	let row = dayRules.get(key);
	if (row === undefined) {
		if (dayRules.size > 64) {
			dayRules.clear();
		}

		row = ruleRow(day, DAY_RULE, width);
		dayRules.set(key, row);
	}

	return row;
}

/** The rows of entry `index` at `width`, with the day rule above it when a day begins there. */
function entryRows(entries: ReadonlyList<Entry>, index: number, width: number): readonly Row[] {
	const rows = wrapEntry(entries.at(index)!, width);
	const rule = dayRule(entries, index, width);
	return rule === undefined ? rows : [rule, ...rows];
}

function noticeRows(entry: NoticeEntry, width: number): Row[] {
	if (entry.level === 'unread') {
		return [markerRow(entry, width)];
	}

	const {marker: mark, style} = NOTICE[entry.level];
	// Notices may hold several lines (help, lists): each is wrapped on its own.
	return entry.text.split('\n').flatMap((raw, index) => {
		const line = visibleText(raw);
		const first = [span(index === 0 ? marker(mark) : ' '.repeat(TIME_WIDTH), style), span(' ')];
		return hanging(first, GUTTER, noticeIndent(line, width), line, style, width).map((row) => fitRow(row, width));
	});
}

const cache = new WeakMap<Entry, Map<number, readonly Row[]>>();

/** An entry's display rows at `width` columns. Cached: entries are immutable, and a changed one is a new object. */
export function wrapEntry(entry: Entry, width: number): readonly Row[] {
	const key = width;
	let byWidth = cache.get(entry);
	const cached = byWidth?.get(key);
	if (cached) {
		return cached;
	}

	const rows = entry.kind === 'message' ? messageRows(entry, width) : noticeRows(entry, width);
	if (!byWidth) {
		byWidth = new Map();
		cache.set(entry, byWidth);
	}

	// Widths change only on resize: the last few are enough.
	if (byWidth.size >= 4) {
		byWidth.clear();
	}

	byWidth.set(key, rows);
	return rows;
}

/** How many rows the entries from `from` on take at `width` (day rules included). */
export function historyRowCount(entries: ReadonlyList<Entry>, width: number, from = 0): number {
	let count = 0;
	for (let index = Math.max(0, from); index < entries.length; index++) {
		count += entryRows(entries, index, width).length;
	}

	return count;
}

/** How far up the view can scroll: rows above the first screenful. */
export function maxLinesUp(entries: ReadonlyList<Entry>, width: number, height: number): number {
	return Math.max(0, historyRowCount(entries, width) - height);
}

/**
 * How far up the view goes to show the entry with `key` (a search result being
 * opened): its first row a third of the way down the window, where the eye lands,
 * with what led up to it above. 0 when the entry is not there (dropped by the bound).
 */
export function anchoredLinesUp(entries: ReadonlyList<Entry>, key: number, width: number, height: number): number {
	let index = entries.length - 1;
	while (index >= 0 && entries.at(index)!.key !== key) {
		index--;
	}

	if (index === -1) {
		return 0;
	}

	const fromEntry = historyRowCount(entries, width, index);
	const linesUp = fromEntry - height + Math.floor(height / 3);
	return Math.min(Math.max(0, linesUp), maxLinesUp(entries, width, height));
}

export interface HistoryWindow {
	/** At most `height` rows, oldest first; fewer when the conversation is short (the pane bottom-aligns them). */
	readonly rows: readonly Row[];
	/** `linesUp` clamped to how far the conversation actually goes. */
	readonly linesUp: number;
	/** Whether there are rows above the window. */
	readonly moreAbove: boolean;
}

/** The newest entries' rows, enough to fill `need` rows: oldest first, each entry's rows whole. */
interface Collected {
	readonly rows: Row[];
	/** Rows per entry collected, oldest first. */
	readonly counts: number[];
	/** Whether every entry was collected (the rows reach the conversation's start). */
	readonly exhausted: boolean;
}

function collect(entries: ReadonlyList<Entry>, width: number, need: number): Collected {
	// Newest entry first; the cache's arrays themselves, put in order once below.
	const collected: (readonly Row[])[] = [];
	let count = 0;
	let index = entries.length - 1;
	for (; index >= 0 && count < need; index--) {
		const rows = entryRows(entries, index, width);
		collected.push(rows);
		count += rows.length;
	}

	const rows: Row[] = [];
	const counts: number[] = [];
	for (let chunk = collected.length - 1; chunk >= 0; chunk--) {
		for (const row of collected[chunk]!) {
			rows.push(row);
		}
		counts.push(collected[chunk]!.length);
	}

	return {rows, counts, exhausted: index < 0};
}

function windowOf({rows, exhausted}: Collected, height: number, linesUp: number): HistoryWindow {
	const clamped = exhausted ? Math.min(Math.max(0, linesUp), Math.max(0, rows.length - height)) : Math.max(0, linesUp);
	const end = rows.length - clamped;
	const start = Math.max(0, end - height);
	// The collected rows themselves when they are the window (nothing changes them).
	const window = start === 0 && end === rows.length ? rows : rows.slice(start, end);
	return {rows: window, linesUp: clamped, moreAbove: start > 0 || !exhausted};
}

/**
 * The rows a pane `height` rows tall shows when its bottom is `linesUp` rows above the
 * newest row. Only the entries that reach the window are wrapped.
 */
export function layoutHistory(
	entries: ReadonlyList<Entry>,
	width: number,
	height: number,
	linesUp: number,
): HistoryWindow {
	return windowOf(collect(entries, width, Math.max(0, linesUp) + height), height, linesUp);
}

/** Entries that may have arrived since the last layout, looked for from the newest. */
const MOST_ARRIVED = 16;

/**
 * The history pane's window, kept from one render to the next: while the view is live
 * and messages only arrived (appended, the oldest perhaps dropped at the bound), the
 * rows of the entries that arrived go under the rows the window had, rather than the
 * window being laid out again from the newest entry up. Whatever else changed (an entry
 * replaced, one inserted above, the size, a scroll) lays it out afresh, as does a window
 * whose entry just above is not the dated entry that was there (the window's day rules
 * look up to it).
 * Entries are told apart by identity, as the wrap cache does: the state never changes an
 * entry, or a version of a conversation's list of them (tui/state/persistent-list.ts), in place.
 */
export class HistoryLayout {
	private last:
		| {
				readonly entries: ReadonlyList<Entry>;
				readonly width: number;
				readonly height: number;
				readonly collected: Collected;
		  }
		| undefined;

	layout(entries: ReadonlyList<Entry>, width: number, height: number, linesUp: number): HistoryWindow {
		const collected = (linesUp <= 0 && this.appended(entries, width, height)) || undefined;
		if (collected !== undefined) {
			this.last = {entries, width, height, collected};
			return windowOf(collected, height, 0);
		}

		const fresh = collect(entries, width, Math.max(0, linesUp) + height);
		this.last = linesUp <= 0 ? {entries, width, height, collected: fresh} : undefined;
		return windowOf(fresh, height, linesUp);
	}

	/** The last live window's rows with the arrived entries' under them; undefined when it cannot be so. */
	private appended(entries: ReadonlyList<Entry>, width: number, height: number): Collected | undefined {
		const last = this.last;
		if (last === undefined || last.width !== width || last.height !== height || last.collected.exhausted) {
			return undefined;
		}

		const kept = last.collected.counts.length;
		const newestBefore = last.entries.at(last.entries.length - 1);
		let arrived = 0;
		while (
			arrived < MOST_ARRIVED &&
			arrived < entries.length &&
			entries.at(entries.length - 1 - arrived) !== newestBefore
		) {
			arrived++;
		}

		const firstKept = entries.length - arrived - kept;
		// (`at` counts a negative index from the end: none is asked for.)
		const newestKept = arrived < entries.length ? entries.at(entries.length - 1 - arrived) : undefined;
		if (newestBefore === undefined || newestKept !== newestBefore || firstKept < 0) {
			return undefined;
		}

		for (let index = 0; index < kept; index++) {
			if (entries.at(firstKept + index) !== last.entries.at(last.entries.length - kept + index)) {
				return undefined;
			}
		}

		// The entry above the window is the one that was there, and dated: each kept entry's
		// day rule, which looks up to the nearest dated entry (or, for the conversation's
		// first, to the newest), is as it was.
		const above = firstKept === 0 ? undefined : entries.at(firstKept - 1);
		if (
			above === undefined ||
			above !== last.entries.at(last.entries.length - kept - 1) ||
			dayOf(above) === undefined
		) {
			return undefined;
		}

		const arrivedRows: (readonly Row[])[] = [];
		let total = last.collected.rows.length;
		for (let index = entries.length - arrived; index < entries.length; index++) {
			const rowsNow = entryRows(entries, index, width);
			arrivedRows.push(rowsNow);
			total += rowsNow.length;
		}

		// Whole entries off the top while what is left still fills the window; the kept
		// rows and counts are copied once, from there on.
		const keptCounts = last.collected.counts;
		const countOf = (entry: number) => (entry < kept ? keptCounts[entry]! : arrivedRows[entry - kept]!.length);
		let drop = 0;
		let dropRows = 0;
		while (drop < kept + arrivedRows.length - 1 && total - dropRows - countOf(drop) >= height) {
			dropRows += countOf(drop);
			drop++;
		}

		const rows: Row[] = [];
		const counts: number[] = [];
		const keptRows = last.collected.rows;
		for (let row = Math.min(dropRows, keptRows.length); row < keptRows.length; row++) {
			rows.push(keptRows[row]!);
		}
		for (let entry = drop; entry < kept + arrivedRows.length; entry++) {
			counts.push(countOf(entry));
			if (entry >= kept) {
				for (const row of arrivedRows[entry - kept]!) {
					rows.push(row);
				}
			}
		}

		return {rows, counts, exhausted: false};
	}
}
