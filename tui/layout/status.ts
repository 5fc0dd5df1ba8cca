/**
 * The status line: connection state (with a countdown while offline), host:port, the
 * user's name and group. On a narrow terminal the less important parts are left out
 * rather than cut off mid-word.
 */
import type {ChatState} from '../state/index.js';
import {fitRow, rowWidth, span, type Row, type Span, type Style} from './spans.js';
import {visibleText} from './visible-text.js';

const BAR: Style = {inverse: true};

interface Part {
	readonly span: Span;
	/** Lower is kept first when room runs out. */
	readonly priority: number;
}

function connectionText(state: ChatState, secondsToRetry: number | undefined): {text: string; color: Style['color']} {
	const {connection, me} = state;
	switch (connection.status) {
		case 'connecting':
			return {text: connection.attempt > 1 ? `connecting (try ${connection.attempt})` : 'connecting', color: 'yellow'};
		case 'registering':
			return {text: me.askingName ? 'connected' : 'signing in', color: 'yellow'};
		case 'online':
			return {text: 'online', color: 'green'};
		case 'offline':
			return {
				text: secondsToRetry !== undefined && secondsToRetry > 0 ? `offline, retrying in ${secondsToRetry}s` : 'offline, retrying now',
				color: 'red',
			};
		case 'stopped':
			return {text: 'stopped', color: 'red'};
	}
}

/** The status line, exactly `width` columns. */
export function statusRow(state: ChatState, width: number, secondsToRetry: number | undefined): Row {
	const {connection, me} = state;
	const status = connectionText(state, secondsToRetry);
	// While the prompt is up, a wanted name was refused: there is no name yet.
	const name = me.name ?? (me.askingName ? undefined : me.wantedName);
	const parts: Part[] = [
		{span: span(` ${status.text} `, {...BAR, bold: true, color: status.color}), priority: 0},
		{span: span(` ${connection.host}:${connection.port} `, BAR), priority: 3},
		{span: span(name === undefined ? ' no name yet ' : ` ${visibleText(name)} `, {...BAR, bold: name !== undefined}), priority: 1},
		...(me.group === undefined ? [] : [{span: span(` in ${visibleText(me.group)} `, BAR), priority: 2}]),
		...(connection.status === 'offline' && connection.lastError !== undefined
			? [{span: span(` ${visibleText(connection.lastError)} `, {...BAR, dim: true}), priority: 5}]
			: []),
	];
	const help: Part = {span: span(' /help · Ctrl-C quits ', {...BAR, dim: true}), priority: 4};
	const separator = span('│', {...BAR, dim: true});

	const build = (kept: readonly Part[]): Row => {
		const left: Span[] = [];
		for (const part of kept) {
			if (part === help) continue;
			if (left.length > 0) left.push(separator);
			left.push(part.span);
		}

		if (!kept.includes(help)) return left;
		const gap = Math.max(1, width - rowWidth(left) - rowWidth([help.span]));
		return [...left, span(' '.repeat(gap), BAR), help.span];
	};

	// Leave out parts, least important first, until the rest fits.
	let kept = [...parts, help];
	for (;;) {
		const row = build(kept);
		if (rowWidth(row) <= width || kept.length === 1) {
			return fitRow(row, width, true, BAR);
		}

		const lowest = Math.max(...kept.map((part) => part.priority));
		kept = kept.filter((part) => part.priority !== lowest);
	}
}
