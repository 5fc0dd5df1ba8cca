/**
 * The status line: connection state (with a countdown while offline), where the server
 * is (host:port, or how an SSH user reached it), the user's name and group. On a narrow terminal the less important parts are left out
 * rather than cut off mid-word.
 */
import {isSigningIn, serverShownAs, type ChatState} from '../state/index.js';
import {fitRow, rowWidth, span, type Row, type Span, type Style} from './spans.js';
import {truncateWords} from './text-width.js';
import {visibleText} from './visible-text.js';

const BAR: Style = {inverse: true};

/** All of the state the status line shows: it is drawn again only when one of these changes. */
export type StatusState = Pick<ChatState, 'connection' | 'me' | 'passwordPrompt'>;

interface Part {
	readonly span: Span;
	/** Lower is kept first when room runs out. */
	readonly priority: number;
}

function retryingIn(secondsToRetry: number | undefined): string {
	return secondsToRetry !== undefined && secondsToRetry > 0 ? `retrying in ${secondsToRetry}s` : 'retrying now';
}

function connectionText(state: StatusState, secondsToRetry: number | undefined): {text: string; color: Style['color']} {
	const {connection, me} = state;
	// Reconnecting to get our own name back from the server (state/name-wait.ts): that,
	// not the hang-ups and reconnects it takes, is what the user needs to know.
	if (me.nameWait !== undefined && connection.status !== 'online' && connection.status !== 'stopped') {
		return {
			text: connection.status === 'offline' ? `waiting for name, ${retryingIn(secondsToRetry)}` : 'waiting for name',
			color: 'yellow',
		};
	}

	switch (connection.status) {
		case 'connecting':
			return {text: connection.attempt > 1 ? `connecting (try ${connection.attempt})` : 'connecting', color: 'yellow'};
		case 'registering':
			if (state.passwordPrompt?.purpose === 'login') {
				return {text: state.passwordPrompt.checking ? 'logging in' : 'password needed', color: 'yellow'};
			}

			if (!me.askingName) {
				return {text: 'signing in', color: 'yellow'};
			}

			return {text: me.checkingName ? 'checking name' : 'connected', color: 'yellow'};
		case 'online':
			return {text: 'online', color: 'green'};
		case 'offline':
			// Not "offline": a name that does not resolve is a typo or DNS, not a server restarting.
			return {
				text: `${connection.unresolved === true ? 'host not found' : 'offline'}, ${retryingIn(secondsToRetry)}`,
				color: 'red',
			};
		case 'stopped':
			return {text: 'stopped', color: 'red'};
	}
}

/** The status line, exactly `width` columns. */
export function statusRow(state: StatusState, width: number, secondsToRetry: number | undefined): Row {
	const {connection, me} = state;
	const status = connectionText(state, secondsToRetry);
	// While the prompt is up, a wanted name was refused: there is no name yet.
	const name = me.name ?? (isSigningIn(state) && state.passwordPrompt === undefined ? undefined : me.wantedName);
	const parts: Part[] = [
		{span: span(` ${status.text} `, {...BAR, bold: true, color: status.color}), priority: 0},
		{span: span(` ${serverShownAs(connection)} `, BAR), priority: 3},
		{
			span: span(name === undefined ? ' no name yet ' : ` ${visibleText(name)} `, {...BAR, bold: name !== undefined}),
			priority: 1,
		},
		...(me.group === undefined ? [] : [{span: span(` in ${visibleText(me.group)} `, BAR), priority: 2}]),
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
			return withReason(state, fitRow(row, width, true, BAR), width);
		}

		const lowest = Math.max(...kept.map((part) => part.priority));
		kept = kept.filter((part) => part.priority !== lowest);
	}
}

/** Narrowest room worth giving the reason: less than this says nothing readable. */
const MIN_REASON_WIDTH = 12;

/**
 * While offline, why (a refused connection, an untrusted certificate) is what the
 * user needs most after the countdown, so it takes the room the padding and the help
 * hint had, shortened with … rather than left out when the whole sentence does not fit;
 * shortened between words, never inside one (docs/TUI.md says parts are never cut mid-word).
 */
function withReason(state: StatusState, row: Row, width: number): Row {
	const {connection} = state;
	if (connection.status !== 'offline' || connection.lastError === undefined) {
		return row;
	}

	// The row without its padding and the help hint: status, name, group, address.
	const essentials = row.filter((part) => part.text.trim() !== '' && !part.text.includes('/help'));
	const room = width - rowWidth(essentials) - 3;
	if (room < MIN_REASON_WIDTH) {
		return row;
	}

	const reason = truncateWords(visibleText(connection.lastError), room);
	if (reason === '') {
		return row;
	}

	return fitRow(
		[...essentials, span('│', {...BAR, dim: true}), span(` ${reason} `, {...BAR, dim: true})],
		width,
		true,
		BAR,
	);
}
